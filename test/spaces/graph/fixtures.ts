import { Rng } from '../../../src/core/rng.ts';
import { defineOp, graphSpace, isConst, standardOps, type Graph, type GraphSpace, type OpSet, type Vertex } from '../../../src/spaces/graph/index.ts';

/** A space over every standard op, three inputs. */
export function everyOpSpace(maxVertices = 24): GraphSpace {
  return graphSpace({ inputs: 3, ops: [...standardOps.keys()], maxVertices, initialVertices: [1, Math.min(10, maxVertices)] });
}

/** Ops over two types: 'real' and 'bool' (0 or 1), to check that types are honoured. */
export const typedOps = [
  'add',
  'mul',
  'sin',
  defineOp({ name: 'gt', arity: 2, argTypes: ['real', 'real'], type: 'bool', emit: ([a, b]) => `(${a} > ${b} ? 1 : 0)`, evaluate: (a, b) => (a > b ? 1 : 0) }),
  defineOp({ name: 'not', arity: 1, argTypes: ['bool'], type: 'bool', emit: ([a]) => `(1 - ${a})`, evaluate: (a) => 1 - a }),
  defineOp({ name: 'and', arity: 2, argTypes: ['bool', 'bool'], type: 'bool', commutative: true, emit: ([a, b]) => `(${a} * ${b})`, evaluate: (a, b) => a * b }),
  defineOp({
    name: 'select', arity: 3, argTypes: ['bool', 'real', 'real'], type: 'real',
    emit: ([c, a, b]) => `(${c} !== 0 ? ${a} : ${b})`, evaluate: (c, a, b) => (c !== 0 ? a : b),
  }),
];

/** A space whose programs read two reals and a bool and write a real and a bool. */
export function typedSpace(): GraphSpace {
  return graphSpace({ inputs: 3, inputTypes: ['real', 'real', 'bool'], outputs: 2, outputTypes: ['real', 'bool'], ops: typedOps, maxVertices: 16 });
}

/** Values that break careless code: zeros of both signs, tiny, huge, infinite, NaN. */
export const SPECIAL_VALUES = [0, -0, 1, -1, 0.5, -2.5, 3, 1e-13, -1e-13, 1e-320, 80, 81, 700, 1e300, -1e300, Infinity, -Infinity, NaN, Math.PI];

/** Mostly ordinary values, sometimes special ones. */
export function randomInput(rng: Rng): number {
  return rng.chance(0.2) ? rng.pick(SPECIAL_VALUES) : rng.normal() * 3;
}

/**
 * The same program with its vertices in another random topological order, and the arguments
 * of commutative ops shuffled.
 */
export function relabel(g: Graph, ops: OpSet, rng: Rng): Graph {
  const n = g.inputs + g.vertices.length;
  const placed = new Int32Array(n).fill(-1);
  for (let i = 0; i < g.inputs; i++) placed[i] = i;
  const order: number[] = [];
  while (order.length < g.vertices.length) {
    const ready: number[] = [];
    for (let id = g.inputs; id < n; id++) {
      const v = g.vertices[id - g.inputs]!;
      if (placed[id] === -1 && (isConst(v) || v.args.every((a) => placed[a] !== -1))) ready.push(id);
    }
    const id = rng.pick(ready);
    placed[id] = g.inputs + order.length;
    order.push(id);
  }
  const vertices: Vertex[] = order.map((id) => {
    const v = g.vertices[id - g.inputs]!;
    if (isConst(v)) return v;
    const args = v.args.map((a) => placed[a]!);
    return { op: v.op, args: ops.find(v.op)!.commutative ? rng.shuffle(args) : args };
  });
  return { inputs: g.inputs, vertices, outputs: g.outputs.map((id) => placed[id]!) };
}

/** A graph of `g`'s vertices whose outputs are every id, to read intermediate values. */
export function exposeAll(g: Graph): Graph {
  return { ...g, outputs: Array.from({ length: g.inputs + g.vertices.length }, (_, id) => id) };
}

/** Equality that treats NaN as equal to NaN and tells -0 from 0. */
export function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b);
}

/** Random graphs from a space: fresh ones and mutated ones, for property tests. */
export function sampleGraphs(space: GraphSpace, count: number, seed: number): Graph[] {
  const rng = new Rng(seed);
  const graphs: Graph[] = [];
  let g = space.random(rng);
  for (let i = 0; i < count; i++) {
    g = i % 5 === 0 ? space.random(rng) : space.mutate(g, rng);
    graphs.push(g);
  }
  return graphs;
}
