import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { paretoFront } from '../../src/core/pareto.ts';
import { StudyTracker, type TrialRow } from '../../src/dashboard/study-tracker.ts';

/** A finished trial as the generator makes it. */
interface Finished {
  readonly failed: boolean;
  readonly a: number;
  readonly b: number;
  readonly cached: boolean;
  readonly reason: string;
}

const finished = fc.record({ failed: fc.boolean(), a: fc.integer({ min: 0, max: 20 }), b: fc.integer({ min: 0, max: 20 }), cached: fc.boolean(), reason: fc.constantFrom('NaN', 'timeout') });

/** The rows a study writes: each trial proposed (running) and later finished, in order. */
function rowsOf(trials: readonly Finished[]): TrialRow[] {
  const rows: TrialRow[] = [];
  trials.forEach((t, id) => {
    rows.push([rows.length + 1, id, 'running', null, null, 0, null, null, null]);
    const values = t.failed ? [null, null] : [t.a, t.b];
    rows.push([rows.length + 1, id, t.failed ? 'failed' : 'done', JSON.stringify(values), t.failed ? t.reason : null, t.cached ? 1 : 0, 2 * id + 1, id * 10, `w${id % 2}`]);
  });
  return rows;
}

describe('StudyTracker', () => {
  it('counts, the best-so-far curve and the front equal a recount over every trial', () => {
    fc.assert(
      fc.property(fc.array(finished, { maxLength: 60 }), (trials) => {
        const tracker = new StudyTracker([{ name: 'a', goal: 'min' }, { name: 'b', goal: 'min' }]);
        for (const row of rowsOf(trials)) tracker.add(row);
        const done = trials.filter((t) => !t.failed);
        assert.equal(tracker.done, done.length);
        assert.equal(tracker.failed, trials.length - done.length);
        assert.equal(tracker.cached, trials.filter((t) => t.cached).length);
        assert.equal(tracker.inFlight.size, 0);
        assert.equal([...tracker.failures.values()].reduce((x, y) => x + y, 0), tracker.failed);
        // The curve steps down exactly where a done trial beats every earlier one.
        let best = Infinity;
        const steps: number[] = [];
        for (const t of done) if (t.a < best) steps.push((best = t.a));
        assert.deepEqual(tracker.curve.map((p) => p.best), steps);
        assert.equal(tracker.best, done.length === 0 ? undefined : Math.min(...done.map((t) => t.a)));
        const expected = new Set(paretoFront(done.map((t) => [t.a, t.b])).map((i) => `${done[i]!.a},${done[i]!.b}`));
        assert.deepEqual(new Set(tracker.front.points().map((p) => p.loss.join(','))), expected);
      }),
    );
  });

  it('counts a trial that is written again (a resumed study re-runs it) once', () => {
    const tracker = new StudyTracker([{ name: 'a', goal: 'max' }]);
    tracker.add([1, 0, 'done', '[3]', null, 1, 1, 5, null]);
    tracker.add([2, 0, 'running', null, null, 0, null, null, null]);
    tracker.add([3, 0, 'failed', '[null]', 'timeout', 0, 3, 9, null]);
    assert.deepEqual([tracker.done, tracker.failed, tracker.cached, tracker.trials], [0, 1, 0, 1]);
    assert.equal(tracker.statusOf(0), 'failed');
  });

  it('keeps the best of a maximised objective as the largest value', () => {
    const tracker = new StudyTracker([{ name: 'reward', goal: 'max' }]);
    [2, 5, 1, 7].forEach((v, id) => tracker.add([id + 1, id, 'done', `[${v}]`, null, 0, id, id * 1000, null]));
    assert.deepEqual(tracker.curve.map((p) => p.best), [2, 5, 7]);
    assert.equal(tracker.best, 7);
  });
});
