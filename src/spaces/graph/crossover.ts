import type { Rng } from '../../core/rng.ts';
import { GraphDraft } from './draft.ts';
import { isConst, type Graph } from './graph.ts';
import type { Grammar } from './grammar.ts';
import { vertexTypes } from './validate.ts';

/** Tries before giving up when the donated subexpressions keep overflowing maxVertices. */
const ATTEMPTS = 8;

/**
 * Subtree crossover on DAGs: a child of `a` in which one argument slot (or output) of type T
 * reads a copy of a random type-T subexpression of `b`. The copy brings along everything the
 * donated vertex depends on, so the child stays valid and pruned; when no donation fits
 * within maxVertices, the child is `a` itself.
 */
export function subgraphCrossover(a: Graph, b: Graph, grammar: Grammar, rng: Rng): Graph {
  const typesA = vertexTypes(a, grammar.ops, grammar.signature.inputTypes);
  const typesB = vertexTypes(b, grammar.ops, grammar.signature.inputTypes);
  const slots: [consumer: number, slot: number][] = [];
  for (const [k, v] of a.vertices.entries()) if (!isConst(v)) for (let j = 0; j < v.args.length; j++) slots.push([a.inputs + k, j]);
  for (let k = 0; k < a.outputs.length; k++) slots.push([-1, k]);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [consumer, slot] = rng.pick(slots);
    const consumerVertex = consumer === -1 ? undefined : (a.vertices[consumer - a.inputs] as { op: string; args: readonly number[] });
    const type = typesA[consumerVertex === undefined ? a.outputs[slot]! : consumerVertex.args[slot]!]!;
    const donors: number[] = [];
    for (let id = b.inputs; id < typesB.length; id++) if (typesB[id] === type) donors.push(id);
    if (donors.length === 0) continue;
    const root = rng.pick(donors);
    const draft = new GraphDraft(a);
    const copied = copySubgraph(b, root, draft);
    if (consumerVertex === undefined) draft.outputs[slot] = copied;
    else draft.replace(consumer, { op: consumerVertex.op, args: consumerVertex.args.map((x, j) => (j === slot ? copied : x)) });
    const child = draft.finish();
    if (child.vertices.length <= grammar.maxVertices) return child;
  }
  return a;
}

/** Appends to `draft` the vertices of `b` that `root` depends on; returns the copy of `root`. */
function copySubgraph(b: Graph, root: number, draft: GraphDraft): number {
  const needed = new Uint8Array(b.inputs + b.vertices.length);
  needed[root] = 1;
  for (let id = root; id >= b.inputs; id--) {
    const v = b.vertices[id - b.inputs]!;
    if (needed[id] === 1 && !isConst(v)) for (const arg of v.args) needed[arg] = 1;
  }
  const newId = new Int32Array(needed.length);
  for (let i = 0; i < b.inputs; i++) newId[i] = i;
  for (let id = b.inputs; id <= root; id++) {
    if (needed[id] === 0) continue;
    const v = b.vertices[id - b.inputs]!;
    newId[id] = draft.append(isConst(v) ? v : { op: v.op, args: v.args.map((x) => newId[x]!) });
  }
  return newId[root]!;
}
