/*
 * The two error measures: maximum relative error (real mode) and maximum error in float32
 * ULPs of the true value (float32 mode). Both return Infinity for a non-finite output, so a
 * program that divides by zero anywhere on the grid loses.
 */

/** max |value − reference| / |reference| over the rows; Infinity when any value is not finite. */
export function maxRelativeError(values: Float64Array, reference: Float64Array, rows = reference.length): number {
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    const r = reference[i]!;
    const e = Math.abs(values[i]! - r) / Math.abs(r);
    if (!(e <= worst)) {
      if (Number.isNaN(e)) return Infinity;
      worst = e;
    }
  }
  return worst;
}

const TWO_POW_MINUS_149 = 2 ** -149;

/**
 * One float32 ULP at the real value y: 2^(e−23) for |y| in [2^e, 2^(e+1)), and the subnormal
 * spacing 2^−149 below 2^−126. The ULP of the true value, not of the rounded result, so an
 * error below 1 means the result is one of the two float32 values around the truth.
 */
export function float32Ulp(y: number): number {
  const a = Math.abs(y);
  if (a < 2 ** -126) return TWO_POW_MINUS_149;
  // Math.log2 can be off by one ulp right at a power of two; the check below corrects it.
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return 2 ** (e - 23);
}

/** max |value − reference| in float32 ULPs of the reference; Infinity when any value is not finite. */
export function maxUlpError(values: Float64Array, reference: Float64Array, rows = reference.length): number {
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    const r = reference[i]!;
    const e = Math.abs(values[i]! - r) / float32Ulp(r);
    if (!(e <= worst)) {
      if (Number.isNaN(e)) return Infinity;
      worst = e;
    }
  }
  return worst;
}
