import { UsageError } from '../../core/errors.ts';
import { Rng } from '../../core/rng.ts';
import { MNIST_PIXELS, type MnistDigits } from './mnist.ts';
import type { TaskData } from './task-data.ts';

/** Options of `projectedBinaryTask`. */
export interface ProjectedBinaryTaskOptions {
  readonly index: number;
  /** Projected feature size F. */
  readonly features: number;
  /** The two digits; the first is labelled 1, the second 0. */
  readonly digits: readonly [number, number];
  readonly numTrain: number;
  readonly numValid: number;
  readonly numTest: number;
  /** Draws the split and the projection matrix. */
  readonly seed: number;
}

/**
 * Projected binary classification as in AutoML-Zero (generate_datasets.py), on MNIST: the
 * images of two digits, split per class into train/validation/test sets, multiplied by a
 * 784×F Gaussian random matrix, then standardised per feature with the training set's mean
 * and deviation. Fitness is validation accuracy of sigmoid(prediction) > 0.5.
 */
export function projectedBinaryTask(mnist: MnistDigits, o: ProjectedBinaryTaskOptions): TaskData {
  const [positive, negative] = o.digits;
  if (positive === negative || ![positive, negative].every((d) => Number.isInteger(d) && d >= 0 && d <= 9)) {
    throw new UsageError(`projected binary task: digits must be two different digits 0-9, got [${o.digits.join(', ')}]`);
  }
  const rng = new Rng(o.seed);
  const half = (n: number): [number, number] => [Math.ceil(n / 2), Math.floor(n / 2)];
  const [trainP, trainN] = half(o.numTrain);
  const [validP, validN] = half(o.numValid);
  const [testP, testN] = half(o.numTest);
  const pos = shuffledIndices(mnist.counts[positive]!, trainP + validP + testP, positive, rng);
  const neg = shuffledIndices(mnist.counts[negative]!, trainN + validN + testN, negative, rng);
  const projection = new Float64Array(MNIST_PIXELS * o.features);
  for (let i = 0; i < projection.length; i++) projection[i] = rng.normal();
  const build = (p: number[], n: number[]): { x: Float64Array; y: Float64Array } => {
    const order = rng.shuffle([...p.map((i) => [positive, i] as const), ...n.map((i) => [negative, i] as const)]);
    const x = new Float64Array(order.length * o.features);
    const y = new Float64Array(order.length);
    order.forEach(([digit, image], e) => {
      project(mnist.images[digit]!, image, projection, o.features, x, e * o.features);
      y[e] = digit === positive ? 1 : 0;
    });
    return { x, y };
  };
  const train = build(pos.slice(0, trainP), neg.slice(0, trainN));
  const valid = build(pos.slice(trainP, trainP + validP), neg.slice(trainN, trainN + validN));
  const test = build(pos.slice(trainP + validP), neg.slice(trainN + validN));
  standardise(train.x, [train.x, valid.x, test.x], o.features);
  return { index: o.index, features: o.features, evalType: 'accuracy', trainX: train.x, trainY: train.y, validX: valid.x, validY: valid.y, testX: test.x, testY: test.y };
}

function shuffledIndices(available: number, wanted: number, digit: number, rng: Rng): number[] {
  if (wanted > available) throw new UsageError(`projected binary task: digit ${digit} has ${available} images but the splits need ${wanted}; use fewer train/valid/test examples`);
  return rng.shuffle(Array.from({ length: available }, (_, i) => i)).slice(0, wanted);
}

function project(images: Float32Array, image: number, projection: Float64Array, f: number, out: Float64Array, at: number): void {
  const base = image * MNIST_PIXELS;
  for (let j = 0; j < f; j++) out[at + j] = 0;
  for (let p = 0; p < MNIST_PIXELS; p++) {
    const pixel = images[base + p]!;
    if (pixel === 0) continue;
    for (let j = 0; j < f; j++) out[at + j]! += pixel * projection[p * f + j]!;
  }
}

/** Standardises every feature with the mean and deviation of `reference` (the training set). */
function standardise(reference: Float64Array, sets: readonly Float64Array[], f: number): void {
  const n = reference.length / f;
  for (let j = 0; j < f; j++) {
    let sum = 0;
    let squares = 0;
    for (let e = 0; e < n; e++) {
      const x = reference[e * f + j]!;
      sum += x;
      squares += x * x;
    }
    const mean = sum / n;
    const deviation = Math.sqrt(Math.max(squares / n - mean * mean, 0)) || 1;
    for (const set of sets) for (let e = 0; e < set.length / f; e++) set[e * f + j] = (set[e * f + j]! - mean) / deviation;
  }
}
