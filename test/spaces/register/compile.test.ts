import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import type { Instruction, Memory, MemoryShape } from '../../../src/spaces/register/index.ts';
import {
  AUTOML_ZERO_FIRST_WRITABLE,
  Emitter,
  OPS,
  StepCompiler,
  compileComponent,
  componentSignature,
  createMemory,
  emitComponent,
  interpret,
  randomizeInstruction,
  resolveComponent,
  runSteps,
} from '../../../src/spaces/register/index.ts';

// Special values exercise the rules that must agree exactly: NaN in min/max, -0, infinities.
const SPECIAL = [0, -0, 1, -1, Infinity, -Infinity, NaN, 1e300, -1e-300];

function memoryFrom(shape: MemoryShape, seed: number, specials: number): Memory {
  const memory = createMemory(shape);
  const rng = new Rng(seed);
  for (const array of [memory.s, memory.v, memory.m]) {
    for (let i = 0; i < array.length; i++) array[i] = rng.chance(specials) ? rng.pick(SPECIAL) : rng.normal() * 3;
  }
  return memory;
}

function copy(memory: Memory): Memory {
  return { features: memory.features, s: memory.s.slice(), v: memory.v.slice(), m: memory.m.slice(), scratch: memory.scratch.slice() };
}

function assertSameMemory(a: Memory, b: Memory, label: string): void {
  for (const kind of ['s', 'v', 'm'] as const) {
    a[kind].forEach((value, i) => assert.ok(Object.is(value, b[kind][i]), `${label}: ${kind}[${i}] is ${value} vs ${b[kind][i]}`));
  }
}

/** A random program over all 65 ops for `shape`, with valid addresses and data. */
const programArbitrary = (shape: MemoryShape): fc.Arbitrary<Instruction[]> =>
  fc.array(
    fc.tuple(fc.constantFrom(...OPS), fc.integer({ min: 0, max: 2 ** 31 - 1 })).map(([op, seed]) =>
      randomizeInstruction(op, { shape, firstWritable: AUTOML_ZERO_FIRST_WRITABLE }, new Rng(seed)),
    ),
    { maxLength: 40 },
  );

const shapeArbitrary: fc.Arbitrary<MemoryShape> = fc.record({
  scalars: fc.integer({ min: 2, max: 5 }),
  vectors: fc.integer({ min: 2, max: 4 }),
  matrices: fc.integer({ min: 1, max: 3 }),
  features: fc.constantFrom(1, 2, 3, 4, 5, 8),
});

describe('compiling register programs', () => {
  it('compiled equals interpreted on random programs, bit for bit, unrolled or looped', () => {
    fc.assert(
      fc.property(
        shapeArbitrary.chain((shape) => fc.tuple(fc.constant(shape), programArbitrary(shape), fc.integer(), fc.double({ min: 0, max: 0.3, noNaN: true }))),
        ([shape, program, seed, specials]) => {
          const start = memoryFrom(shape, seed, specials);
          const interpreted = copy(start);
          interpret(resolveComponent(program), interpreted, new Rng(seed));
          for (const unrollFeatures of [4, 0]) {
            const compiled = copy(start);
            compileComponent(program, shape, { unrollFeatures })(compiled, new Rng(seed));
            assertSameMemory(compiled, interpreted, `compiled (unroll up to F=${unrollFeatures})`);
          }
          const threaded = copy(start);
          runSteps(new StepCompiler(shape).steps(resolveComponent(program), threaded), new Rng(seed));
          assertSameMemory(threaded, interpreted, 'threaded');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives programs that differ only in constants the same signature and the same code', () => {
    const shape: MemoryShape = { scalars: 4, vectors: 3, matrices: 1, features: 4 };
    const a = [randomizeInstruction(OPS[56]!, { shape, firstWritable: AUTOML_ZERO_FIRST_WRITABLE }, new Rng(1))];
    const b = [{ ...a[0]!, data: [a[0]!.data[0]! + 1] }];
    const emit = (program: Instruction[]) => emitComponent(new Emitter(shape), resolveComponent(program), []);
    assert.equal(componentSignature(resolveComponent(a), 4), componentSignature(resolveComponent(b), 4));
    assert.equal(emit(a), emit(b));
  });

  it('refuses to emit code for an address outside the memory', () => {
    const shape: MemoryShape = { scalars: 4, vectors: 3, matrices: 1, features: 4 };
    const bad = [{ op: 'SCALAR_SUM_OP', in1: 0, in2: 1, out: 9, data: [] }];
    assert.throws(() => compileComponent(bad, shape), /out must be a scalar register in s0\.\.s3, got 9/);
    const injected = [{ op: 'SCALAR_SUM_OP', in1: 0, in2: 1, out: '1]; globalThis.x = 1; s[1' as unknown as number, data: [] }];
    assert.throws(() => compileComponent(injected, shape), /out must be a scalar register/);
  });
});
