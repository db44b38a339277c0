import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { encoderFromRecipe } from '../../../src/learn/guide/encodings.ts';
import type { EncodedGraph } from '../../../src/learn/guide/encoded-graph.ts';
import { batchGraphs } from '../../../src/learn/guide/encoded-graph.ts';
import type { EdgeOpCell } from '../../../src/learn/guide/cell-encoding.ts';
import { graphSpace, isConst, type Graph, type Vertex } from '../../../src/spaces/graph/index.ts';
import { DEMO_OPS, instruction, registerSpace, type RegisterProgram } from '../../../src/spaces/register/index.ts';
import { NB101_GUIDE_ENCODING, NB201_GUIDE_ENCODING } from '../../../src/tasks/nas/guide-encodings.ts';
import { randomNb101Spec } from '../../../src/tasks/nas/nb101/mutations.ts';
import { nasBench201Space } from '../../../src/tasks/nas/nb201/space.ts';
import { programFromStatements } from '../../../src/tasks/optimizers/program.ts';
import { lionProgram } from '../../../src/tasks/optimizers/reference-programs.ts';
import { optimizerSpace } from '../../../src/tasks/optimizers/space.ts';

/** The graph as sorted node rows and sorted edges over node rows: equal for graphs equal up to renaming their nodes, when rows are distinct enough. */
function edgesAsRows(g: EncodedGraph): { nodes: string[]; edges: string[] } {
  const width = g.features.length / Math.max(1, g.nodes);
  const row = (n: number) => Array.from(g.features.subarray(n * width, (n + 1) * width)).join(',');
  return {
    nodes: Array.from({ length: g.nodes }, (_, n) => row(n)).sort(),
    edges: Array.from(g.sources, (s, e) => `${row(s)}|${g.types[e]}|${row(g.targets[e]!)}`).sort(),
  };
}

/** A Weisfeiler–Lehman colour multiset: equal for isomorphic graphs. */
function wlColours(g: EncodedGraph, rounds = 6): string[] {
  const width = g.features.length / Math.max(1, g.nodes);
  let colours = Array.from({ length: g.nodes }, (_, n) => Array.from(g.features.subarray(n * width, (n + 1) * width)).join(','));
  for (let r = 0; r < rounds; r++) {
    const incoming: string[][] = colours.map(() => []);
    g.targets.forEach((t, e) => incoming[t]!.push(`${g.types[e]}:${colours[g.sources[e]!]}`));
    colours = colours.map((c, n) => `${c}(${incoming[n]!.sort().join(';')})`);
  }
  return colours.sort();
}

/** The same program with its vertices in another topological order. */
function relabel(g: Graph, rng: Rng): Graph {
  const n = g.vertices.length;
  const placed = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  while (order.length < n) {
    const ready = [...Array(n).keys()].filter((k) => !placed[k] && (isConst(g.vertices[k]!) || (g.vertices[k] as { readonly args: readonly number[] }).args.every((a) => a < g.inputs || placed[a - g.inputs])));
    const k = ready[rng.int(ready.length)]!;
    placed[k] = true;
    order.push(k);
  }
  const newId = new Map<number, number>();
  for (let i = 0; i < g.inputs; i++) newId.set(i, i);
  order.forEach((k, position) => newId.set(g.inputs + k, g.inputs + position));
  const vertices: Vertex[] = order.map((k) => {
    const v = g.vertices[k]!;
    return isConst(v) ? v : { op: v.op, args: v.args.map((a) => newId.get(a)!) };
  });
  return { inputs: g.inputs, vertices, outputs: g.outputs.map((o) => newId.get(o)!) };
}

