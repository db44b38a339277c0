import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { meanInterval, tCritical975 } from '../../src/core/statistics.ts';

test('gives the Student-t 97.5% quantiles of the tables', () => {
  const published: [number, number][] = [[1, 12.706], [10, 2.228], [29, 2.045], [30, 2.042], [60, 2.0], [99, 1.984], [1000, 1.962]];
  for (const [df, t] of published) assert.ok(Math.abs(tCritical975(df) - t) < 2e-3, `df ${df}: ${tCritical975(df)} vs ${t}`);
});

test('computes the mean and t interval of a sample', () => {
  const { mean, ci95 } = meanInterval([1, 2, 3, 4, 5]);
  assert.equal(mean, 3);
  const half = 2.776 * Math.sqrt(2.5 / 5);
  assert.ok(Math.abs(ci95[0] - (3 - half)) < 1e-9 && Math.abs(ci95[1] - (3 + half)) < 1e-9);
  assert.deepEqual(meanInterval([7]), { mean: 7, ci95: [7, 7] });
  assert.ok(Number.isNaN(meanInterval([]).mean));
});

test('centres the interval on the mean and narrows it as the sample repeats', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 40 }), (values) => {
      const once = meanInterval(values);
      assert.ok(once.ci95[0] <= once.mean + 1e-9 && once.mean <= once.ci95[1] + 1e-9);
      assert.ok(Math.abs(once.ci95[0] + once.ci95[1] - 2 * once.mean) < 1e-6);
      const twice = meanInterval([...values, ...values]);
      assert.ok(twice.ci95[1] - twice.ci95[0] <= once.ci95[1] - once.ci95[0] + 1e-9);
    }),
  );
});
