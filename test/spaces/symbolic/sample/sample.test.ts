import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import type { Trial } from '../../../../src/core/types.ts';
import { dnaRegularizedEvolution, intValue, oneOf, sample, template } from '../../../../src/spaces/symbolic/index.ts';
import type { DNA, Feedback } from '../../../../src/spaces/symbolic/index.ts';

const space = { x: intValue(0, 20), y: intValue(0, 20), op: oneOf(['add', 'mul']) };

test('the loop hands out numExamples values and tells the algorithm each result as a loss', async () => {
  const seen: Trial<DNA>[] = [];
  const t = template(space);
  const algorithm = { propose: (rng: import('../../../../src/core/rng.ts').Rng) => t.random(rng), feedback: (trial: Trial<DNA>) => void seen.push(trial), snapshot: () => null };
  const values: unknown[] = [];
  for await (const [value, feedback] of sample(t, algorithm, { numExamples: 5 })) {
    values.push(value);
    feedback(value.x);
  }
  assert.equal(values.length, 5);
  assert.deepEqual(seen.map((trial) => trial.id), [0, 1, 2, 3, 4]);
  assert.deepEqual(seen.map((trial) => trial.loss[0]), values.map((v) => -(v as { x: number }).x), 'a reward is maximised: loss = -reward');
  assert.ok(seen.every((trial) => trial.status === 'done' && trial.key === t.key(trial.genotype)));
});

test('regularized evolution driven by the loop climbs a simple reward', async () => {
  const t = template(Array.from({ length: 12 }, () => oneOf([0, 1, 2])));
  const rewards: number[] = [];
  for await (const [value, feedback] of sample(t, dnaRegularizedEvolution(t, { populationSize: 20, tournamentSize: 5 }), { numExamples: 400, seed: 3 })) {
    const reward = value.filter((v) => v === 2).length;
    rewards.push(reward);
    feedback(reward);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(mean(rewards.slice(0, 20)) < 6, 'the random start scores about 4 of 12');
  assert.ok(mean(rewards.slice(-50)) > 9, 'late proposals score most of 12');
});

test('skip and non-finite results become failed trials the algorithm still sees', async () => {
  const seen: Trial<DNA>[] = [];
  let i = 0;
  for await (const [, feedback] of sample(space, undefined, { numExamples: 3, onTrial: (trial) => void seen.push(trial) })) {
    if (i === 0) feedback.skip('too big');
    else if (i === 1) feedback(NaN);
    else feedback.skip();
    i++;
  }
  assert.deepEqual(seen.map((trial) => [trial.status, trial.error, trial.loss[0]]), [
    ['failed', 'skipped: too big', Infinity],
    ['failed', 'non-finite objective', Infinity],
    ['failed', 'skipped', Infinity],
  ]);
});

test('feedback may come after later values were handed out, in any order', async () => {
  const seen: number[] = [];
  const pending: Feedback[] = [];
  for await (const [, feedback] of sample(space, undefined, { numExamples: 4, onTrial: (trial) => void seen.push(trial.id) })) pending.push(feedback);
  for (const feedback of pending.reverse()) feedback(1);
  assert.deepEqual(seen, [3, 2, 1, 0]);
});

test('several objectives are turned into losses by their goals', async () => {
  const seen: Trial<DNA>[] = [];
  const objectives = [{ name: 'accuracy', goal: 'max' as const }, { name: 'latency', goal: 'min' as const }];
  for await (const [, feedback] of sample(space, undefined, { numExamples: 1, objectives, onTrial: (trial) => void seen.push(trial) })) {
    assert.throws(() => feedback(0.9), (e: unknown) => e instanceof UsageError && /feedback expects 2 numbers \(one per objective\), got 0.9/.test(e.message));
    feedback([0.9, 12]);
  }
  assert.deepEqual(seen[0]!.values, [0.9, 12]);
  assert.deepEqual(seen[0]!.loss, [-0.9, 12]);
});

test('a feedback can be given once only', async () => {
  for await (const [, feedback] of sample(space, undefined, { numExamples: 1 })) {
    feedback(1);
    assert.throws(() => feedback(2), /feedback for trial 0 was already given/);
    assert.throws(() => feedback.skip(), /already given/);
  }
});

test('the same seed hands out the same values', async () => {
  const run = async () => {
    const out: unknown[] = [];
    for await (const [value, feedback] of sample(space, undefined, { numExamples: 5, seed: 9 })) {
      out.push(value);
      feedback(0);
    }
    return out;
  };
  assert.deepEqual(await run(), await run());
});

test('bad options are usage errors', () => {
  assert.throws(() => sample(space, undefined, { numExamples: -1 }), /numExamples must be a whole number >= 0/);
  assert.throws(() => sample(space, undefined, { objectives: [] }), /objectives must be a non-empty array/);
  assert.throws(() => sample(space, undefined, { objectives: [{ name: 'a', goal: 'up' as 'max' }] }), /goal of 'min' or 'max'/);
  assert.throws(() => sample(space, {} as never), /algorithm must have propose and feedback/);
});
