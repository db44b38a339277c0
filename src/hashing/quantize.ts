import { wholeNumber } from '../core/options.ts';

/** Bits in the mantissa (fraction field) of an IEEE 754 float64. */
export const FLOAT64_MANTISSA_BITS = 52;

const TWO_POW_31 = 2 ** 31;
const TWO_POW_32 = 2 ** 32;

// One float64 seen as two 32-bit words, so the mantissa can be rounded bit-exactly.
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LOW = littleEndian ? 0 : 1;
const HIGH = littleEndian ? 1 : 0;

/**
 * Rounds `value` to the nearest float64 whose mantissa has only its top `bits` bits set
 * (ties away from zero), so values that differ only by numerical noise become equal.
 * A mantissa that rounds up past all ones carries into the exponent, which is the correct
 * next power of two; the largest finite values may round to ±Infinity. Subnormals are
 * rounded at the same bit positions, so they keep fewer significant bits. NaN, ±Infinity
 * and ±0 are returned unchanged; `bits = 52` returns `value` itself.
 *
 * @example
 * quantize(Math.PI, 20); // 3.141592025756836
 */
export function quantize(value: number, bits: number): number {
  wholeNumber('quantize', 'bits', bits, 0, FLOAT64_MANTISSA_BITS);
  return quantizeUnchecked(value, FLOAT64_MANTISSA_BITS - bits);
}

/**
 * `quantize` without validation, taking the number of mantissa bits to drop (0..52):
 * for hot loops whose caller validated the option once.
 */
export function quantizeUnchecked(value: number, dropBits: number): number {
  if (dropBits === 0 || value !== value || value === 0) return value;
  scratch[0] = value;
  let low = words[LOW] as number;
  let high = words[HIGH] as number;
  if (dropBits < 32) {
    const unit = 2 ** dropBits;
    // Exact in float64: low + unit / 2 < 2^33.
    let rounded = low + unit / 2;
    rounded -= rounded % unit;
    if (rounded >= TWO_POW_32) {
      rounded -= TWO_POW_32;
      high += 1;
    }
    low = rounded;
  } else {
    // The round bit is the top bit of the low word (dropBits = 32) or lies in the high word.
    if (dropBits === 32) {
      if (low >= TWO_POW_31) high += 1;
    } else {
      const unit = 2 ** (dropBits - 32);
      high += unit / 2;
      high -= high % unit;
    }
    low = 0;
  }
  // The carry never reaches the sign bit: only NaN/Infinity have an all-ones exponent.
  words[LOW] = low;
  words[HIGH] = high;
  return scratch[0] as number;
}
