/**
 * Micro-measurements quoted by the engine's issue: square matmul throughput per tfjs backend,
 * the cost of one tiny op with its read-back, and a plain JavaScript triple loop for scale.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../src/core/rng.ts';
import { timeStep, formatDuration, type Budget } from './measure.ts';
import { useTfjsBackend, type TfjsBackend } from './tfjs.ts';

/** GFLOP/s of an n × n by n × n product (A·B, or Aᵀ·B as in a weight gradient) with its read-back. */
async function tfjsMatmulGflops(n: number, budget: Budget, transposeA = false): Promise<number> {
  const a = tf.randomUniform([n, n], -1, 1, 'float32', 1);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', 2);
  const timing = await timeStep(() => {
    const c = tf.matMul(a, b, transposeA);
    c.dataSync();
    c.dispose();
  }, budget);
  a.dispose();
  b.dispose();
  return (2 * n ** 3) / (timing.msPerStep * 1e6);
}

/** Milliseconds for one elementwise add of two 1-element tensors, read back. */
async function tfjsTinyOpMs(budget: Budget): Promise<number> {
  const a = tf.tensor1d([1]);
  const b = tf.tensor1d([2]);
  const timing = await timeStep(() => {
    const c = tf.add(a, b);
    c.dataSync();
    c.dispose();
  }, budget);
  a.dispose();
  b.dispose();
  return timing.msPerStep;
}

/** GFLOP/s of a straightforward i-k-j triple loop over Float32Arrays. */
async function plainLoopGflops(n: number, budget: Budget): Promise<number> {
  const rng = new Rng(3);
  const a = Float32Array.from({ length: n * n }, () => rng.uniform(-1, 1));
  const b = Float32Array.from({ length: n * n }, () => rng.uniform(-1, 1));
  const c = new Float32Array(n * n);
  const timing = await timeStep(() => {
    c.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const aik = a[i * n + k]!;
        for (let j = 0; j < n; j++) c[i * n + j]! += aik * b[k * n + j]!;
      }
    }
  }, budget);
  return (2 * n ** 3) / (timing.msPerStep * 1e6);
}

/** Prints one line per backend and one for the plain loop; `sizes` are the matmul orders. */
export async function printMicro(backends: readonly TfjsBackend[], sizes: readonly number[], budget: Budget): Promise<void> {
  for (const backend of backends) {
    await useTfjsBackend(backend);
    const cells: string[] = [];
    for (const n of sizes) cells.push(`${n}: ${(await tfjsMatmulGflops(n, budget)).toFixed(2)}`);
    cells.push(`(Aᵀ·B ${sizes[0]}: ${(await tfjsMatmulGflops(sizes[0]!, budget, true)).toFixed(2)})`);
    const tiny = await tfjsTinyOpMs(budget);
    console.log(`  tfjs-${backend.padEnd(5)} square matmul GFLOP/s ${cells.join('  ')} | one tiny op + read-back ${formatDuration(tiny)}`);
  }
  console.log(`  plain JS   i-k-j triple loop GFLOP/s 256: ${(await plainLoopGflops(256, budget)).toFixed(2)}`);
}
