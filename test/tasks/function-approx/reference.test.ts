import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { referenceValues } from '../../../src/tasks/function-approx/reference.ts';
import { builtInTarget } from '../../../src/tasks/function-approx/targets.ts';
import { uniformGrid, chebyshevGrid } from '../../../src/tasks/function-approx/grid.ts';

describe('referenceValues', () => {
  const exp2 = builtInTarget('exp2');

  it('rounds the high-precision value once to float64', () => {
    const values = referenceValues(exp2, Float64Array.of(0.5, 1, 0));
    assert.deepEqual([...values], [Math.SQRT2, 2, 1]);
  });

  it('returns the cached column for the same points and a new one for other points', () => {
    const points = uniformGrid([0, 1], 33);
    const first = referenceValues(exp2, points);
    assert.equal(referenceValues(exp2, Float64Array.from(points)), first);
    const other = referenceValues(exp2, chebyshevGrid([0, 1], 33));
    assert.notEqual(other, first);
    assert.equal(other[0], 1);
  });
});

describe('grids', () => {
  it('include both ends of the interval exactly', () => {
    for (const grid of [uniformGrid([0.25, 2], 17), chebyshevGrid([0.25, 2], 17)]) {
      assert.equal(grid[0], 0.25);
      assert.equal(grid[16], 2);
      for (let i = 1; i < grid.length; i++) assert.ok(grid[i]! > grid[i - 1]!);
    }
  });
});
