import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Instruction, Memory, MemoryShape, OpRandom } from '../../../src/spaces/register/index.ts';
import { OPS, StepCompiler, compileComponent, createMemory, instruction, interpret, opNamed, resolveComponent, runSteps } from '../../../src/spaces/register/index.ts';

// F = 2 keeps every case computable by hand.
const SHAPE: MemoryShape = { scalars: 4, vectors: 3, matrices: 3, features: 2 };

/** s0=0.5 s1=-2 s2=3 s3=0; v0=[1,2] v1=[-3,0.5] v2=0; m0=[[1,2],[3,4]] m1=[[-1,0.5],[2,-2]] m2=0. */
function startMemory(): Memory {
  const memory = createMemory(SHAPE);
  memory.s.set([0.5, -2, 3, 0]);
  memory.v.set([1, 2, -3, 0.5, 0, 0]);
  memory.m.set([1, 2, 3, 4, -1, 0.5, 2, -2, 0, 0, 0, 0]);
  return memory;
}

/** A random source that replays fixed draws, so random ops have hand-computable results. */
function scriptedRandom(): OpRandom {
  const floats = [0.25, 0.5, 0.75, 0.125];
  const normals = [1.5, -0.5, 2, -2];
  let f = 0;
  let n = 0;
  return { float: () => floats[f++ % floats.length]!, normal: () => normals[n++ % normals.length]! };
}

interface Case {
  readonly ins: Instruction;
  /** Registers expected to change, by kind and address; everything else must stay put. */
  readonly s?: { [address: number]: number };
  readonly v?: { [address: number]: number[] };
  readonly m?: { [address: number]: number[] };
}

const op = (name: string, fields: Parameters<typeof instruction>[1]): Instruction => instruction(name, fields);
const S = (name: string, in1: number, in2: number, out: number) => op(name, { in1, in2, out });

