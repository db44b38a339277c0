import { avalanche, hex64 } from '../core/hash-mix.ts';
import { FLOAT64_MANTISSA_BITS, quantizeUnchecked } from './quantize.ts';
import { wholeNumber } from '../core/options.ts';

/** Options of `functionalHash`. */
export interface FunctionalHashOptions {
  /** Mantissa bits kept per value before hashing (0..52); fewer bits merge more noise. */
  readonly mantissaBits?: number;
}

/** Mantissa bits kept by default: about 6 significant decimal digits. */
export const DEFAULT_MANTISSA_BITS = 20;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LOW = littleEndian ? 0 : 1;
const HIGH = littleEndian ? 1 : 0;

// Every NaN hashes as this one quiet-NaN bit pattern, whatever its sign and payload.
const CANONICAL_NAN_HIGH = 0x7ff80000;

// MurmurHash3 x86_128 constants (Appleby, public domain), used for two of its four lanes.
const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
// A fixed non-zero seed, so that even the empty fingerprint does not hash to all zeros.
const SEED = 0x9747b28c;

/**
 * The functional hash of a behaviour fingerprint, as 16 hex characters: each value is
 * rounded to `mantissaBits` mantissa bits (see `quantize`), -0 becomes +0 and every NaN one
 * canonical NaN (±Infinity stay distinct), and the two 32-bit words of each quantized
 * float64 are mixed into two 32-bit lanes with MurmurHash3 x86_128's round and finalizer.
 * Equal fingerprints hash equal; values that straddle a rounding boundary may not.
 *
 * @example
 * functionalHash(Float64Array.of(0.1 + 0.2)) === functionalHash(Float64Array.of(0.3)); // true
 */
export function functionalHash(fingerprint: Float64Array, options: FunctionalHashOptions = {}): string {
  const bits = wholeNumber('functionalHash', 'mantissaBits', options.mantissaBits ?? DEFAULT_MANTISSA_BITS, 0, FLOAT64_MANTISSA_BITS);
  return hashQuantized(fingerprint, FLOAT64_MANTISSA_BITS - bits);
}

/** `functionalHash` without validation, taking the mantissa bits to drop (0..52). */
export function hashQuantized(fingerprint: Float64Array, dropBits: number): string {
  let h1 = SEED;
  let h2 = SEED;
  const n = fingerprint.length;
  for (let i = 0; i < n; i++) {
    const value = quantizeUnchecked(fingerprint[i] as number, dropBits);
    let low: number;
    let high: number;
    if (value !== value) {
      low = 0;
      high = CANONICAL_NAN_HIGH;
    } else if (value === 0) {
      low = 0;
      high = 0;
    } else {
      scratch[0] = value;
      low = words[LOW] as number;
      high = words[HIGH] as number;
    }
    let k1 = Math.imul(low, C1);
    k1 = Math.imul((k1 << 15) | (k1 >>> 17), C2);
    h1 ^= k1;
    h1 = (h1 << 19) | (h1 >>> 13);
    h1 = (Math.imul(h1 + h2, 5) + 0x561ccd1b) | 0;
    let k2 = Math.imul(high, C2);
    k2 = Math.imul((k2 << 16) | (k2 >>> 16), C3);
    h2 ^= k2;
    h2 = (h2 << 17) | (h2 >>> 15);
    h2 = (Math.imul(h2 + h1, 5) + 0x0bcaa747) | 0;
  }
  const byteLength = (n * 8) | 0;
  h1 ^= byteLength;
  h2 ^= byteLength;
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = avalanche(h1);
  h2 = avalanche(h2);
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  return hex64(h1, h2);
}
