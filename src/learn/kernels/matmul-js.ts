/**
 * Matmul in plain JavaScript: a register-blocked kernel for small float32 shapes, where a
 * call into WebAssembly would cost more than the arithmetic, and a naive loop for float64
 * (gradient checks), kept apart so the hot kernel only ever sees Float32Array.
 */

/**
 * out (m×n) (+)= op(a)·op(b) over Float32Array, four outputs of a row per block so each a
 * element is loaded once per four multiply-adds; sums are kept in doubles and rounded once.
 */
export function matmulSmall(
  a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, out: Float32Array, outOffset: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
): void {
  // Element (i, p) of op(a) is a[aOffset + i·aRow + p·aStep]; (p, j) of op(b) is b[bOffset + p·bStep + j·bColumn].
  const aRow = transposeA ? 1 : k, aStep = transposeA ? m : 1;
  const bStep = transposeB ? 1 : n, bColumn = transposeB ? k : 1;
  const blockedEnd = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const aStart = aOffset + i * aRow, outRow = outOffset + i * n;
    let j = 0;
    for (; j < blockedEnd; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let ai = aStart, bi = bOffset + j * bColumn;
      for (let p = 0; p < k; p++) {
        const x = a[ai]!;
        s0 += x * b[bi]!;
        s1 += x * b[bi + bColumn]!;
        s2 += x * b[bi + 2 * bColumn]!;
        s3 += x * b[bi + 3 * bColumn]!;
        ai += aStep;
        bi += bStep;
      }
      if (accumulate) {
        s0 += out[outRow + j]!;
        s1 += out[outRow + j + 1]!;
        s2 += out[outRow + j + 2]!;
        s3 += out[outRow + j + 3]!;
      }
      out[outRow + j] = s0;
      out[outRow + j + 1] = s1;
      out[outRow + j + 2] = s2;
      out[outRow + j + 3] = s3;
    }
    for (; j < n; j++) {
      let sum = accumulate ? out[outRow + j]! : 0;
      let ai = aStart, bi = bOffset + j * bColumn;
      for (let p = 0; p < k; p++) {
        sum += a[ai]! * b[bi]!;
        ai += aStep;
        bi += bStep;
      }
      out[outRow + j] = sum;
    }
  }
}

/** out (m×n) (+)= op(a)·op(b) by the textbook triple loop: any float array, summed in doubles. */
export function matmulNaive(
  a: Float32Array | Float64Array, aOffset: number, b: Float32Array | Float64Array, bOffset: number,
  out: Float32Array | Float64Array, outOffset: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        sum += a[aOffset + (transposeA ? p * m + i : i * k + p)]! * b[bOffset + (transposeB ? j * k + p : p * n + j)]!;
      }
      const index = outOffset + i * n + j;
      out[index] = accumulate ? out[index]! + sum : sum;
    }
  }
}
