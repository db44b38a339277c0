import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import type { Objective } from '../../../../src/core/types.ts';
import { earlyStopByRank, earlyStopByValue, intValue, sample, stopIfAll, stopIfAny, stopIfNot } from '../../../../src/spaces/symbolic/index.ts';
import type { EarlyStoppingPolicy, StepReport } from '../../../../src/spaces/symbolic/index.ts';

const REWARD: readonly Objective[] = [{ name: 'reward', goal: 'max' }];
const ERROR: readonly Objective[] = [{ name: 'error', goal: 'min' }];

let nextId = 0;
function report(step: number, value: number, objectives = REWARD): StepReport {
  const loss = objectives[0]!.goal === 'max' ? [-value] : [value];
  return { trialId: nextId++, step, values: [value], loss, objectives };
}

function verdict(policy: EarlyStoppingPolicy, r: StepReport): boolean {
  policy.observe(r);
  return policy.shouldStop(r);
}

test('stop by value stops at its step when the value is worse than the threshold, in the goal direction', () => {
  const rewardPolicy = earlyStopByValue({ step: 5, threshold: 0.5 });
  assert.equal(verdict(rewardPolicy, report(5, 0.4)), true);
  assert.equal(verdict(rewardPolicy, report(5, 0.6)), false);
  assert.equal(verdict(rewardPolicy, report(4, 0.1)), false, 'other steps pass');
  const errorPolicy = earlyStopByValue({ step: 5, threshold: 0.5 });
  assert.equal(verdict(errorPolicy, report(5, 0.6, ERROR)), true);
  assert.equal(verdict(errorPolicy, report(5, 0.4, ERROR)), false);
});

test('stop by rank keeps only the best `top` seen at its step', () => {
  const policy = earlyStopByRank({ step: 1, top: 2 });
  // Errors, smaller is better: 6 has three better values before it.
  assert.deepEqual([5, 3, 4, 6, 1].map((v) => verdict(policy, report(1, v, ERROR))), [false, false, false, true, false]);
  const rewards = earlyStopByRank({ step: 1, top: 2 });
  // Rewards, larger is better: 1 has four better values before it.
  assert.deepEqual([5, 3, 4, 6, 1].map((v) => verdict(rewards, report(1, v))), [false, false, false, false, true]);
});

test('stop by rank with a fraction keeps that share of the history, after minHistory reports', () => {
  const policy = earlyStopByRank({ step: 0, top: 0.5, minHistory: 3 });
  const verdicts = [1, 2, 9, 3, 10, 0].map((v) => verdict(policy, report(0, v, ERROR)));
  // History sizes 1..6 keep ceil(n/2) errors; the first two pass while the history is under 3.
  assert.deepEqual(verdicts, [false, false, true, true, true, false]);
});

test('policies combine with all, any and not, and every policy sees every report', () => {
  const low = earlyStopByValue({ step: 2, threshold: 5 });
  const rank = earlyStopByRank({ step: 2, top: 1 });
  const both = stopIfAll(low, rank);
  const either = stopIfAny(earlyStopByValue({ step: 2, threshold: 5 }), earlyStopByRank({ step: 2, top: 1 }));
  const values = [8, 4, 9, 3];
  assert.deepEqual(values.map((v) => verdict(both, report(2, v))), [false, true, false, true]);
  assert.deepEqual(values.map((v) => verdict(either, report(2, v))), [false, true, false, true]);
  const notLow = stopIfNot(earlyStopByValue({ step: 2, threshold: 5 }));
  assert.deepEqual([8, 4].map((v) => verdict(notLow, report(2, v))), [true, false]);
  const rankOnly = earlyStopByRank({ step: 2, top: 1 });
  const shortCircuit = stopIfAny(earlyStopByValue({ step: 2, threshold: 100 }), rankOnly);
  verdict(shortCircuit, report(2, 50));
  assert.equal(verdict(rankOnly, report(2, 40)), true, 'the rank policy recorded 50 even though the value policy decided first');
});

test('the sample loop asks the policy on each report and done() finishes with the last one', async () => {
  const finals: number[] = [];
  const lastReports: number[] = [];
  let stops = 0;
  const policy = earlyStopByValue({ step: 3, threshold: 10 });
  for await (const [value, feedback] of sample({ n: intValue(0, 20) }, undefined, { numExamples: 20, earlyStopping: policy, onTrial: (t) => void finals.push(t.values[0]!) })) {
    let last = 0;
    for (let step = 1; step <= 5; step++) {
      last = value.n + step;
      if (feedback.report(step, last)) break;
    }
    assert.equal(feedback.stopped(), value.n + 3 < 10, 'stopped exactly when the value at step 3 is below 10');
    if (feedback.stopped()) stops++;
    lastReports.push(last);
    feedback.done();
  }
  assert.ok(stops > 0 && stops < 20);
  assert.deepEqual(finals, lastReports);
});

test('bad policy options are usage errors', () => {
  assert.throws(() => earlyStopByValue({ step: -1, threshold: 0 }), (e: unknown) => e instanceof UsageError && /step must be a whole number >= 0/.test(e.message));
  assert.throws(() => earlyStopByValue({ step: 1, threshold: NaN }), /threshold must be a number/);
  assert.throws(() => earlyStopByRank({ step: 1, top: 1.5 }), /top must be a whole number >= 1 or a fraction in \(0, 1\)/);
  assert.throws(() => earlyStopByRank({ step: 1, top: 1, minHistory: 0 }), /minHistory/);
  assert.throws(() => stopIfAny(), /at least one policy/);
});