const CASES: readonly Case[] = [
  { ins: op('NO_OP', {}) },
  { ins: S('SCALAR_SUM_OP', 1, 2, 3), s: { 3: 1 } },
  { ins: S('SCALAR_DIFF_OP', 1, 2, 3), s: { 3: -5 } },
  { ins: S('SCALAR_PRODUCT_OP', 1, 2, 3), s: { 3: -6 } },
  { ins: S('SCALAR_DIVISION_OP', 2, 1, 3), s: { 3: -1.5 } },
  { ins: S('SCALAR_ABS_OP', 1, 0, 3), s: { 3: 2 } },
  { ins: S('SCALAR_RECIPROCAL_OP', 1, 0, 3), s: { 3: -0.5 } },
  { ins: S('SCALAR_SIN_OP', 0, 0, 3), s: { 3: 0.479425538604203 } },
  { ins: S('SCALAR_COS_OP', 0, 0, 3), s: { 3: 0.8775825618903728 } },
  { ins: S('SCALAR_TAN_OP', 0, 0, 3), s: { 3: 0.5463024898437905 } },
  { ins: S('SCALAR_ARCSIN_OP', 0, 0, 3), s: { 3: Math.PI / 6 } },
  { ins: S('SCALAR_ARCCOS_OP', 0, 0, 3), s: { 3: Math.PI / 3 } },
  { ins: S('SCALAR_ARCTAN_OP', 0, 0, 3), s: { 3: 0.4636476090008061 } },
  { ins: S('SCALAR_EXP_OP', 0, 0, 3), s: { 3: 1.6487212707001282 } },
  { ins: S('SCALAR_LOG_OP', 2, 0, 3), s: { 3: 1.0986122886681098 } },
  { ins: S('SCALAR_HEAVYSIDE_OP', 1, 0, 3), s: { 3: 0 } },
  { ins: S('SCALAR_HEAVYSIDE_OP', 3, 0, 2), s: { 2: 1 } }, // 0 counts as a step up for scalars
  { ins: S('VECTOR_HEAVYSIDE_OP', 1, 0, 2), v: { 2: [0, 1] } },
  { ins: S('VECTOR_HEAVYSIDE_OP', 2, 0, 1), v: { 1: [0, 0] } }, // but not for vectors
  { ins: S('MATRIX_HEAVYSIDE_OP', 1, 0, 2), m: { 2: [0, 1, 1, 0] } },
  { ins: S('SCALAR_VECTOR_PRODUCT_OP', 1, 0, 2), v: { 2: [-2, -4] } },
  { ins: S('SCALAR_BROADCAST_OP', 2, 0, 2), v: { 2: [3, 3] } },
  { ins: S('VECTOR_RECIPROCAL_OP', 1, 0, 2), v: { 2: [-1 / 3, 2] } },
  { ins: S('VECTOR_NORM_OP', 0, 0, 3), s: { 3: Math.sqrt(5) } },
  { ins: S('VECTOR_ABS_OP', 1, 0, 2), v: { 2: [3, 0.5] } },
  { ins: S('VECTOR_SUM_OP', 0, 1, 2), v: { 2: [-2, 2.5] } },
  { ins: S('VECTOR_DIFF_OP', 0, 1, 2), v: { 2: [4, 1.5] } },
  { ins: S('VECTOR_PRODUCT_OP', 0, 1, 2), v: { 2: [-3, 1] } },
  { ins: S('VECTOR_DIVISION_OP', 0, 1, 2), v: { 2: [-1 / 3, 4] } },
  { ins: S('VECTOR_INNER_PRODUCT_OP', 0, 1, 3), s: { 3: -2 } },
  { ins: S('VECTOR_OUTER_PRODUCT_OP', 0, 1, 2), m: { 2: [-3, 0.5, -6, 1] } },
  { ins: S('SCALAR_MATRIX_PRODUCT_OP', 1, 0, 2), m: { 2: [-2, -4, -6, -8] } },
  { ins: S('MATRIX_RECIPROCAL_OP', 0, 0, 2), m: { 2: [1, 0.5, 1 / 3, 0.25] } },
  { ins: S('MATRIX_VECTOR_PRODUCT_OP', 0, 0, 2), v: { 2: [5, 11] } },
  { ins: S('MATRIX_VECTOR_PRODUCT_OP', 0, 1, 1), v: { 1: [-2, -7] } }, // output overwrites its input
  { ins: S('VECTOR_COLUMN_BROADCAST_OP', 0, 0, 2), m: { 2: [1, 1, 2, 2] } },
  { ins: S('VECTOR_ROW_BROADCAST_OP', 0, 0, 2), m: { 2: [1, 2, 1, 2] } },
  { ins: S('MATRIX_NORM_OP', 0, 0, 3), s: { 3: Math.sqrt(30) } },
  { ins: S('MATRIX_COLUMN_NORM_OP', 0, 0, 2), v: { 2: [Math.sqrt(10), Math.sqrt(20)] } },
  { ins: S('MATRIX_ROW_NORM_OP', 0, 0, 2), v: { 2: [Math.sqrt(5), 5] } },
  { ins: S('MATRIX_TRANSPOSE_OP', 0, 0, 2), m: { 2: [1, 3, 2, 4] } },
  { ins: S('MATRIX_TRANSPOSE_OP', 1, 0, 1), m: { 1: [-1, 2, 0.5, -2] } }, // in place
  { ins: S('MATRIX_ABS_OP', 1, 0, 2), m: { 2: [1, 0.5, 2, 2] } },
  { ins: S('MATRIX_SUM_OP', 0, 1, 2), m: { 2: [0, 2.5, 5, 2] } },
  { ins: S('MATRIX_DIFF_OP', 0, 1, 2), m: { 2: [2, 1.5, 1, 6] } },
  { ins: S('MATRIX_PRODUCT_OP', 0, 1, 2), m: { 2: [-1, 1, 6, -8] } },
  { ins: S('MATRIX_DIVISION_OP', 0, 1, 2), m: { 2: [-1, 4, 1.5, -2] } },
  { ins: S('MATRIX_MATRIX_PRODUCT_OP', 0, 1, 2), m: { 2: [3, -3.5, 5, -6.5] } },
  { ins: S('MATRIX_MATRIX_PRODUCT_OP', 0, 1, 0), m: { 0: [3, -3.5, 5, -6.5] } }, // output overwrites an input
  { ins: S('SCALAR_MIN_OP', 1, 2, 3), s: { 3: -2 } },
  { ins: S('VECTOR_MIN_OP', 0, 1, 2), v: { 2: [-3, 0.5] } },
  { ins: S('MATRIX_MIN_OP', 0, 1, 2), m: { 2: [-1, 0.5, 2, -2] } },
  { ins: S('SCALAR_MAX_OP', 1, 2, 3), s: { 3: 3 } },
  { ins: S('VECTOR_MAX_OP', 0, 1, 2), v: { 2: [1, 2] } },
  { ins: S('MATRIX_MAX_OP', 0, 1, 2), m: { 2: [1, 2, 3, 4] } },
  { ins: S('VECTOR_MEAN_OP', 0, 0, 3), s: { 3: 1.5 } },
  { ins: S('MATRIX_MEAN_OP', 0, 0, 3), s: { 3: 2.5 } },
  { ins: S('MATRIX_ROW_MEAN_OP', 0, 0, 2), v: { 2: [1.5, 3.5] } },
  { ins: S('MATRIX_ROW_ST_DEV_OP', 0, 0, 2), v: { 2: [0.5, 0.5] } },
  { ins: S('VECTOR_ST_DEV_OP', 1, 0, 3), s: { 3: 1.75 } },
  { ins: S('MATRIX_ST_DEV_OP', 0, 0, 3), s: { 3: Math.sqrt(1.25) } },
  { ins: op('SCALAR_CONST_SET_OP', { out: 3, data: [0.25] }), s: { 3: 0.25 } },
  { ins: op('VECTOR_CONST_SET_OP', { out: 2, data: [0.6, -7] }), v: { 2: [0, -7] } },
  { ins: op('MATRIX_CONST_SET_OP', { out: 2, data: [0.1, 0.9, 5] }), m: { 2: [0, 5, 0, 0] } },
  { ins: op('SCALAR_UNIFORM_SET_OP', { out: 3, data: [-1, 3] }), s: { 3: 0 } },
  { ins: op('VECTOR_UNIFORM_SET_OP', { out: 2, data: [0, 2] }), v: { 2: [0.5, 1] } },
  { ins: op('MATRIX_UNIFORM_SET_OP', { out: 2, data: [0, 4] }), m: { 2: [1, 2, 3, 0.5] } },
  { ins: op('SCALAR_GAUSSIAN_SET_OP', { out: 3, data: [1, 2] }), s: { 3: 4 } },
  { ins: op('VECTOR_GAUSSIAN_SET_OP', { out: 2, data: [0, 1] }), v: { 2: [1.5, -0.5] } },
  { ins: op('MATRIX_GAUSSIAN_SET_OP', { out: 2, data: [1, 0.5] }), m: { 2: [1.75, 0.75, 2, 0] } },
];