describe('graph encodings', () => {
  const space = graphSpace({ inputs: 2, ops: ['add', 'sub', 'mul', 'pdiv', 'sin', 'exp'], maxVertices: 16 });
  const dag = encoderFromRecipe(space, { kind: 'graph' });

  it('tells a − b from b − a, and not a + b from b + a (add is commutative)', () => {
    const program = (op: string, args: number[]): Graph => ({ inputs: 2, vertices: [{ op, args }], outputs: [2] });
    assert.notDeepEqual(wlColours(dag.encode(program('sub', [0, 1]))), wlColours(dag.encode(program('sub', [1, 0]))));
    assert.deepEqual(edgesAsRows(dag.encode(program('add', [0, 1]))), edgesAsRows(dag.encode(program('add', [1, 0]))));
  });

  it('keeps the inputs apart: x − x differs from y − y, and constants carry their value', () => {
    const g = (vertices: Vertex[]): Graph => ({ inputs: 2, vertices, outputs: [2 + vertices.length - 1] });
    assert.notDeepEqual(edgesAsRows(dag.encode(g([{ op: 'sub', args: [0, 0] }]))), edgesAsRows(dag.encode(g([{ op: 'sub', args: [1, 1] }]))));
    assert.notDeepEqual(dag.encode(g([{ const: 2 }, { op: 'mul', args: [0, 2] }])), dag.encode(g([{ const: 3 }, { op: 'mul', args: [0, 2] }])));
  });

  it('stores every argument edge in both directions, typed by position', () => {
    const e = dag.encode({ inputs: 2, vertices: [{ op: 'sub', args: [0, 1] }], outputs: [2] });
    assert.equal(dag.edgeTypes, 4);
    assert.deepEqual([...e.sources], [0, 2, 1, 2]);
    assert.deepEqual([...e.targets], [2, 0, 2, 1]);
    assert.deepEqual([...e.types], [0, 2, 1, 3]);
  });

  it('encodes a program and its vertices in another topological order alike (isomorphic relabelling)', () => {
    fc.assert(fc.property(fc.integer(), fc.integer(), (seed, order) => {
      const g = space.random(new Rng(seed));
      const h = relabel(g, new Rng(order));
      assert.deepEqual(edgesAsRows(dag.encode(h)), edgesAsRows(dag.encode(g)));
      assert.deepEqual(wlColours(dag.encode(h)), wlColours(dag.encode(g)));
    }), { numRuns: 100 });
  });

  it('encodes register programs alike when their writable registers are renamed, and differently when an operand moves', () => {
    const memory = { scalars: 5, vectors: 4, matrices: 2, features: 4 };
    const registers = registerSpace({ memory, components: { setup: { ops: DEMO_OPS, initialSize: 4 }, predict: { ops: DEMO_OPS, initialSize: 3 }, learn: { ops: DEMO_OPS, initialSize: 6 } } });
    const encoder = encoderFromRecipe(registers, { kind: 'register' });
    const rename = (p: RegisterProgram, map: { scalar: number[]; vector: number[]; matrix: number[] }): RegisterProgram => {
      const out: { [name: string]: ReturnType<typeof instruction>[] } = {};
      for (const [name, list] of Object.entries(p)) {
        out[name] = list.map((ins) => {
          const spec = registers.rules.components[0]!.ops.find((o) => o.name === ins.op) ?? registers.rules.components.flatMap((c) => c.ops).find((o) => o.name === ins.op);
          const at = (kind: 'scalar' | 'vector' | 'matrix' | undefined, a: number) => (kind === undefined ? a : map[kind][a]!);
          return instruction(ins.op, { in1: at(spec?.in1, ins.in1), in2: at(spec?.in2, ins.in2), out: at(spec?.out, ins.out), data: ins.data });
        });
      }
      return out;
    };
    fc.assert(fc.property(fc.integer(), fc.integer(), (seed, shuffle) => {
      const p = registers.random(new Rng(seed));
      const rng = new Rng(shuffle);
      // s0 (label), s1 (prediction) and v0 (features) keep their meaning; the rest may be renamed.
      const perm = (fixed: number, count: number) => [...Array(fixed).keys(), ...rng.shuffle([...Array(count - fixed).keys()].map((i) => i + fixed))];
      const q = rename(p, { scalar: perm(2, memory.scalars), vector: perm(1, memory.vectors), matrix: perm(0, memory.matrices) });
      assert.deepEqual(encoder.encode(q), encoder.encode(p));
    }), { numRuns: 50 });
    const dot = (in1: number, in2: number): RegisterProgram => ({ setup: [], predict: [instruction('SCALAR_DIFF_OP', { in1, in2, out: 1 })], learn: [] });
    assert.notDeepEqual(wlColours(encoder.encode(dot(0, 2))), wlColours(encoder.encode(dot(2, 0))));
  });

  it('gives a loop-carried edge to a register that learn writes and predict reads', () => {
    const p: RegisterProgram = {
      setup: [],
      predict: [instruction('SCALAR_SUM_OP', { in1: 2, in2: 0, out: 1 })],
      learn: [instruction('SCALAR_SUM_OP', { in1: 2, in2: 1, out: 2 })],
    };
    const registers = registerSpace({ memory: { scalars: 3, vectors: 1, matrices: 0, features: 2 }, components: { setup: { ops: ['SCALAR_SUM_OP'], initialSize: 0 }, predict: { ops: ['SCALAR_SUM_OP'], initialSize: 1 }, learn: { ops: ['SCALAR_SUM_OP'], initialSize: 1 } } });
    const e = encoderFromRecipe(registers, { kind: 'register' }).encode(p);
    assert.ok([...e.types].includes(3), `edge types ${[...e.types]}`);
  });

  it('encodes NAS-Bench-101 cells alike under a renumbering of their interior vertices', () => {
    const encoder = encoderFromRecipe({} as never, NB101_GUIDE_ENCODING);
    fc.assert(fc.property(fc.integer(), fc.integer(), (seed, shuffle) => {
      const cell = randomNb101Spec(new Rng(seed));
      const n = cell.ops.length;
      // A topological renumbering keeps the matrix upper-triangular; try a few and keep one that does.
      const rng = new Rng(shuffle);
      const interior = rng.shuffle([...Array(n - 2).keys()].map((i) => i + 1));
      const perm = [0, ...interior, n - 1];
      const ok = cell.matrix.every((row, i) => row.every((bit, j) => bit === 0 || perm.indexOf(i) < perm.indexOf(j)));
      if (!ok) return;
      const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => cell.matrix[perm[i]!]![perm[j]!]!));
      const ops = perm.map((i) => cell.ops[i]!);
      assert.deepEqual(wlColours(encoder.encode({ matrix, ops })), wlColours(encoder.encode(cell)));
    }), { numRuns: 100 });
  });

  it('encodes NAS-Bench-201 cells without their zero edges, so cells differ only where they compute differently', () => {
    const encoder = encoderFromRecipe<EdgeOpCell>(nasBench201Space() as never, NB201_GUIDE_ENCODING);
    const allNone = encoder.encode([0, 0, 0, 0, 0, 0]);
    assert.equal(allNone.nodes, 4);
    assert.equal(allNone.sources.length, 0);
    const conv = encoder.encode([2, 0, 0, 0, 0, 0]);
    const pool = encoder.encode([4, 0, 0, 0, 0, 0]);
    assert.equal(conv.nodes, 5);
    assert.notDeepEqual(conv, pool);
    const dna = nasBench201Space().random(new Rng(3));
    assert.deepEqual(encoder.encode(dna), encoder.encode(Array.from(dna.values.subarray(0, 6))));
  });

  it('packs many graphs into one with offset node ids', () => {
    const a = dag.encode({ inputs: 2, vertices: [{ op: 'sub', args: [0, 1] }], outputs: [2] });
    const batch = batchGraphs([a, a], dag.width);
    assert.equal(batch.graphs, 2);
    assert.deepEqual([...batch.graphOf], [0, 0, 0, 1, 1, 1]);
    assert.deepEqual([...batch.edges.sources].slice(4), [3, 5, 4, 5]);
    assert.deepEqual(batch.features.shape, [6, dag.width]);
  });

  it('encodes an optimizer program by its live statements: dead ones change nothing', () => {
    const optimizers = optimizerSpace();
    const encoder = encoderFromRecipe(optimizers, { kind: 'graph' });
    const live = programFromStatements([['m', 'interpolate', 'g', 'm', 0.9], ['update', 'mul_st', 'lr', 'm']]);
    const withDead = programFromStatements([['m', 'interpolate', 'g', 'm', 0.9], ['t', 'square', 'g'], ['t', 'exp', 't'], ['update', 'mul_st', 'lr', 'm']]);
    assert.deepEqual(edgesAsRows(encoder.encode(withDead)), edgesAsRows(encoder.encode(live)));
    assert.notDeepEqual(edgesAsRows(encoder.encode(lionProgram())), edgesAsRows(encoder.encode(live)));
  });

  it('refuses a recipe of an unknown kind or a space of another kind', () => {
    assert.throws(() => encoderFromRecipe(space, { kind: 'tree' }), /unknown graph encoding 'tree'/);
    assert.throws(() => encoderFromRecipe(nasBench201Space(), { kind: 'graph' }), /needs a graph space/);
  });
});
