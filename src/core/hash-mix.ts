/**
 * The 32-bit mixing steps every hash in Amoeba is built from (structural keys, functional
 * hashes, program keys, per-trial seeds). Each 64-bit hash is two 32-bit lanes mixed with
 * these and printed with `hex64`. The functions are bit-exact building blocks: a stored
 * study's keys and hashes depend on them, so their output must never change.
 */

/**
 * A 32-bit finalizer of the xor-shift-multiply family: by default MurmurHash3's `fmix32`
 * (Appleby, public domain); other multipliers and middle shift give its relatives (such as
 * the "lowbias32" constants 0x7feb352d, 15, 0x846ca68b). Returns an unsigned 32-bit value.
 */
export function avalanche(h: number, multiplier1 = 0x85ebca6b, shift = 13, multiplier2 = 0xc2b2ae35): number {
  h ^= h >>> 16;
  h = Math.imul(h, multiplier1);
  h ^= h >>> shift;
  h = Math.imul(h, multiplier2);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * One block round of a MurmurHash3 x86_32-style lane, with its constants given: the word is
 * multiplied by c1, rotated left by r1, multiplied by c2 and xored in; the lane is rotated
 * left by r2, then multiplied by m and offset by n. Returns a signed 32-bit value.
 */
export function murmurRound(h: number, word: number, c1: number, r1: number, c2: number, r2: number, m: number, n: number): number {
  let k = Math.imul(word, c1);
  k = (k << r1) | (k >>> (32 - r1));
  h ^= Math.imul(k, c2);
  h = (h << r2) | (h >>> (32 - r2));
  return (Math.imul(h, m) + n) | 0;
}

/** A 32-bit value as 8 hex digits. */
export function hex32(h: number): string {
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Two 32-bit lanes as one 64-bit hash of 16 hex digits. */
export function hex64(high: number, low: number): string {
  return hex32(high) + hex32(low);
}