function expectedMemory(c: Case): Memory {
  const memory = startMemory();
  for (const [a, value] of Object.entries(c.s ?? {})) memory.s[Number(a)] = value;
  for (const [a, values] of Object.entries(c.v ?? {})) memory.v.set(values, Number(a) * SHAPE.features);
  for (const [a, values] of Object.entries(c.m ?? {})) memory.m.set(values, Number(a) * SHAPE.features ** 2);
  return memory;
}

function assertMemoryClose(actual: Memory, expected: Memory, label: string): void {
  for (const kind of ['s', 'v', 'm'] as const) {
    actual[kind].forEach((value, i) => {
      const want = expected[kind][i]!;
      assert.ok(Math.abs(value - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${label}: ${kind}[${i}] is ${value}, expected ${want}`);
    });
  }
}

const RUNNERS: { readonly name: string; run(ins: Instruction, memory: Memory, rng: OpRandom): void }[] = [
  { name: 'interpreted', run: (ins, memory, rng) => interpret(resolveComponent([ins]), memory, rng) },
  { name: 'compiled with locals', run: (ins, memory, rng) => compileComponent([ins], SHAPE)(memory, rng) },
  { name: 'compiled with loops', run: (ins, memory, rng) => compileComponent([ins], SHAPE, { unrollFeatures: 0 })(memory, rng) },
  { name: 'threaded', run: (ins, memory, rng) => runSteps(new StepCompiler(SHAPE).steps(resolveComponent([ins]), memory), rng) },
];

describe('the AutoML-Zero instruction set', () => {
  it('has the 65 ops of AutoML-Zero, numbered 0 to 64 in enum order', () => {
    assert.equal(OPS.length, 65);
    assert.deepEqual(
      OPS.map((o) => o.id),
      [...Array(65).keys()],
    );
    assert.ok(OPS.every((o) => o.name === 'NO_OP' || o.name.endsWith('_OP')));
  });

  it('has a hand-computed case for every op', () => {
    const covered = new Set(CASES.map((c) => c.ins.op));
    assert.deepEqual(
      OPS.filter((o) => !covered.has(o.name)).map((o) => o.name),
      [],
    );
  });

  for (const c of CASES) {
    const spec = opNamed(c.ins.op);
    it(`${spec.name} (${spec.format(c.ins, SHAPE.features)}) gives the hand-computed result interpreted, compiled and threaded`, () => {
      for (const runner of RUNNERS) {
        const memory = startMemory();
        runner.run(c.ins, memory, scriptedRandom());
        assertMemoryClose(memory, expectedMemory(c), `${runner.name} ${spec.name}`);
      }
    });
  }
});
