import { prune } from '../../spaces/graph/draft.ts';
import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { GraphBuilder, type EncodedGraph, type ProgramEncoder } from './encoded-graph.ts';

/** What the DAG encoding needs to know of a graph space. */
export interface DagEncodingOptions {
  readonly inputs: number;
  readonly outputs: number;
  readonly ops: OpSet;
}

/**
 * Typed DAG programs (formulas, optimizer and loss programs) as graphs: one node per input
 * (`input:i`, so that x and y stay apart), per constant (`const`, its value in the value
 * column) and per op vertex (its op name); outputs mark the node they read (`output:j`).
 * Each argument is an edge typed by its position, so a − b and b − a differ; the arguments
 * of a commutative op all take position 0, so a + b and b + a encode alike, as the space's
 * key already treats them. Dead vertices (an optimizer program's stepping stones) are left
 * out: they change nothing the program computes, as its key ignores them too.
 */
export function dagEncoding(options: DagEncodingOptions): ProgramEncoder<Graph> {
  const { inputs, outputs, ops } = options;
  const vocabulary = [
    ...Array.from({ length: inputs }, (_, i) => `input:${i}`),
    'const',
    ...Array.from({ length: outputs }, (_, j) => `output:${j}`),
    ...ops.names,
  ];
  const positions = Math.max(1, ...ops.specs.map((s) => s.arity));
  const commutative = new Map(ops.specs.map((s) => [s.name, s.commutative]));
  const encode = (program: Graph): EncodedGraph => {
    const g = prune(program);
    const b = new GraphBuilder('dagEncoding', vocabulary, positions);
    for (let i = 0; i < g.inputs; i++) b.node([`input:${i}`]);
    g.vertices.forEach((v) => {
      if (isConst(v)) {
        b.node(['const'], v.const);
        return;
      }
      const op = ops.find(v.op)?.name ?? v.op;
      const id = b.node([op]);
      const samePosition = commutative.get(op) === true;
      v.args.forEach((arg, position) => b.edge(arg, id, samePosition ? 0 : position));
    });
    g.outputs.forEach((id, j) => b.mark(id, `output:${j}`));
    return b.finish();
  };
  return { kind: 'graph', vocabulary, width: vocabulary.length + 1, edgeTypes: 2 * positions, encode };
}
