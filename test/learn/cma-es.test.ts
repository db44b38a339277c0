import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../src/core/rng.ts';
import { UsageError } from '../../src/core/errors.ts';
import { cmaEs } from '../../src/learn/cma-es.ts';
import { symmetricEigen } from '../../src/learn/symmetric-eigen.ts';

const sphere = (x: Float64Array) => x.reduce((s, v) => s + v * v, 0);
const rosenbrock = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
  return s;
};
const ellipsoid = (x: Float64Array) => x.reduce((s, v, i) => s + 1e6 ** (i / (x.length - 1)) * v * v, 0);
const rastrigin = (x: Float64Array) => x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v) + 10, 0);

describe('cmaEs', () => {
  it('minimises the 10-dimensional sphere to 1e-20', () => {
    const result = cmaEs({ objective: sphere, initial: new Array(10).fill(3), sigma: 1, rng: new Rng(1), tolFun: 0, target: 1e-20 });
    assert.equal(result.stop, 'target');
    assert.ok(result.bestValue <= 1e-20);
  });

  it('solves the 8-dimensional Rosenbrock function to the optimum at all ones', () => {
    const result = cmaEs({ objective: rosenbrock, initial: new Array(8).fill(0), sigma: 0.5, rng: new Rng(2), maxEvaluations: 40_000, target: 1e-14 });
    assert.ok(result.bestValue <= 1e-14, `f=${result.bestValue}`);
    for (const v of result.best) assert.ok(Math.abs(v - 1) < 1e-5);
  });

  it('learns the scaling of an ellipsoid with condition number 1e6', () => {
    const result = cmaEs({ objective: ellipsoid, initial: new Array(6).fill(1), sigma: 1, rng: new Rng(3), target: 1e-16 });
    assert.ok(result.bestValue <= 1e-16, `f=${result.bestValue}`);
  });

  it('finds the global minimum of a 2-D Rastrigin function with a large population', () => {
    const result = cmaEs({ objective: rastrigin, initial: [2.3, -1.7], sigma: 2, rng: new Rng(4), populationSize: 40, maxEvaluations: 20_000, target: 1e-10 });
    assert.ok(result.bestValue <= 1e-10, `f=${result.bestValue}`);
  });

  it('replays exactly from the same seed', () => {
    const run = () => cmaEs({ objective: rosenbrock, initial: [0, 0, 0], sigma: 0.3, rng: new Rng(9), maxEvaluations: 500 });
    assert.deepEqual([...run().best], [...run().best]);
  });

  it('never returns a point worse than its best sample and stays within the budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer(), fc.integer({ min: 1, max: 300 }), (n, seed, budget) => {
        const seen: number[] = [];
        const result = cmaEs({ objective: (x) => { const v = rastrigin(x); seen.push(v); return v; }, initial: new Array(n).fill(1), sigma: 1, rng: new Rng(seed), maxEvaluations: budget });
        assert.equal(result.bestValue, Math.min(...seen));
        assert.equal(rastrigin(result.best), result.bestValue);
        assert.ok(result.evaluations <= Math.max(budget, 4 + Math.floor(3 * Math.log(n))));
      }),
      { numRuns: 30 },
    );
  });

  it('treats NaN values as worse than any number', () => {
    const result = cmaEs({ objective: (x) => (x[0]! < 0 ? NaN : (x[0]! - 1) ** 2), initial: [0.5], sigma: 1, rng: new Rng(5), target: 1e-12 });
    assert.ok(result.best[0]! >= 0 && result.bestValue <= 1e-12);
  });

  it('rejects a non-positive step size with a message naming it', () => {
    assert.throws(() => cmaEs({ objective: sphere, initial: [1], sigma: 0, rng: new Rng(1) }), (e: unknown) => e instanceof UsageError && /sigma/.test(e.message));
  });
});

describe('symmetricEigen', () => {
  it('reconstructs a random symmetric matrix from its eigenpairs', () => {
    const rng = new Rng(7);
    const n = 5;
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) m[i * n + j] = m[j * n + i] = rng.normal();
    const values = new Float64Array(n);
    const vectors = new Float64Array(n * n);
    symmetricEigen(m, n, values, vectors);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
        assert.ok(Math.abs(s - m[i * n + j]!) < 1e-12);
      }
    }
  });
});
