import { Rng } from '../../core/rng.ts';
import { loadMnistDigits, MNIST_PIXELS } from '../automl-zero/mnist.ts';

/** Labelled examples, row-major: `features` has `rows × width` values. */
export interface Examples {
  readonly features: Float32Array;
  readonly width: number;
  readonly rows: number;
  /** Class labels (classification) or undefined. */
  readonly labels?: Int32Array;
  /** Regression targets, one per row, or undefined. */
  readonly targets?: Float32Array;
}

/** A training and a validation split of one data set. */
export interface Split {
  readonly train: Examples;
  readonly valid: Examples;
}

/** Side of an MNIST image after `pool`×`pool` average pooling (28 / pool). */
export function pooledSide(pool: number): number {
  return Math.floor(28 / pool);
}

/**
 * MNIST digits from the `mnist` package, average-pooled `pool`×`pool` (2 gives 14×14 = 196
 * features, a fourth of the cost), drawn without replacement in a seeded order: the first
 * `trainSize` for training, the next `validSize` for validation.
 */
export function mnistSplit(trainSize: number, validSize: number, pool: number, seed: number): Split {
  const { images, counts } = loadMnistDigits();
  const pairs: [digit: number, index: number][] = [];
  counts.forEach((count, digit) => {
    for (let k = 0; k < count; k++) pairs.push([digit, k]);
  });
  const order = new Rng(seed).shuffle(pairs).slice(0, trainSize + validSize);
  const side = pooledSide(pool);
  const width = side * side;
  const features = new Float32Array(order.length * width);
  const labels = new Int32Array(order.length);
  order.forEach(([digit, k], row) => {
    const image = images[digit]!.subarray(k * MNIST_PIXELS, (k + 1) * MNIST_PIXELS);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        let total = 0;
        for (let dy = 0; dy < pool; dy++) for (let dx = 0; dx < pool; dx++) total += image[(y * pool + dy) * 28 + x * pool + dx]!;
        features[row * width + y * side + x] = total / (pool * pool);
      }
    }
    labels[row] = digit;
  });
  const part = (from: number, to: number): Examples => ({
    features: features.subarray(from * width, to * width), width, rows: to - from, labels: labels.subarray(from, to),
  });
  return { train: part(0, trainSize), valid: part(trainSize, order.length) };
}

/**
 * A smooth regression target over [−1, 1]^4 with noise of standard deviation 0.05:
 * y = sin(2x₀)·x₁ + 0.5·x₂² − x₀x₃.
 */
export function regressionSplit(trainSize: number, validSize: number, seed: number): Split {
  const rng = new Rng(seed);
  const width = 4;
  const make = (rows: number): Examples => {
    const features = Float32Array.from({ length: rows * width }, () => rng.uniform(-1, 1));
    const targets = Float32Array.from({ length: rows }, (_, r) => {
      const [x0, x1, x2, x3] = features.subarray(r * width, (r + 1) * width);
      return Math.sin(2 * x0!) * x1! + 0.5 * x2! * x2! - x0! * x3! + 0.05 * rng.normal();
    });
    return { features, width, rows, targets };
  };
  return { train: make(trainSize), valid: make(validSize) };
}

/** Rows `rows` of `examples` gathered into one batch (features, and labels or targets). */
export function batchOf(examples: Examples, rows: readonly number[]): { features: Float32Array; labels?: Int32Array; targets?: Float32Array } {
  const { width } = examples;
  const features = new Float32Array(rows.length * width);
  rows.forEach((r, i) => features.set(examples.features.subarray(r * width, (r + 1) * width), i * width));
  if (examples.labels !== undefined) return { features, labels: Int32Array.from(rows, (r) => examples.labels![r]!) };
  return { features, targets: Float32Array.from(rows, (r) => examples.targets![r]!) };
}
