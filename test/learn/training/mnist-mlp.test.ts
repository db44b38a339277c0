import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { mlp } from '../../../src/learn/modules/index.ts';
import { adam, optimizer, warmupCosineSchedule } from '../../../src/learn/optim/index.ts';
import { accuracy, crossEntropy, noGrad, tensor, type Tensor } from '../../../src/learn/tensor/index.ts';
import { loadMnistDigits, MNIST_PIXELS } from '../../../src/tasks/automl-zero/mnist.ts';

/*
 * Issue 14's MNIST check: a 784-128-10 ReLU MLP trained with Adam on 8,000 of the mnist
 * package's 10,000 digits reaches at least 93% on the other 2,000. Seeded: the split, the
 * weights and the batch order all come from one Rng, so the run is the same every time.
 */

const TRAIN = 8000, HELD_OUT = 2000, BATCH = 32, EPOCHS = 5;

interface Examples { readonly images: Float32Array; readonly labels: Int32Array }

/** Every digit image with its label, in a seeded random order. */
function shuffledDigits(rng: Rng): Examples {
  const { images, counts } = loadMnistDigits();
  const byDigit: [digit: number, index: number][] = [];
  counts.forEach((count, digit) => { for (let k = 0; k < count; k++) byDigit.push([digit, k]); });
  const order = rng.shuffle(byDigit);
  const out = new Float32Array(order.length * MNIST_PIXELS);
  const labels = new Int32Array(order.length);
  order.forEach(([digit, k], i) => {
    out.set(images[digit]!.subarray(k * MNIST_PIXELS, (k + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = digit;
  });
  return { images: out, labels };
}

/** Rows `rows` of the examples as a batch. */
function batchOf(examples: Examples, rows: readonly number[]): { x: Tensor; y: Int32Array } {
  const x = new Float32Array(rows.length * MNIST_PIXELS);
  const y = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    x.set(examples.images.subarray(r * MNIST_PIXELS, (r + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    y[i] = examples.labels[r]!;
  });
  return { x: tensor(x, [rows.length, MNIST_PIXELS]), y };
}

describe('training an MLP on MNIST', () => {
  it('reaches at least 93% accuracy on held-out digits with a 784-128-10 MLP and Adam', (t) => {
    const rng = new Rng(14);
    const digits = shuffledDigits(rng);
    assert.ok(digits.labels.length >= TRAIN + HELD_OUT, `the mnist package holds ${digits.labels.length} digits`);
    const net = mlp({ sizes: [MNIST_PIXELS, 128, 10], rng });
    const stepsPerEpoch = Math.floor(TRAIN / BATCH);
    const opt = optimizer(net.parameters(), adam(), warmupCosineSchedule({ peak: 2e-3, warmupSteps: 20, totalSteps: EPOCHS * stepsPerEpoch }));
    const rows = Array.from({ length: TRAIN }, (_, i) => i);
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      const order = rng.shuffle(rows);
      for (let s = 0; s < stepsPerEpoch; s++) {
        const { x, y } = batchOf(digits, order.slice(s * BATCH, (s + 1) * BATCH));
        opt.minimize(() => crossEntropy(net.forward(x), y));
      }
    }
    const test = batchOf(digits, Array.from({ length: HELD_OUT }, (_, i) => TRAIN + i));
    const heldOut = accuracy(noGrad(() => net.forward(test.x)), test.y);
    t.diagnostic(`held-out accuracy ${heldOut}`);
    assert.ok(heldOut >= 0.93, `held-out accuracy ${heldOut}`);
  });
});
