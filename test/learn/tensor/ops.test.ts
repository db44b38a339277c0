import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { UsageError } from '../../../src/core/errors.ts';
import * as t from '../../../src/learn/tensor/index.ts';

const close = (actual: ArrayLike<number>, expected: readonly number[], tolerance = 1e-6): void => {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= tolerance, `element ${i}: ${actual[i]} vs ${e}`));
};

describe('tensor ops', () => {
  it('broadcasts a bias row, a column and a scalar as NumPy does', () => {
    const x = t.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    assert.deepEqual(t.add(x, t.tensor([10, 20, 30])).toArray(), [11, 22, 33, 14, 25, 36]);
    assert.deepEqual(t.mul(x, t.tensor([1, 10], [2, 1])).toArray(), [1, 2, 3, 40, 50, 60]);
    assert.deepEqual(t.sub(1, x).toArray(), [0, -1, -2, -3, -4, -5]);
    assert.deepEqual(t.add(t.tensor([1, 2], [2, 1]), t.tensor([10, 20, 30], [1, 3])).shape, [2, 3]);
  });

  it('rejects shapes that do not broadcast, naming both', () => {
    assert.throws(() => t.add(t.zeros([2, 3]), t.zeros([2])), (e: unknown) => e instanceof UsageError && /\[2, 3\] and \[2\]/.test(e.message));
  });

  it('computes a dense layer as matmul, bias and activation would, and rejects widths that do not fit', () => {
    const rng = new Rng(3);
    const x = t.randomUniform([5, 7], rng, -2, 2);
    const w = t.randomUniform([7, 3], rng, -1, 1);
    const b = t.randomUniform([3], rng, -1, 1);
    const separate = { identity: (z: t.Tensor) => z, relu: t.relu, tanh: t.tanh, sigmoid: t.sigmoid, softplus: t.softplus, leakyRelu: (z: t.Tensor) => t.leakyRelu(z, 0.01) };
    for (const activation of t.ACTIVATION_NAMES) {
      close(t.dense(x, w, b, activation).data, separate[activation](t.add(t.matmul(x, w), b)).toArray(), 1e-6);
    }
    assert.deepEqual(t.dense(t.zeros([2, 4, 7]), w, null).shape, [2, 4, 3]);
    assert.throws(() => t.dense(t.zeros([2, 6]), w, b), /dense: x \[2, 6\], weight \[7, 3\] and bias \[3\] do not fit/);
  });

  it('computes float32 tanh within 2.4e-7 of Math.tanh relatively, odd and exactly ±1 where float32 rounds to it', () => {
    const xs = Array.from({ length: 20001 }, (_, i) => (i - 10000) / 500);
    const y = t.tanh(t.tensor([...xs, 1e-7, 50, -50])).data;
    xs.forEach((x, i) => assert.ok(Math.abs(y[i]! - Math.tanh(x)) <= 2.4e-7 * Math.abs(Math.tanh(x)) + 1e-45, `tanh(${x}) = ${y[i]}`));
    assert.deepEqual([y[20001], y[20002], y[20003]], [Math.fround(1e-7), 1, -1]);
    assert.equal(y[0], -y[20000]!);
    assert.deepEqual(t.tanh(t.tensor([0.3], [1], 'float64')).data[0], Math.tanh(0.3));
  });

  it('multiplies matrices, transposed and batched', () => {
    const a = t.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = t.tensor([1, 0, 0, 1, 1, 1], [3, 2]);
    assert.deepEqual(t.matmul(a, b).toArray(), [4, 5, 10, 11]);
    assert.deepEqual(t.matmul(a, a, { transposeB: true }).toArray(), [14, 32, 32, 77]);
    assert.deepEqual(t.matmul(a, a, { transposeA: true }).shape, [3, 3]);
    const batch = t.matmul(t.reshape(t.concat([a, a], 0), [2, 2, 3]), b);
    assert.deepEqual(batch.shape, [2, 2, 2]);
    assert.deepEqual(batch.toArray(), [4, 5, 10, 11, 4, 5, 10, 11]);
  });

  it('reduces over an axis and keeps it when asked', () => {
    const x = t.tensor([1, 5, 3, 4, 2, 6], [2, 3]);
    assert.deepEqual(t.sum(x, 0).toArray(), [5, 7, 9]);
    assert.deepEqual(t.mean(x, -1, { keepDims: true }).shape, [2, 1]);
    assert.deepEqual(t.max(x, 1).toArray(), [5, 6]);
    assert.equal(t.sum(x).item(), 21);
  });

  it('transposes, slices and concatenates', () => {
    const x = t.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    assert.deepEqual(t.transpose(x).toArray(), [1, 4, 2, 5, 3, 6]);
    assert.deepEqual(t.slice(x, [0, 1], [2, -1]).toArray(), [2, 3, 5, 6]);
    assert.deepEqual(t.concat([x, x], 1).toArray(), [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6]);
  });

  it('gathers rows and reduces them by segment', () => {
    const x = t.tensor([1, 2, 3, 4, 5, 6], [3, 2]);
    assert.deepEqual(t.gather(x, Int32Array.of(2, 0, 2)).toArray(), [5, 6, 1, 2, 5, 6]);
    const ids = Int32Array.of(1, 1, 0);
    assert.deepEqual(t.segmentSum(x, ids, 3).toArray(), [5, 6, 4, 6, 0, 0]);
    assert.deepEqual(t.segmentMean(x, ids, 2).toArray(), [5, 6, 2, 3]);
    assert.deepEqual(t.segmentMax(x, ids, 2).toArray(), [5, 6, 3, 4]);
    assert.throws(() => t.gather(x, Int32Array.of(3)), /index 3 .* outside 0..2/);
    const edges = { from: Int32Array.of(2, 0, 2, 1), to: Int32Array.of(0, 0, 2, 0) };
    assert.deepEqual(t.gatherSegmentSum(x, edges.from, edges.to, 3).toArray(), t.segmentSum(t.gather(x, edges.from), edges.to, 3).toArray());
    assert.throws(() => t.gatherSegmentSum(x, edges.from, Int32Array.of(0, 0, 3, 0), 3), /segment id 3 at position 2 is outside 0..2/);
  });

  it('reshapes as a view that follows its tensor\'s in-place updates', () => {
    const p = t.parameter(t.tensor([1, 2, 3, 4], [2, 2]));
    const flat = t.reshape(p, [4]);
    p.data[1] = 20;
    assert.deepEqual(flat.toArray(), [1, 20, 3, 4]);
  });

  it('keeps the row width when gathering or reducing no rows', () => {
    const none = t.gather(t.tensor([1, 2, 3, 4, 5, 6], [3, 2]), new Int32Array(0));
    assert.deepEqual(none.shape, [0, 2]);
    assert.deepEqual(t.segmentSum(none, new Int32Array(0), 2).toArray(), [0, 0, 0, 0]);
  });

  it('computes softmax and cross-entropy without overflow on large logits', () => {
    const logits = t.tensor([1000, 1000, 0, 1, 2, 3], [2, 3]);
    close(t.softmax(logits).data.subarray(0, 3), [0.5, 0.5, 0], 1e-6);
    const loss = t.crossEntropy(logits, Int32Array.of(0, 2));
    const second = -Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
    close([loss.item()], [(Math.log(2) + second) / 2], 1e-5);
    assert.ok(Number.isFinite(t.binaryCrossEntropyWithLogits(t.tensor([500, -500]), t.tensor([0, 1])).item()));
  });

  it('counts the rows whose largest logit is the label as accurate', () => {
    const logits = t.tensor([0.1, 0.7, 0.2, 3, 1, 2, 5, 5, 0], [3, 3]);
    assert.equal(t.accuracy(logits, Int32Array.of(1, 2, 0)), 2 / 3);
    assert.throws(() => t.accuracy(logits, Int32Array.of(1)), /1 labels for 3 rows/);
  });

  it('keeps the log of the normaliser when the logits dwarf it', () => {
    // Two equal logits of 1e17: log-softmax is −ln 2 each; top + ln 2 would round back to 1e17.
    const huge = t.tensor([1e17, 1e17], [1, 2], 'float64');
    close(t.logSoftmax(huge).data, [-Math.log(2), -Math.log(2)], 1e-12);
    close([t.crossEntropy(huge, Int32Array.of(1)).item()], [Math.log(2)], 1e-12);
  });

  it('normalises rows to mean 0 and variance 1', () => {
    const y = t.layerNorm(t.tensor([1, 2, 3, 10, 20, 30], [2, 3]), t.ones([3]), t.zeros([3]), 0);
    close(y.data, [-1.2247449, 0, 1.2247449, -1.2247449, 0, 1.2247449], 1e-5);
  });

  it('keeps float32 storage and float64 when asked, and refuses to mix them', () => {
    assert.ok(t.add(t.ones([2]), 1).data instanceof Float32Array);
    assert.ok(t.add(t.ones([2], 'float64'), 1).data instanceof Float64Array);
    assert.throws(() => t.add(t.ones([2]), t.ones([2], 'float64')), /cast\(\)/);
    assert.ok(t.cast(t.ones([2]), 'float64').data instanceof Float64Array);
  });

  it('records nothing under noGrad and cuts gradients at stopGradient', () => {
    const w = t.parameter(t.tensor([2, 3]));
    assert.equal(t.noGrad(() => t.mul(w, w)).requiresGrad, false);
    const [g] = t.gradients(t.sum(t.mul(w, t.stopGradient(w))), [w]);
    assert.deepEqual(g!.toArray(), [2, 3]);
    const [unused] = t.gradients(t.sum(t.mul(w, 2)), [t.parameter(t.zeros([3]))]);
    assert.deepEqual(unused!.toArray(), [0, 0, 0]);
  });

  it('accumulates the gradient of a tensor used twice', () => {
    const w = t.parameter(t.tensor([3]));
    const [g] = t.gradients(t.sum(t.add(t.mul(w, w), w)), [w]);
    assert.deepEqual(g!.toArray(), [7]);
  });

  it('draws the same squashed Gaussian sample for the same seed, inside (−1, 1)', () => {
    const draw = (): number[] => t.squashedGaussian(t.zeros([4, 2]), t.zeros([4, 2]), new Rng(3)).action.toArray();
    assert.deepEqual(draw(), draw());
    assert.ok(draw().every((a) => a > -1 && a < 1));
  });
});
