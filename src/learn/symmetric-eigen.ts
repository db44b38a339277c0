/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations, for CMA-ES's
 * covariance. Jacobi is slower than QR for large n but simple, accurate to the last bits on
 * the small matrices (n ≤ ~30) that constant fitting produces, and needs no library.
 */

/**
 * Decomposes the symmetric n×n row-major `matrix` into `vectors` (column j is the j-th unit
 * eigenvector) and `values`; `matrix` is left unchanged.
 */
export function symmetricEigen(matrix: Float64Array, n: number, values: Float64Array, vectors: Float64Array): void {
  const a = Float64Array.from(matrix);
  vectors.fill(0);
  for (let i = 0; i < n; i++) vectors[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let offDiagonal = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) offDiagonal += a[p * n + q]! * a[p * n + q]!;
    if (offDiagonal < 1e-300) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(a, n, p, q, c, s);
        for (let k = 0; k < n; k++) {
          const vkp = vectors[k * n + p]!;
          const vkq = vectors[k * n + q]!;
          vectors[k * n + p] = c * vkp - s * vkq;
          vectors[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
}

/** Applies the Jacobi rotation (p, q, c, s) on both sides of the symmetric matrix `a`. */
function rotate(a: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p]!;
    const akq = a[k * n + q]!;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k]!;
    const aqk = a[q * n + k]!;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
}
