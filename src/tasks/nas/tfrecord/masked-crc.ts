import CRC32C from 'crc-32/crc32c.js';

const MASK_DELTA = 0xa282ead8;

/**
 * TFRecord's masked CRC32C of `bytes[start, end)`: the CRC rotated right by 15 bits plus a
 * constant, so that a CRC stored inside checked data does not checksum to itself.
 */
export function maskedCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const crc = CRC32C.buf(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end)) >>> 0;
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}
