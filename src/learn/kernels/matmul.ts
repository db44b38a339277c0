/**
 * The one matmul entry point of the neural-network engine. Float32 work goes to a
 * register-blocked JavaScript kernel when the product is tiny (a call into WebAssembly and
 * its copies cost ~0.3 µs, more than the arithmetic) and to the WebAssembly SIMD kernels
 * otherwise; float64 (gradient checks) takes a plain loop. bench/matmul.ts measures the
 * crossover.
 */
import { matmulNaive, matmulSmall } from './matmul-js.ts';
import { matmulBatchWasm, matmulWasm } from './matmul-wasm.ts';

/** The storage types the engine computes in: float32 for speed, float64 for gradient checks. */
export type FloatArray = Float32Array | Float64Array;

/** Where a kernel writes a result: the array, and whether to add to what it holds rather than overwrite it. */
export interface GradientTarget<A extends FloatArray = FloatArray> {
  readonly into: A;
  readonly accumulate: boolean;
}

/**
 * Products of at most this many multiply-adds (m·k·n) run in JavaScript: the two kernels tie
 * at ~256 (0.3 µs a call, 1×8×32) and WebAssembly is 2.7× faster by 1024 (bench/matmul.ts).
 */
export const SMALL_MATMUL_MACS = 256;

/**
 * out (m×n) = op(a) · op(b), or out += … when accumulate; row-major; op(a) is m×k (stored k×m
 * when transposeA), op(b) is k×n (stored n×k when transposeB). Offsets are in elements.
 */
export function matmul(
  a: FloatArray, aOffset: number, b: FloatArray, bOffset: number, out: FloatArray, outOffset: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) out.fill(0, outOffset, outOffset + m * n);
    return;
  }
  if (a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array) {
    if (m * k * n <= SMALL_MATMUL_MACS) matmulSmall(a, aOffset, b, bOffset, out, outOffset, m, k, n, transposeA, transposeB, accumulate);
    else matmulWasm(a, aOffset, b, bOffset, out, outOffset, m, k, n, transposeA, transposeB, accumulate);
  } else {
    matmulNaive(a, aOffset, b, bOffset, out, outOffset, m, k, n, transposeA, transposeB, accumulate);
  }
}

/**
 * For i < batch: out_i (+)= op(a_i)·op(b_i), each operand's i-th matrix at i times its stride
 * (in elements; 0 shares one matrix, and a shared out sums over the batch). As `matmul` per
 * matrix, but a float32 batch of non-tiny products crosses into WebAssembly once.
 */
export function matmulBatch(
  a: FloatArray, b: FloatArray, out: FloatArray, batch: number, strideA: number, strideB: number, strideOut: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
): void {
  if (batch > 1 && m * k * n > SMALL_MATMUL_MACS && a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array) {
    matmulBatchWasm(a, b, out, batch, strideA, strideB, strideOut, m, k, n, transposeA, transposeB, accumulate);
    return;
  }
  for (let i = 0; i < batch; i++) {
    matmul(a, i * strideA, b, i * strideB, out, i * strideOut, m, k, n, transposeA, transposeB, accumulate || (strideOut === 0 && i > 0));
  }
}
