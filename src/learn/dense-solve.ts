/**
 * Solves the dense n×n system A·x = b (row-major A) by Gaussian elimination with partial
 * pivoting, in place: `b` receives x. Returns false when A is singular to working precision.
 */
export function solveDense(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    const pivotValue = a[pivot * n + col]!;
    if (!(Math.abs(pivotValue) > 0) || !Number.isFinite(pivotValue)) return false;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const t = a[col * n + c]!;
        a[col * n + c] = a[pivot * n + c]!;
        a[pivot * n + c] = t;
      }
      const t = b[col]!;
      b[col] = b[pivot]!;
      b[pivot] = t;
    }
    for (let r = col + 1; r < n; r++) {
      const factor = a[r * n + col]! / pivotValue;
      if (factor === 0) continue;
      for (let c = col; c < n; c++) a[r * n + c]! -= factor * a[col * n + c]!;
      b[r]! -= factor * b[col]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r * n + c]! * b[c]!;
    b[r] = s / a[r * n + r]!;
  }
  return b.every(Number.isFinite);
}
