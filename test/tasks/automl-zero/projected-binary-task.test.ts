import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import { buildTaskSuite, createLoopBuffers, loadMnistDigits, programEngine, projectedBinaryTask } from '../../../src/tasks/automl-zero/index.ts';
import { gradientDescentProgram } from './programs.ts';

const OPTIONS = { index: 0, features: 8, digits: [3, 7] as const, numTrain: 400, numValid: 100, numTest: 100, seed: 5 };

describe('projected binary classification on MNIST', () => {
  it('reads about a thousand 28×28 images of each digit from the mnist package', () => {
    const mnist = loadMnistDigits();
    assert.equal(mnist.counts.length, 10);
    for (let digit = 0; digit < 10; digit++) {
      assert.ok(mnist.counts[digit]! > 800, `digit ${digit}: ${mnist.counts[digit]} images`);
      assert.equal(mnist.images[digit]!.length, mnist.counts[digit]! * 784);
    }
  });

  it('splits two digits into balanced train, validation and test sets of standardised projections', () => {
    const task = projectedBinaryTask(loadMnistDigits(), { ...OPTIONS, digits: [3, 7] });
    assert.equal(task.evalType, 'accuracy');
    assert.deepEqual([task.trainY.length, task.validY.length, task.testY!.length], [400, 100, 100]);
    assert.equal(task.trainX.length, 400 * 8);
    for (const labels of [task.trainY, task.validY, task.testY!]) assert.equal(labels.reduce((a, b) => a + b, 0), labels.length / 2);
    for (let j = 0; j < 8; j++) {
      let sum = 0;
      let squares = 0;
      for (let e = 0; e < 400; e++) {
        sum += task.trainX[e * 8 + j]!;
        squares += task.trainX[e * 8 + j]! ** 2;
      }
      assert.ok(Math.abs(sum / 400) < 1e-9 && Math.abs(squares / 400 - 1) < 1e-9, `feature ${j} is standardised on the training set`);
    }
  });

  it('makes the same task from the same seed and another from another seed', () => {
    const mnist = loadMnistDigits();
    assert.deepEqual(projectedBinaryTask(mnist, OPTIONS).validX, projectedBinaryTask(mnist, OPTIONS).validX);
    assert.notDeepEqual(projectedBinaryTask(mnist, OPTIONS).validX, projectedBinaryTask(mnist, { ...OPTIONS, seed: 6 }).validX);
  });

  it('is learnable: logistic regression by gradient descent tells the digits apart on the test split', () => {
    const task = projectedBinaryTask(loadMnistDigits(), OPTIONS);
    const engine = programEngine({ scalars: 4, vectors: 3, matrices: 1, features: 8 }, 'accuracy');
    const accuracy = engine.prepare(gradientDescentProgram(0.05)).run({ ...task, validX: task.testX!, validY: task.testY! }, 400, 100, new Rng(0), createLoopBuffers(400, 100));
    assert.ok(accuracy > 0.85, `test accuracy ${accuracy}`);
  });

  it('rejects splits larger than the images of a digit', () => {
    assert.throws(() => projectedBinaryTask(loadMnistDigits(), { ...OPTIONS, digits: [5, 6], numTrain: 2000 }), (e: Error) => e instanceof UsageError && /digit 5 has 863 images but the splits need 1100/.test(e.message));
  });

  it('cycles a suite through its shuffled digit pairs', () => {
    const suite = buildTaskSuite({ kind: 'mnist', features: 4, numTasks: 3, numTrain: 20, numValid: 10, seed: 1, digitPairs: [[0, 1], [2, 3]] });
    assert.equal(suite.length, 3);
    assert.deepEqual(suite[0]!.trainX.length, 80);
  });
});
