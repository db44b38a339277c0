import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { ALL_DIGIT_PAIRS, buildTaskSuite, checkTaskSuite, linearRegressionTask, nonlinearRegressionTask } from '../../../src/tasks/automl-zero/index.ts';

const OPTIONS = { index: 0, features: 3, numTrain: 20, numValid: 10, paramSeed: 1, dataSeed: 2 };

describe('regression tasks', () => {
  it('label linear tasks with the teacher weights: y = w·x', () => {
    const task = linearRegressionTask(OPTIONS);
    const w = task.teacherWeights;
    for (let e = 0; e < 20; e++) {
      const x = task.trainX.subarray(e * 3, e * 3 + 3);
      assert.ok(Math.abs(task.trainY[e]! - (w[0]! * x[0]! + w[1]! * x[1]! + w[2]! * x[2]!)) < 1e-12);
    }
  });

  it('label nonlinear tasks with a 2-layer ReLU teacher: y = a·relu(W x)', () => {
    const task = nonlinearRegressionTask(OPTIONS);
    const t = task.teacherWeights;
    for (let e = 0; e < 10; e++) {
      const x = task.validX.subarray(e * 3, e * 3 + 3);
      let y = 0;
      for (let r = 0; r < 3; r++) y += t[9 + r]! * Math.max(0, t[r * 3]! * x[0]! + t[r * 3 + 1]! * x[1]! + t[r * 3 + 2]! * x[2]!);
      assert.ok(Math.abs(task.validY[e]! - y) < 1e-12);
    }
  });

  it('draw new weights with a new parameter seed and new inputs with a new data seed', () => {
    const base = linearRegressionTask(OPTIONS);
    assert.deepEqual(linearRegressionTask({ ...OPTIONS, dataSeed: 9 }).teacherWeights, base.teacherWeights);
    assert.notDeepEqual(linearRegressionTask({ ...OPTIONS, dataSeed: 9 }).trainX, base.trainX);
    assert.notDeepEqual(linearRegressionTask({ ...OPTIONS, paramSeed: 9 }).teacherWeights, base.teacherWeights);
  });
});

describe('task suites', () => {
  it('give every instance its own seeds, and the same suite for the same seed', () => {
    const spec = { kind: 'linear' as const, features: 2, numTasks: 4, numTrain: 5, numValid: 5, seed: 3 };
    const suite = buildTaskSuite(spec);
    assert.deepEqual(
      suite.map((t) => t.index),
      [0, 1, 2, 3],
    );
    assert.equal(new Set(suite.map((t) => t.trainY[0])).size, 4);
    assert.deepEqual(buildTaskSuite(spec)[2]!.validY, suite[2]!.validY);
    assert.notDeepEqual(buildTaskSuite({ ...spec, seed: 4 })[0]!.validY, suite[0]!.validY);
  });

  it('list all 45 pairs of different digits', () => {
    assert.equal(ALL_DIGIT_PAIRS.length, 45);
    assert.equal(new Set(ALL_DIGIT_PAIRS.map(([a, b]) => `${a}${b}`)).size, 45);
  });

  it('reject a bad spec with a message naming the field', () => {
    const good = { kind: 'linear' as const, features: 4, numTasks: 1, numTrain: 5, numValid: 5, seed: 0 };
    assert.throws(() => checkTaskSuite({ ...good, numTrain: 0 }), (e: Error) => e instanceof UsageError && /numTrain must be a whole number in \[1, /.test(e.message));
    assert.throws(() => checkTaskSuite({ ...good, digitPairs: [[0, 1]] }), /digitPairs applies only to kind 'mnist'/);
  });
});
