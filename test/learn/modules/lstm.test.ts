import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { lstm, lstmCell } from '../../../src/learn/modules/index.ts';
import { concat, noGrad, parameter, reshape, slice, tensor } from '../../../src/learn/tensor/index.ts';
import { assertParameterGradientsMatch, randomTensor } from '../../helpers/gradient-check.ts';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('lstmCell', () => {
  it('starts with forget-gate biases of 1 and the other biases 0', () => {
    assert.deepEqual(lstmCell({ inputSize: 2, hiddenSize: 2, rng: new Rng(1) }).bias.toArray(), [0, 0, 1, 1, 0, 0, 0, 0]);
  });

  it('computes the gates in the order input, forget, candidate, output', () => {
    const cell = lstmCell({ inputSize: 1, hiddenSize: 1, rng: new Rng(1), dtype: 'float64' });
    const [wx, wh, b] = [[0.5, -0.3, 0.8, 0.2], [0.1, 0.4, -0.6, 0.7], [0.05, 1, -0.1, 0.2]];
    cell.inputWeight.data.set(wx);
    cell.recurrentWeight.data.set(wh);
    cell.bias.data.set(b);
    const [x, h, c] = [0.9, -0.4, 0.3];
    const z = [0, 1, 2, 3].map((g) => x * wx[g]! + h * wh[g]! + b[g]!);
    const cNext = sigmoid(z[1]!) * c + sigmoid(z[0]!) * Math.tanh(z[2]!);
    const hNext = sigmoid(z[3]!) * Math.tanh(cNext);
    const state = cell.forward(tensor([x], [1, 1], 'float64'), { h: tensor([h], [1, 1], 'float64'), c: tensor([c], [1, 1], 'float64') });
    assert.ok(Math.abs(state.c.item() - cNext) < 1e-15 && Math.abs(state.h.item() - hNext) < 1e-15);
  });
});

describe('lstm', () => {
  it('runs the cell step by step over the sequence, and returns every hidden state and the final state', () => {
    const rng = new Rng(3);
    const net = lstm({ inputSize: 2, hiddenSize: 3, rng, dtype: 'float64' });
    const x = randomTensor([2, 4, 2], rng);
    const { outputs, state } = noGrad(() => net.forward(x));
    assert.deepEqual(outputs.shape, [2, 4, 3]);
    let manual = net.cell.initialState(2);
    const steps = [];
    for (let t = 0; t < 4; t++) {
      manual = net.cell.forward(reshape(slice(x, [0, t, 0], [-1, 1, -1]), [2, 2]), manual);
      steps.push(reshape(manual.h, [2, 1, 3]));
    }
    const expected = concat(steps, 1).toArray();
    outputs.toArray().forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-14));
    assert.deepEqual(state.h.toArray(), manual.h.toArray());
    assert.deepEqual(state.c.toArray(), manual.c.toArray());
  });

  it('rejects an input that is not [batch, time, inputSize]', () => {
    assert.throws(() => lstm({ inputSize: 2, hiddenSize: 3, rng: new Rng(1) }).forward(tensor([1, 2], [1, 2])), /lstm: x must be \[batch, time ≥ 1, 2\], got \[1, 2\]/);
  });

  it('has gradients that match central differences with respect to its weights, inputs and initial state', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer(), (inputSize, hiddenSize, time, batch, seed) => {
      const rng = new Rng(seed);
      const net = lstm({ inputSize, hiddenSize, rng, dtype: 'float64' });
      const x = parameter(randomTensor([batch, time, inputSize], rng));
      const h = parameter(randomTensor([batch, hiddenSize], rng, -1, 1));
      const c = parameter(randomTensor([batch, hiddenSize], rng, -1, 1));
      assertParameterGradientsMatch(() => {
        const { outputs, state } = net.forward(x, { h, c });
        return concat([reshape(outputs, [-1]), reshape(state.c, [-1])]);
      }, [...net.parameters(), x, h, c]);
    }), { numRuns: 15, seed: 8 });
  });
});
