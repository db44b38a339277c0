import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { add, messageSum, tensor } from '../../../src/learn/tensor/index.ts';
import { assertFloat32MatchesFloat64 } from '../../helpers/float32-agreement.ts';
import { assertGradientsMatch, randomTensor } from '../../helpers/gradient-check.ts';

function randomSlots(rng: Rng, nodes: number, types: number, edges: number): { sources: Int32Array; slots: Int32Array } {
  return {
    sources: Int32Array.from({ length: edges }, () => rng.int(nodes)),
    slots: Int32Array.from({ length: edges }, () => rng.int(nodes) * types + rng.int(types)),
  };
}

describe('messageSum', () => {
  it('adds scale·h to each type\'s incoming sum times its weight', () => {
    // Nodes a = 1, b = 10 (width 1), two types; a →₀ b, b →₁ b, a →₁ b.
    const y = messageSum(tensor([1, 10], [2, 1], 'float64'), tensor([0.5], [1], 'float64'), tensor([2, 3], [2, 1, 1], 'float64'),
      { sources: Int32Array.from([0, 1, 0]), slots: Int32Array.from([2, 3, 3]) });
    assert.deepEqual(y.toArray(), [0.5, 5 + 2 * 1 + 3 * (10 + 1)]);
  });

  it('has gradients that match central differences (the JavaScript path)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 8 }), fc.integer(), (nodes, width, types, edges, seed) => {
      const rng = new Rng(seed);
      const e = randomSlots(rng, nodes, types, edges);
      assertGradientsMatch(([h, s, w]) => messageSum(h!, s!, w!, e), [randomTensor([nodes, width], rng), randomTensor([1], rng), randomTensor([types, width, width], rng)]);
    }), { numRuns: 40 });
  });

  it('in WebAssembly (float32, width a multiple of 4) gives the values and gradients of the JavaScript path', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 80 }), fc.boolean(), fc.boolean(), fc.integer(), (nodes, quads, types, edges, scaled, reused, seed) => {
      const rng = new Rng(seed);
      const width = 4 * quads;
      const e = randomSlots(rng, nodes, types, edges);
      const operands = [randomTensor([nodes, width], rng), randomTensor([1], rng), randomTensor([types, width, width], rng)];
      // Reusing h afterwards means its gradient has begun when messageSum's backward adds to it.
      assertFloat32MatchesFloat64(([h, s, w]) => {
        const z = messageSum(h!, scaled ? s! : null, w!, e);
        return reused ? add(z, h!) : z;
      }, operands, 1e-5 * Math.max(8, edges, types * width));
    }), { numRuns: 60 });
  });

  it('rejects edges outside the nodes or slots', () => {
    const h = tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 4]), w = tensor(new Array(16).fill(0), [1, 4, 4]);
    assert.throws(() => messageSum(h, null, w, { sources: Int32Array.from([2]), slots: Int32Array.from([0]) }), /messageSum: source 2 at position 0 is outside 0..1/);
    assert.throws(() => messageSum(h, null, w, { sources: Int32Array.from([0]), slots: Int32Array.from([2]) }), /messageSum: slot 2 at position 0 is outside 0..1/);
  });
});
