import { UsageError } from '../../core/errors.ts';
import { canonicalConstant, isConst, type Graph, type GraphSignature } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { optimizerOps, SCALAR, TENSOR } from './ops.ts';

/*
 * An optimizer program is `train(w, g, m, v, lr, step) → (update, m, v)` as a typed DAG of
 * the graph space: ids 0..5 are the inputs, each vertex one statement (a function applied
 * to earlier values, or a constant), and the outputs the update (w ← w − update) and the new
 * values of the two slots m and v, which start at zero. A vertex no output depends on is a
 * dead statement: the space keeps it, as the paper's programs keep redundant statements,
 * because a later mutation may bring it to life.
 *
 * `step` (the update count, from 1) is ours, beside the paper's five inputs: with it AdamW's
 * bias correction is a program of the space. A program that never reads it is of the
 * paper's form.
 */

/** The inputs of every optimizer program, in id order. */
export const INPUT_NAMES = ['w', 'g', 'm', 'v', 'lr', 'step'] as const;
/** The outputs, in order: the update subtracted from w, then the new m and v. */
export const OUTPUT_NAMES = ['update', 'm', 'v'] as const;

/** Input ids of the parameter, gradient, the two slots, the learning rate and the step. */
export const W = 0, G = 1, M = 2, V = 3, LR = 4, STEP = 5;
/** The slot inputs and the outputs that carry their new values: m is input 2 and output 1. */
export const SLOTS = [
  { name: 'm', input: M, output: 1 },
  { name: 'v', input: V, output: 2 },
] as const;

/** The types an optimizer program reads and writes. */
export const OPTIMIZER_SIGNATURE: GraphSignature = {
  inputTypes: [TENSOR, TENSOR, TENSOR, TENSOR, SCALAR, SCALAR],
  outputTypes: [TENSOR, TENSOR, TENSOR],
};

/** A statement of a program under edit: its operands are nodes, so inserting and deleting renumber nothing. */
export type Node =
  | { readonly kind: 'input'; readonly index: number }
  | { readonly kind: 'const'; readonly value: number }
  | { readonly kind: 'op'; readonly op: string; readonly args: readonly Node[] };

/** A program as nodes: the inputs, the statements in order, and the output nodes. */
export interface ProgramNodes {
  readonly inputs: readonly Node[];
  readonly body: readonly Node[];
  readonly outputs: readonly Node[];
}

/** The program's statements as nodes that point at each other. */
export function toNodes(g: Graph): ProgramNodes {
  const all: Node[] = Array.from({ length: g.inputs }, (_, index) => ({ kind: 'input', index }));
  for (const v of g.vertices) all.push(isConst(v) ? { kind: 'const', value: v.const } : { kind: 'op', op: v.op, args: v.args.map((a) => all[a]!) });
  return { inputs: all.slice(0, g.inputs), body: all.slice(g.inputs), outputs: g.outputs.map((id) => all[id]!) };
}

/** Numbers the nodes again: a graph whose vertices are `body` in order. Every operand must come earlier. */
export function fromNodes(p: ProgramNodes): Graph {
  const ids = new Map<Node, number>(p.inputs.map((node, i) => [node, i]));
  const vertices = p.body.map((node, k) => {
    const id = p.inputs.length + k;
    ids.set(node, id);
    if (node.kind === 'const') return { const: canonicalConstant(node.value) };
    if (node.kind !== 'op') throw new Error('an input node inside the body');
    return {
      op: node.op,
      args: node.args.map((a) => {
        const arg = ids.get(a);
        if (arg === undefined || arg >= id) throw new Error(`statement ${id} reads a value defined after it`);
        return arg;
      }),
    };
  });
  return { inputs: p.inputs.length, vertices, outputs: p.outputs.map((node) => ids.get(node)!) };
}

/** One statement of `programFromStatements`: the variable it assigns, the op, and its operands (names or numbers). */
export type Statement = readonly [target: string, op: string, ...args: (string | number)[]];

/**
 * Builds a program from statements in the paper's style, each assigning one variable: names
 * read the latest assignment (or an input), numbers become constants, and the outputs are
 * the final `update`, `m` and `v`. Throws a UsageError naming a statement that reads an
 * undefined name, uses an unknown op or gives it the wrong number or type of operands.
 *
 * @example
 * programFromStatements([['update', 'sign', 'g'], ['update', 'mul_st', 'lr', 'update']]); // signSGD
 */
export function programFromStatements(statements: readonly Statement[], ops: OpSet = optimizerOps): Graph {
  const types: string[] = [...OPTIMIZER_SIGNATURE.inputTypes];
  const vertices: Graph['vertices'][number][] = [];
  const bound = new Map<string, number>(INPUT_NAMES.map((name, i) => [name, i]));
  for (const [k, [target, opName, ...operands]] of statements.entries()) {
    const where = `statement ${k + 1} (${target} = ${opName}(...))`;
    const spec = ops.find(opName);
    if (spec === undefined) throw new UsageError(`${where}: unknown op '${opName}'`);
    if (operands.length !== spec.arity) throw new UsageError(`${where}: '${spec.name}' takes ${spec.arity} operand(s), got ${operands.length}`);
    const args = operands.map((operand, i) => {
      let id: number | undefined;
      if (typeof operand === 'number') {
        if (!Number.isFinite(operand)) throw new UsageError(`${where}: constant ${operand} is not finite`);
        vertices.push({ const: canonicalConstant(operand) });
        types.push(SCALAR);
        id = types.length - 1;
      } else {
        id = bound.get(operand);
        if (id === undefined) throw new UsageError(`${where}: '${operand}' is not defined yet`);
      }
      if (types[id] !== spec.argTypes[i]) throw new UsageError(`${where}: operand ${i + 1} must be a ${spec.argTypes[i]}, '${String(operand)}' is a ${types[id]}`);
      return id;
    });
    vertices.push({ op: spec.name, args });
    types.push(spec.type);
    bound.set(target, types.length - 1);
  }
  const outputs = OUTPUT_NAMES.map((name, k) => {
    const id = bound.get(name);
    if (id === undefined) throw new UsageError(`the program never assigns '${name}'`);
    if (types[id] !== OPTIMIZER_SIGNATURE.outputTypes[k]) throw new UsageError(`'${name}' must be a tensor, but it is a ${types[id]}`);
    return id;
  });
  return { inputs: INPUT_NAMES.length, vertices, outputs };
}
