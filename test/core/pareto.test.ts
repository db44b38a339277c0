import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { crowdingDistance, dominates, hypervolume, nonDominatedSort, paretoFront } from '../../src/core/pareto.ts';

const points = fc.array(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 2 }), { maxLength: 30 });

describe('pareto', () => {
  it('dominates only when no worse everywhere and better somewhere', () => {
    assert.equal(dominates([1, 2], [2, 2]), true);
    assert.equal(dominates([1, 2], [1, 2]), false);
    assert.equal(dominates([1, 3], [2, 2]), false);
  });

  it('sorts into fronts where no point is dominated by one in its own or a later front', () => {
    fc.assert(
      fc.property(points, (ps) => {
        const fronts = nonDominatedSort(ps);
        assert.equal(fronts.flat().length, ps.length);
        for (let f = 0; f < fronts.length; f++) {
          for (const i of fronts[f]!) {
            for (let g = f; g < fronts.length; g++) for (const j of fronts[g]!) assert.ok(!dominates(ps[j]!, ps[i]!));
            if (f > 0) assert.ok(fronts[f - 1]!.some((j) => dominates(ps[j]!, ps[i]!)));
          }
        }
      }),
    );
  });

  it('gives boundary points infinite crowding distance', () => {
    const d = crowdingDistance([[0, 3], [1, 2], [2, 1], [3, 0]]);
    assert.equal(d[0], Infinity);
    assert.equal(d[3], Infinity);
    assert.ok(Math.abs(d[1]! - 4 / 3) < 1e-12);
  });

  it('computes hypervolume of a staircase exactly', () => {
    assert.equal(hypervolume([[1, 3], [2, 2], [3, 1]], [4, 4]), 3 + 2 + 1);
    assert.equal(hypervolume([[1, 1, 1]], [2, 3, 4]), 1 * 2 * 3);
    assert.equal(hypervolume([[5, 5]], [4, 4]), 0);
  });

  it('adds no hypervolume for dominated points', () => {
    fc.assert(
      fc.property(points, (ps) => {
        const front = paretoFront(ps).map((i) => ps[i]!);
        assert.equal(hypervolume(front, [11, 11]), hypervolume(ps, [11, 11]));
      }),
    );
  });
});
