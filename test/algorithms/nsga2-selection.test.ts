import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dominates } from '../../src/core/index.ts';
import { environmentalSelection, rankAndCrowding } from '../../src/algorithms/nsga2-selection.ts';

const points = fc.array(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 2, maxLength: 3 }), { minLength: 1, maxLength: 30 }).filter((ps) => ps.every((p) => p.length === ps[0]!.length));

describe('environmentalSelection', () => {
  it('keeps exactly count distinct points, none dominated by a point left out', () => {
    fc.assert(
      fc.property(points, fc.nat(), (ps, at) => {
        const count = 1 + (at % ps.length);
        const kept = environmentalSelection(ps, count);
        assert.equal(kept.length, count);
        assert.equal(new Set(kept).size, count);
        const left = ps.map((_, i) => i).filter((i) => !kept.includes(i));
        for (const i of kept) for (const j of left) assert.ok(!dominates(ps[j]!, ps[i]!));
      }),
    );
  });

  it('truncates the last front by crowding, keeping its boundary points', () => {
    const front = [[0, 4], [1, 3], [1.2, 2.8], [2, 2], [4, 0]];
    const dominated = [[5, 5]];
    const kept = environmentalSelection([...front, ...dominated], 3).sort();
    // The boundaries (0 and 4) first, then the point with the widest gap around it (3, at [2, 2]).
    assert.deepEqual(kept, [0, 3, 4]);
  });
});

describe('rankAndCrowding', () => {
  it('ranks each point by its front and gives boundary points infinite crowding', () => {
    const { rank, crowding } = rankAndCrowding([[0, 2], [1, 1], [2, 0], [2, 2]]);
    assert.deepEqual([...rank], [0, 0, 0, 1]);
    assert.equal(crowding[0], Infinity);
    assert.equal(crowding[2], Infinity);
    assert.equal(crowding[1], 2);
    assert.equal(crowding[3], Infinity);
  });
});
