import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import { INITIALIZERS, glorotUniform, heNormal, orthogonal, resolveInitializer } from '../../../src/learn/tensor/init.ts';

const runs = { numRuns: 20, seed: 5 };

describe('initialisers', () => {
  for (const [name, init] of Object.entries(INITIALIZERS)) {
    it(`${name} gives the same weights for the same seed`, () => {
      const a = init([5, 3], new Rng(9), 'float64');
      const b = init([5, 3], new Rng(9), 'float64');
      assert.deepEqual(a.toArray(), b.toArray());
      assert.deepEqual(a.shape, [5, 3]);
      if (name !== 'zeros') assert.notDeepEqual(init([5, 3], new Rng(10)).toArray(), a.toArray());
    });
  }

  it('draw in the requested element type', () => {
    assert.equal(glorotUniform([2, 2], new Rng(1)).dtype, 'float32');
    assert.equal(glorotUniform([2, 2], new Rng(1), 'float64').dtype, 'float64');
  });

  it('glorotUniform stays within ±√(6 / (fanIn + fanOut))', () => {
    const limit = Math.sqrt(6 / (30 + 20));
    const w = glorotUniform([30, 20], new Rng(3)).toArray();
    assert.ok(w.every((v) => Math.abs(v) <= limit));
    assert.ok(Math.max(...w.map(Math.abs)) > 0.9 * limit, 'the range is used');
  });

  it('heNormal has standard deviation √(2 / fanIn)', () => {
    const w = heNormal([200, 300], new Rng(4)).toArray();
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    assert.ok(Math.abs(std / Math.sqrt(2 / 200) - 1) < 0.02, `std ${std}`);
  });

  it('orthogonal gives QᵀQ = I for tall matrices and QQᵀ = I for wide ones, per matrix of a stack', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 2 }), fc.integer(), (rows, cols, stack, seed) => {
      const q = orthogonal([stack, rows, cols], new Rng(seed), 'float64').data;
      const inner = Math.min(rows, cols);
      for (let s = 0; s < stack; s++) {
        const at = (r: number, c: number) => q[s * rows * cols + r * cols + c]!;
        for (let i = 0; i < inner; i++) {
          for (let j = 0; j < inner; j++) {
            let dot = 0;
            for (let t = 0; t < Math.max(rows, cols); t++) dot += rows >= cols ? at(t, i) * at(t, j) : at(i, t) * at(j, t);
            assert.ok(Math.abs(dot - (i === j ? 1 : 0)) < 1e-12, `entry (${i}, ${j}) is ${dot}`);
          }
        }
      }
    }), runs);
  });

  it('orthogonal refuses a vector shape', () => {
    assert.throws(() => orthogonal([4], new Rng(1)), /orthogonal: needs a matrix shape/);
  });

  it('are found by name, and an unknown name is a usage error listing the names', () => {
    assert.equal(resolveInitializer('linear', 'weightInit', 'heNormal'), heNormal);
    assert.throws(() => resolveInitializer('linear', 'weightInit', 'xavier' as never), (e: unknown) =>
      e instanceof UsageError && e.message === "linear: weightInit must be one of glorotUniform, glorotNormal, heNormal, orthogonal, standardNormal, zeros, got 'xavier'");
  });
});
