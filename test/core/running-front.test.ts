import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { paretoFront } from '../../src/core/pareto.ts';
import { runningFront } from '../../src/core/running-front.ts';

/** The front as a full non-dominated sort gives it, each loss vector once under its first index. */
function sortedFront(points: readonly (readonly number[])[]): { id: number; loss: readonly number[] }[] {
  const seen = new Set<string>();
  return paretoFront(points)
    .filter((i) => !seen.has(String(points[i])) && seen.add(String(points[i])) !== undefined)
    .map((id) => ({ id, loss: points[id]! }));
}

/** Loss vectors with many ties (small integers) or none to speak of (doubles), 1 to 4 objectives. */
const clouds = fc.integer({ min: 1, max: 4 }).chain((m) =>
  fc.oneof(
    fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: m, maxLength: m }), { maxLength: 80 }),
    fc.array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: m, maxLength: m }), { maxLength: 80 }),
  ),
);

describe('runningFront', () => {
  it('keeps exactly the front that a full non-dominated sort finds', () => {
    fc.assert(
      fc.property(clouds, (points) => {
        const front = runningFront();
        points.forEach((loss, id) => front.add(id, loss));
        assert.deepEqual(front.points(), sortedFront(points));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same front whatever order the points arrive in', () => {
    fc.assert(
      fc.property(
        clouds.chain((points) => fc.tuple(fc.constant(points), fc.shuffledSubarray(points.map((_, i) => i), { minLength: points.length }))),
        ([points, order]) => {
          const front = runningFront();
          for (const id of order) front.add(id, points[id]!);
          assert.deepEqual(front.points(), sortedFront(points));
        },
      ),
    );
  });

  it('holds no more points than the front it has found', () => {
    const front = runningFront();
    let most = 0;
    for (let i = 0; i < 10_000; i++) {
      // Each point dominates every earlier one whose second loss is no smaller.
      front.add(i, [10_000 - i, i % 3]);
      most = Math.max(most, front.size);
    }
    assert.ok(most <= 3, `held ${most}`);
    assert.deepEqual(front.points(), [{ id: 9999, loss: [1, 0] }]);
  });

  it('says whether each point joined the front', () => {
    const front = runningFront();
    assert.equal(front.add(0, [2, 2]), true);
    assert.equal(front.add(1, [3, 3]), false);
    assert.equal(front.add(2, [2, 2]), true);
    assert.equal(front.add(3, [1, 1]), true);
    assert.deepEqual(front.points(), [{ id: 3, loss: [1, 1] }]);
  });
});
