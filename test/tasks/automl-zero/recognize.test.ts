import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instruction } from '../../../src/spaces/register/index.ts';
import { recognizeLinearGradientDescent } from '../../../src/tasks/automl-zero/index.ts';
import { gradientDescentProgram, hebbianProgram, scrambledGradientDescentProgram } from './programs.ts';

const SHAPE = { scalars: 4, vectors: 3, matrices: 1, features: 4 };

describe('recognizeLinearGradientDescent', () => {
  it('recognises linear regression by gradient descent and reads its learning rate', () => {
    const match = recognizeLinearGradientDescent(gradientDescentProgram(0.037), SHAPE);
    assert.ok(match !== undefined);
    assert.ok(Math.abs(match.learningRate - 0.037) < 1e-12);
    assert.equal(match.constantRate, true);
    assert.equal(match.delay, 0);
  });

  it("recognises gradient descent that applies each example's gradient one step late, as evolution often writes it", () => {
    // learn: v2 += lr * v1 (the gradient kept from the previous step), then v1 = (y - ŷ) x.
    const delayed = {
      setup: [instruction('SCALAR_CONST_SET_OP', { out: 3, data: [0.2] })],
      predict: [instruction('VECTOR_INNER_PRODUCT_OP', { in1: 2, in2: 0, out: 1 })],
      learn: [
        instruction('SCALAR_VECTOR_PRODUCT_OP', { in1: 3, in2: 1, out: 1 }),
        instruction('VECTOR_SUM_OP', { in1: 2, in2: 1, out: 2 }),
        instruction('SCALAR_DIFF_OP', { in1: 0, in2: 1, out: 2 }),
        instruction('SCALAR_VECTOR_PRODUCT_OP', { in1: 2, in2: 0, out: 1 }),
      ],
    };
    const match = recognizeLinearGradientDescent(delayed, SHAPE);
    assert.deepEqual(match && { ...match, learningRate: Number(match.learningRate.toFixed(12)) }, { learningRate: 0.2, constantRate: true, delay: 1 });
  });

  it('recognises it however the instructions are arranged', () => {
    assert.ok(Math.abs(recognizeLinearGradientDescent(scrambledGradientDescentProgram(), SHAPE)!.learningRate - 0.05) < 1e-12);
  });

  it('rejects learners that are not gradient descent on a linear model', () => {
    assert.equal(recognizeLinearGradientDescent(hebbianProgram(), SHAPE), undefined);
    const constant = { setup: [], predict: [instruction('SCALAR_CONST_SET_OP', { out: 1, data: [1] })], learn: [] };
    assert.equal(recognizeLinearGradientDescent(constant, SHAPE), undefined);
    const negative = gradientDescentProgram(-0.1);
    assert.equal(recognizeLinearGradientDescent(negative, SHAPE), undefined, 'a step away from the gradient');
  });
});
