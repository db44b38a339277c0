import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { matmul, matmulBatch, type FloatArray } from '../../../src/learn/kernels/matmul.ts';
import { matmulNaive, matmulSmall } from '../../../src/learn/kernels/matmul-js.ts';
import { createWasmMatmul, matmulWasm } from '../../../src/learn/kernels/matmul-wasm.ts';
import { buildMatmulModule, defaultMatmulModuleOptions } from '../../../src/learn/kernels/matmul-wasm-module.ts';
import { relaxedSimdSupported } from '../../../src/learn/kernels/relaxed-simd.ts';

type Matmul = (
  a: FloatArray, aOffset: number, b: FloatArray, bOffset: number, out: FloatArray, outOffset: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
) => void;

interface Case {
  readonly m: number; readonly k: number; readonly n: number;
  readonly transposeA: boolean; readonly transposeB: boolean; readonly accumulate: boolean;
  readonly aOffset: number; readonly bOffset: number; readonly outOffset: number; readonly seed: number;
}

/** Shapes around the register blocks (4 rows × 8 columns) and the 256-row k blocks. */
const size = (max: number): fc.Arbitrary<number> => fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max }));
const cases: fc.Arbitrary<Case> = fc.record({
  m: size(40), k: fc.oneof(size(40), fc.integer({ min: 250, max: 300 })), n: size(40),
  transposeA: fc.boolean(), transposeB: fc.boolean(), accumulate: fc.boolean(),
  aOffset: fc.integer({ min: 0, max: 5 }), bOffset: fc.integer({ min: 0, max: 5 }), outOffset: fc.integer({ min: 0, max: 5 }),
  seed: fc.integer(),
});

/** Runs `kernel` on random data of the case's shape and checks every element of out against float64 sums. */
function assertMatchesReference(kernel: Matmul, c: Case, Storage: Float32ArrayConstructor | Float64ArrayConstructor, relativeTolerance: number): void {
  const rng = new Rng(c.seed);
  const fill = (length: number): FloatArray => {
    const array = new Storage(length);
    for (let index = 0; index < length; index++) array[index] = rng.uniform(-1, 1);
    return array;
  };
  const a = fill(c.aOffset + c.m * c.k), b = fill(c.bOffset + c.k * c.n);
  // Two spare elements past the product check that nothing outside it is written.
  const out = fill(c.outOffset + c.m * c.n + 2), before = Float64Array.from(out);
  kernel(a, c.aOffset, b, c.bOffset, out, c.outOffset, c.m, c.k, c.n, c.transposeA, c.transposeB, c.accumulate);
  for (let index = 0; index < out.length; index++) {
    const cell = index - c.outOffset;
    if (cell < 0 || cell >= c.m * c.n) {
      assert.equal(out[index], before[index], `element ${index} outside the product changed`);
      continue;
    }
    const i = Math.floor(cell / c.n), j = cell % c.n;
    let sum = c.accumulate ? before[index]! : 0, magnitude = Math.abs(sum);
    for (let p = 0; p < c.k; p++) {
      const x = a[c.aOffset + (c.transposeA ? p * c.m + i : i * c.k + p)]!, y = b[c.bOffset + (c.transposeB ? j * c.k + p : p * c.n + j)]!;
      sum += x * y;
      magnitude += Math.abs(x * y);
    }
    const error = Math.abs(out[index]! - sum);
    assert.ok(error <= relativeTolerance * (c.k + 1) * magnitude + 1e-30, `(${i}, ${j}) of ${JSON.stringify(c)}: ${out[index]} vs ${sum}`);
  }
}

