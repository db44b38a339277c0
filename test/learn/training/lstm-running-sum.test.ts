import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { linear, lstm } from '../../../src/learn/modules/index.ts';
import { adam, optimizer, warmupCosineSchedule } from '../../../src/learn/optim/index.ts';
import { mean, noGrad, reshape, square, sub, tensor, type Tensor } from '../../../src/learn/tensor/index.ts';

/*
 * Issue 14's LSTM check: read a sequence of numbers and output, at every step, the sum so
 * far. The sum must be carried in the cell state, so a network that does not learn to
 * remember cannot do better than the last input. Inputs are uniform in [−1, 1] over 10 steps,
 * so the targets' mean square is about 1.8; held-out MSE must fall below 0.02.
 */

const STEPS = 10, HIDDEN = 16, BATCH = 32, UPDATES = 200;

function sequences(count: number, rng: Rng): { x: Tensor; y: Tensor } {
  const x = new Float32Array(count * STEPS), y = new Float32Array(count * STEPS);
  for (let s = 0; s < count; s++) {
    let total = 0;
    for (let k = 0; k < STEPS; k++) {
      const value = rng.uniform(-1, 1);
      total += value;
      x[s * STEPS + k] = value;
      y[s * STEPS + k] = total;
    }
  }
  return { x: tensor(x, [count, STEPS, 1]), y: tensor(y, [count, STEPS, 1]) };
}

const meanSquaredError = (predicted: Tensor, target: Tensor): Tensor => mean(square(sub(predicted, target)));

describe('training an LSTM', () => {
  it('learns the running sum of a sequence: held-out MSE below 0.02', (t) => {
    const rng = new Rng(14);
    const heldOut = sequences(500, rng);
    const recurrent = lstm({ inputSize: 1, hiddenSize: HIDDEN, rng });
    const readout = linear({ inputSize: HIDDEN, outputSize: 1, rng });
    const predict = (x: Tensor): Tensor => {
      const count = x.shape[0]!;
      const { outputs } = recurrent.forward(x);
      return reshape(readout.forward(reshape(outputs, [count * STEPS, HIDDEN])), [count, STEPS, 1]);
    };
    const opt = optimizer([...recurrent.parameters(), ...readout.parameters()], adam(), warmupCosineSchedule({ peak: 0.02, warmupSteps: 20, totalSteps: UPDATES }), { clipNorm: 1 });
    const before = noGrad(() => meanSquaredError(predict(heldOut.x), heldOut.y)).item();
    for (let update = 0; update < UPDATES; update++) {
      const { x, y } = sequences(BATCH, rng);
      opt.minimize(() => meanSquaredError(predict(x), y));
    }
    const after = noGrad(() => meanSquaredError(predict(heldOut.x), heldOut.y)).item();
    t.diagnostic(`held-out MSE ${after} (before training ${before})`);
    assert.ok(after < 0.02, `held-out MSE ${after} (before training ${before})`);
  });
});
