import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reinforce } from '../../src/algorithms/reinforce.ts';
import { UsageError } from '../../src/core/errors.ts';
import { Rng } from '../../src/core/rng.ts';
import { Study } from '../../src/core/study.ts';
import type { Json, Task, Trial } from '../../src/core/types.ts';
import { floatValue, manyOf, oneOf, template } from '../../src/spaces/symbolic/index.ts';
import type { DNA } from '../../src/spaces/symbolic/index.ts';
import { assertSameSeedSameTrials, assertSnapshotResumesExactly } from '../helpers/algorithm-contracts.ts';

const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const space = template([oneOf(DIGITS), oneOf(DIGITS), oneOf(DIGITS), oneOf(DIGITS)]);
/** Maximise the sum of the four digits: the best DNA picks 9 everywhere. */
const digitSum: Task<DNA> = {
  id: 'digit-sum',
  objectives: [{ name: 'sum', goal: 'max' }],
  evaluate: (dna) => ({ values: [space.decode(dna).reduce((a, b) => a + b, 0)] }),
};
const problem = { space, task: digitSum };

test('replays the same trials from the same seed, in order or out of order', async () => {
  await assertSameSeedSameTrials(() => reinforce({ space }), problem);
});

test('resumes exactly from a JSON snapshot', () => {
  assertSnapshotResumesExactly((snapshot) => reinforce({ space, ...(snapshot === undefined ? {} : { snapshot }) }), problem);
});

test('moves probability towards the rewarded candidates', async () => {
  // The step is in logits per unit of reward: rewards here span 0..36, so it is small.
  const algorithm = reinforce({ space, learningRate: 0.02 });
  await new Study({ space, task: digitSum, algorithm, seed: 3, budgetTrials: 600 }).run();
  for (const p of algorithm.probabilities()) {
    assert.ok(p.indexOf(Math.max(...p)) >= 8, `most likely digit ${p.indexOf(Math.max(...p))}`);
    assert.ok(p[0]! < 0.01, `P(0) = ${p[0]}`);
  }
});

test('starts uniform and learns nothing from the first trial or a failed one', () => {
  const algorithm = reinforce({ space });
  for (const p of algorithm.probabilities()) for (const v of p) assert.ok(Math.abs(v - 0.1) < 1e-12);
  const rng = new Rng(1);
  const trial = (id: number, status: 'done' | 'failed', value: number): Trial<DNA> => ({
    id,
    genotype: algorithm.propose(rng),
    key: '',
    hash: undefined,
    status,
    values: [value],
    loss: [status === 'done' ? -value : Infinity],
    error: status === 'done' ? undefined : 'failed',
    cached: false,
    finishedMs: 0,
    info: undefined,
  });
  algorithm.feedback(trial(0, 'done', 10)); // advantage 0 against a baseline set to it
  algorithm.feedback(trial(1, 'failed', NaN));
  for (const p of algorithm.probabilities()) for (const v of p) assert.ok(Math.abs(v - 0.1) < 1e-12);
  algorithm.feedback(trial(2, 'done', 30));
  assert.ok(algorithm.probabilities().some((p) => Math.max(...p) > 0.1 + 1e-6));
});

test('rejects spaces and options it cannot serve, naming the problem', () => {
  assert.throws(() => reinforce({ space: template([floatValue(0, 1)]) }), /is a float; discretise it/);
  assert.throws(() => reinforce({ space: template(manyOf(2, DIGITS)) }), /manyOf and permutate decisions are not supported/);
  assert.throws(() => reinforce({ space, learningRate: 0 }), (e: unknown) => e instanceof UsageError && /learningRate must be a number > 0/.test(e.message));
  assert.throws(() => reinforce({ space, baselineDecay: 1 }), /baselineDecay must be in \[0, 1\)/);
  assert.throws(() => reinforce({ space, snapshot: { algorithm: 'reinforce', version: 1, updates: 0, baseline: null, logits: [[1]] } as Json }), /one array per decision \(4\)/);
});
