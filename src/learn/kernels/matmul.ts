/** Storage of a tensor: float32 for training, float64 for gradient checks. */
export type FloatArray = Float32Array | Float64Array;

/**
 * out (m×n) = op(a)·op(b), or out += op(a)·op(b) when `accumulate`; row-major. op(a) is m×k
 * (stored k×m when `transposeA`), op(b) is k×n (stored n×k when `transposeB`). Offsets count
 * elements. All three arrays have the same element type.
 */
export function matmul(
  a: FloatArray, aOffset: number, b: FloatArray, bOffset: number, out: FloatArray, outOffset: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
): void {
  const aRow = transposeA ? 1 : k, aCol = transposeA ? m : 1;
  const bRow = transposeB ? 1 : n, bCol = transposeB ? k : 1;
  for (let i = 0; i < m; i++) {
    const o = outOffset + i * n;
    if (!accumulate) out.fill(0, o, o + n);
    for (let p = 0; p < k; p++) {
      const av = a[aOffset + i * aRow + p * aCol]!;
      if (av === 0) continue;
      const bBase = bOffset + p * bRow;
      for (let j = 0; j < n; j++) out[o + j]! += av * b[bBase + j * bCol]!;
    }
  }
}
