import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { kernelMemory } from '../../../src/learn/kernels/kernel-memory.ts';
import { rowKernels } from '../../../src/learn/kernels/rows-wasm.ts';

/** Copies each array into its own kernel-memory region; their addresses and the heap view. */
function place(arrays: readonly Float32Array[]): { at: number[]; heap: Float32Array } {
  const memory = kernelMemory();
  const at = memory.regions(arrays.map((a) => 4 * a.length));
  const heap = memory.heap();
  arrays.forEach((a, i) => heap.set(a, at[i]! >> 2));
  return { at, heap };
}

const read = (heap: Float32Array, at: number, length: number): number[] => Array.from(heap.subarray(at >> 2, (at >> 2) + length));
const random = (rng: Rng, length: number): Float32Array => Float32Array.from({ length }, () => rng.uniform(-2, 2));
const shape = fc.record({ rows: fc.integer({ min: 0, max: 12 }), quads: fc.integer({ min: 1, max: 6 }), seed: fc.integer() });

describe('row kernels in WebAssembly', () => {
  it('add a bias per column and apply relu or nothing, as the JavaScript loop rounds', () => {
    fc.assert(fc.property(shape, fc.boolean(), ({ rows, quads, seed }, relu) => {
      const rng = new Rng(seed), columns = 4 * quads;
      const c = random(rng, rows * columns), bias = random(rng, columns);
      const { at, heap } = place([c, bias]);
      (relu ? rowKernels().biasRelu : rowKernels().biasIdentity)(at[0]!, at[1]!, rows, columns);
      const expected = Float32Array.from(c, (v, i) => (relu ? Math.max(v + bias[i % columns]!, 0) : v + bias[i % columns]!));
      assert.deepEqual(read(heap, at[0]!, c.length), Array.from(expected));
    }));
  });

  it('turn an output gradient into relu\'s input gradient and sum the bias gradient over rows in order', () => {
    fc.assert(fc.property(shape, ({ rows, quads, seed }) => {
      const rng = new Rng(seed), columns = 4 * quads;
      const y = Float32Array.from(random(rng, rows * columns), (v) => Math.max(v, 0)), g = random(rng, rows * columns), gb = random(rng, columns);
      const { at, heap } = place([y, g, new Float32Array(rows * columns), gb, gb]);
      rowKernels().reluGradientBias(at[0]!, at[1]!, at[2]!, at[3]!, rows, columns);
      rowKernels().columnSums(at[1]!, at[4]!, rows, columns);
      const gz = Float32Array.from(g, (v, i) => (y[i]! > 0 ? v : 0));
      const reluSums = Float32Array.from(gb), sums = Float32Array.from(gb);
      for (let i = 0; i < gz.length; i++) {
        reluSums[i % columns]! += gz[i]!;
        sums[i % columns]! += g[i]!;
      }
      assert.deepEqual(read(heap, at[2]!, gz.length), Array.from(gz));
      assert.deepEqual(read(heap, at[3]!, columns), Array.from(reluSums));
      assert.deepEqual(read(heap, at[4]!, columns), Array.from(sums));
    }));
  });

  it('add rows of x into rows of y along index pairs, or at indexed rows, or from indexed rows, in order', () => {
    const forms = ['gatherAdd', 'addRowsAt', 'addRowsFrom'] as const;
    fc.assert(fc.property(shape, fc.integer({ min: 0, max: 40 }), fc.constantFrom(...forms), ({ rows, quads, seed }, count, form) => {
      const rng = new Rng(seed), width = 4 * quads, xRows = Math.max(rows, count) + 1, yRows = Math.max(3, count);
      const x = random(rng, xRows * width), y = random(rng, yRows * width);
      const from = Int32Array.from({ length: count }, () => rng.int(xRows)), to = Int32Array.from({ length: count }, () => rng.int(yRows));
      const { at, heap } = place([x, y, new Float32Array(from.buffer), new Float32Array(to.buffer)]);
      rowKernels()[form](at[0]!, at[1]!, at[2]!, at[3]!, count, width);
      const expected = Float32Array.from(y);
      for (let e = 0; e < count; e++) {
        const source = form === 'addRowsAt' ? e : from[e]!, target = form === 'addRowsFrom' ? e : to[e]!;
        for (let j = 0; j < width; j++) expected[target * width + j]! += x[source * width + j]!;
      }
      assert.deepEqual(read(heap, at[1]!, y.length), Array.from(expected));
    }));
  });

  it('scale, add a scaled copy and take a dot product within float32 rounding', () => {
    fc.assert(fc.property(shape, fc.double({ min: -3, max: 3, noNaN: true }), ({ rows, quads, seed }, a) => {
      const rng = new Rng(seed), n = 4 * quads * rows;
      const x = random(rng, n), y = random(rng, n);
      const { at, heap } = place([x, y, y]);
      const dot = rowKernels().dot(at[0]!, at[1]!, n);
      rowKernels().scale(at[0]!, at[1]!, n, a);
      rowKernels().axpy(at[0]!, at[2]!, n, a);
      const a32 = Math.fround(a);
      let exact = 0, magnitude = 0;
      for (let i = 0; i < n; i++) {
        exact += x[i]! * y[i]!;
        magnitude += Math.abs(x[i]! * y[i]!);
      }
      assert.ok(Math.abs(dot - exact) <= 1e-6 * (n + 1) * magnitude + 1e-30, `dot ${dot} vs ${exact}`);
      assert.deepEqual(read(heap, at[1]!, n), Array.from(Float32Array.from(x, (v) => Math.fround(a32 * v))));
      read(heap, at[2]!, n).forEach((v, i) => assert.equal(v, Math.fround(y[i]! + Math.fround(a32 * x[i]!))));
    }));
  });
});
