/** Functional hashing: float quantization, fingerprint hashes and the FEC cache. */
export { FLOAT64_MANTISSA_BITS, quantize } from './quantize.ts';
export { DEFAULT_MANTISSA_BITS, functionalHash } from './functional-hash.ts';
export type { FunctionalHashOptions } from './functional-hash.ts';
export { fecCache } from './fec-cache.ts';
export type { FecCache, FecCacheOptions } from './fec-cache.ts';
