import { UsageError } from '../../core/errors.ts';
import { outputBuffer } from './recycling.ts';
import { gradientOf, result } from './autograd.ts';
import { add, mul, reciprocal, sqrt, sub } from './elementwise.ts';
import { mean } from './reduce.ts';
import { allocate, shapeText, type FloatArray, type Tensor } from './tensor.ts';

/*
 * The ops of losses and normalisation. Softmax and the cross-entropies are fused (one pass
 * forward, the closed-form gradient back) for speed and so that large logits never overflow.
 */

function rows(op: string, x: Tensor): { count: number; width: number } {
  if (x.rank < 1) throw new UsageError(`${op}: needs at least one axis, got a scalar`);
  const width = x.shape[x.rank - 1]!;
  return { count: width === 0 ? 0 : x.size / width, width };
}

/** Writes log-softmax of each row of `x` into `out`. */
function logSoftmaxRows(x: FloatArray, out: FloatArray, count: number, width: number): void {
  for (let r = 0; r < count; r++) {
    const base = r * width;
    let top = -Infinity;
    for (let i = 0; i < width; i++) top = Math.max(top, x[base + i]!);
    let total = 0;
    for (let i = 0; i < width; i++) total += Math.exp(x[base + i]! - top);
    // (x − top) − log Σ, not x − (top + log Σ): beside a huge top, log Σ would be rounded away.
    const logTotal = Math.log(total);
    for (let i = 0; i < width; i++) out[base + i] = x[base + i]! - top - logTotal;
  }
}

/** log(softmax(x)) over the last axis. */
export function logSoftmax(x: Tensor): Tensor {
  const { count, width } = rows('logSoftmax', x);
  const y = outputBuffer(x.dtype, x.size);
  logSoftmaxRows(x.data, y, count, width);
  return result(y, x.shape, [x], (g) => {
    const gx = gradientOf(x);
    if (gx === null) return;
    for (let r = 0; r < count; r++) {
      const base = r * width;
      let total = 0;
      for (let i = 0; i < width; i++) total += g[base + i]!;
      for (let i = 0; i < width; i++) gx[base + i]! += g[base + i]! - Math.exp(y[base + i]!) * total;
    }
  });
}

/** Softmax over the last axis. */
export function softmax(x: Tensor): Tensor {
  const { count, width } = rows('softmax', x);
  const y = outputBuffer(x.dtype, x.size, false);
  const xs = x.data;
  // e^(x − top) / Σ: one exponential per element (the logarithm of log-softmax is not needed),
  // and no overflow, as every exponent is at most 0 and the sum at least 1.
  for (let r = 0; r < count; r++) {
    const base = r * width;
    let top = -Infinity;
    for (let i = 0; i < width; i++) top = Math.max(top, xs[base + i]!);
    let total = 0;
    for (let i = 0; i < width; i++) {
      const e = Math.exp(xs[base + i]! - top);
      y[base + i] = e;
      total += e;
    }
    for (let i = 0; i < width; i++) y[base + i] = y[base + i]! / total;
  }
  return result(y, x.shape, [x], (g) => {
    const gx = gradientOf(x);
    if (gx === null) return;
    for (let r = 0; r < count; r++) {
      const base = r * width;
      let dot = 0;
      for (let i = 0; i < width; i++) dot += g[base + i]! * y[base + i]!;
      for (let i = 0; i < width; i++) gx[base + i]! += y[base + i]! * (g[base + i]! - dot);
    }
  });
}

/** The mean over rows of −log softmax(logits)[label]: logits [N, C], labels N class indices. */
export function crossEntropy(logits: Tensor, labels: Int32Array): Tensor {
  if (logits.rank !== 2) throw new UsageError(`crossEntropy: logits must be [rows, classes], got ${shapeText(logits.shape)}`);
  const { count, width } = rows('crossEntropy', logits);
  if (labels.length !== count) throw new UsageError(`crossEntropy: ${labels.length} labels for ${count} rows`);
  const logProbs = outputBuffer(logits.dtype, logits.size);
  logSoftmaxRows(logits.data, logProbs, count, width);
  let loss = 0;
  for (let r = 0; r < count; r++) {
    const label = labels[r]!;
    if (label < 0 || label >= width) throw new UsageError(`crossEntropy: label ${label} at row ${r} is outside 0..${width - 1}`);
    loss -= logProbs[r * width + label]!;
  }
  const y = allocate(logits.dtype, 1);
  y[0] = loss / count;
  return result(y, [], [logits], (g) => {
    const gx = gradientOf(logits);
    if (gx === null) return;
    const scale = g[0]! / count;
    for (let r = 0; r < count; r++) {
      for (let i = 0; i < width; i++) gx[r * width + i]! += scale * Math.exp(logProbs[r * width + i]!);
      gx[r * width + labels[r]!]! -= scale;
    }
  });
}

/**
 * The weighted mean binary cross-entropy of sigmoid(logits) against targets in [0, 1]
 * (same shape), computed from the logits so that it never overflows. `weights` (same
 * shape, default all 1) scale each element's share: Σ wᵢ·lossᵢ / Σ wᵢ.
 */
export function binaryCrossEntropyWithLogits(logits: Tensor, targets: Tensor, weights?: Tensor): Tensor {
  if (targets.size !== logits.size || (weights !== undefined && weights.size !== logits.size)) {
    throw new UsageError(`binaryCrossEntropyWithLogits: logits ${shapeText(logits.shape)}, targets ${shapeText(targets.shape)}${weights ? ` and weights ${shapeText(weights.shape)}` : ''} must have one element each`);
  }
  const x = logits.data, t = targets.data, w = weights?.data;
  let total = 0, weightSum = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w === undefined ? 1 : w[i]!;
    const xi = x[i]!;
    total += wi * (Math.max(xi, 0) - xi * t[i]! + Math.log1p(Math.exp(-Math.abs(xi))));
    weightSum += wi;
  }
  const y = allocate(logits.dtype, 1);
  y[0] = weightSum > 0 ? total / weightSum : 0;
  return result(y, [], [logits], (g) => {
    const gx = gradientOf(logits);
    if (gx === null || weightSum <= 0) return;
    const scale = g[0]! / weightSum;
    for (let i = 0; i < x.length; i++) {
      const wi = w === undefined ? 1 : w[i]!;
      gx[i]! += scale * wi * (1 / (1 + Math.exp(-x[i]!)) - t[i]!);
    }
  });
}

/** Normalises each row over the last axis to mean 0 and variance 1, then scales by gamma and shifts by beta. */
export function layerNorm(x: Tensor, gamma: Tensor, beta: Tensor, epsilon = 1e-5): Tensor {
  const centred = sub(x, mean(x, -1, { keepDims: true }));
  const variance = mean(mul(centred, centred), -1, { keepDims: true });
  const normalised = mul(centred, reciprocal(sqrt(add(variance, epsilon))));
  return add(mul(normalised, gamma), beta);
}

/** The share of rows of `logits` ([rows, classes]) whose largest entry is the row's label (the first on ties). */
export function accuracy(logits: Tensor, labels: Int32Array): number {
  if (logits.rank !== 2) throw new UsageError(`accuracy: logits must be [rows, classes], got ${shapeText(logits.shape)}`);
  const classes = logits.shape[1]!;
  if (labels.length !== logits.shape[0]) throw new UsageError(`accuracy: ${labels.length} labels for ${logits.shape[0]} rows`);
  let correct = 0;
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits.data[r * classes + c]! > logits.data[r * classes + best]!) best = c;
    if (best === labels[r]) correct++;
  }
  return correct / labels.length;
}