const FLOAT32 = 2 ** -23, FLOAT64 = 2 ** -50;
const paths: [string, Matmul, Float32ArrayConstructor | Float64ArrayConstructor, number][] = [
  ['matmul on float32', matmul, Float32Array, FLOAT32],
  ['matmul on float64', matmul, Float64Array, FLOAT64],
  ['the JavaScript small-shape kernel', matmulSmall as Matmul, Float32Array, FLOAT32],
  ['the naive float64 loop', matmulNaive, Float64Array, FLOAT64],
  ['the WebAssembly SIMD kernel', matmulWasm as Matmul, Float32Array, FLOAT32],
  ['the WebAssembly kernel with multiply then add', createWasmMatmul({ ...defaultMatmulModuleOptions, relaxed: false }) as Matmul, Float32Array, FLOAT32],
  ['a WebAssembly kernel of another block shape, k unrolled', createWasmMatmul({ rows: 3, vectors: 3, unroll: 4, relaxed: false }) as Matmul, Float32Array, FLOAT32],
];
if (relaxedSimdSupported()) paths.push(['the WebAssembly kernel with relaxed fused multiply-add', createWasmMatmul({ ...defaultMatmulModuleOptions, relaxed: true }) as Matmul, Float32Array, FLOAT32]);

for (const [name, kernel, Storage, tolerance] of paths) {
  test(`${name} equals float64 sums over random shapes, transposes, offsets and accumulation`, () => {
    fc.assert(fc.property(cases, (c) => assertMatchesReference(kernel, c, Storage, tolerance)), { numRuns: 150 });
  });
}

test('matmulBatch gives each matrix the product matmul gives it, a shared output summing over the batch', () => {
  const batchCases = fc.record({
    batch: fc.integer({ min: 1, max: 5 }), m: size(12), k: size(12), n: size(12), transposeA: fc.boolean(), transposeB: fc.boolean(),
    sharedA: fc.boolean(), sharedB: fc.boolean(), sharedOut: fc.boolean(), accumulate: fc.boolean(), seed: fc.integer(),
  });
  fc.assert(fc.property(batchCases, (c) => {
    const rng = new Rng(c.seed);
    const fill = (length: number): Float32Array => Float32Array.from({ length }, () => rng.uniform(-1, 1));
    const strideA = c.sharedA ? 0 : c.m * c.k, strideB = c.sharedB ? 0 : c.k * c.n, strideOut = c.sharedOut ? 0 : c.m * c.n;
    const a = fill(c.sharedA ? c.m * c.k : c.batch * c.m * c.k), b = fill(c.sharedB ? c.k * c.n : c.batch * c.k * c.n);
    const out = fill(c.sharedOut ? c.m * c.n : c.batch * c.m * c.n), expected = Float32Array.from(out);
    matmulBatch(a, b, out, c.batch, strideA, strideB, strideOut, c.m, c.k, c.n, c.transposeA, c.transposeB, c.accumulate);
    for (let i = 0; i < c.batch; i++) {
      matmul(a, i * strideA, b, i * strideB, expected, i * strideOut, c.m, c.k, c.n, c.transposeA, c.transposeB, c.accumulate || (c.sharedOut && i > 0));
    }
    const error = out.reduce((worst, v, i) => Math.max(worst, Math.abs(v - expected[i]!)), 0);
    assert.ok(error <= 1e-5 * (c.k + 1) * c.batch, `max error ${error} for ${JSON.stringify(c)}`);
  }), { numRuns: 150 });
});

test('matmul with k = 0 writes zeros, or leaves out alone when accumulating', () => {
  const out = Float32Array.of(5, 5, 5, 5, 5);
  matmul(new Float32Array(0), 0, new Float32Array(0), 0, out, 1, 2, 0, 2, false, false, false);
  assert.deepEqual([...out], [5, 0, 0, 0, 0]);
  matmul(new Float32Array(0), 0, new Float32Array(0), 0, out, 0, 1, 0, 5, false, false, true);
  assert.deepEqual([...out], [5, 0, 0, 0, 0]);
});

test('the WebAssembly kernel handles a product larger than its initial memory', () => {
  const m = 300, k = 300, n = 300;
  const a = new Float32Array(m * k).fill(1), b = new Float32Array(k * n).fill(0.5), out = new Float32Array(m * n);
  matmulWasm(a, 0, b, 0, out, 0, m, k, n, false, true, false);
  assert.ok(out.every((value) => value === 150));
});

test('the generated module is the same bytes on every build and valid WebAssembly', () => {
  const bytes = buildMatmulModule();
  assert.deepEqual(buildMatmulModule(), bytes);
  assert.ok(WebAssembly.validate(bytes));
});
