import { closeSync, openSync, writeSync } from 'node:fs';
import { maskedCrc32c } from './masked-crc.ts';

/**
 * One record in TFRecord framing: u64 length (little-endian), masked CRC32C of those 8 bytes,
 * the data, masked CRC32C of the data.
 */
export function encodeTfRecord(data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(data.length + 16);
  out.writeUInt32LE(data.length >>> 0, 0);
  out.writeUInt32LE(Math.floor(data.length / 2 ** 32), 4);
  out.writeUInt32LE(maskedCrc32c(out, 0, 8), 8);
  out.set(data, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}

/**
 * Writes records to a TFRecord file, replacing it; returns the bytes written. Records are
 * gathered into large writes, so millions of small records cost few system calls.
 */
export function writeTfRecords(path: string, records: Iterable<Uint8Array>): number {
  const fd = openSync(path, 'w');
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let written = 0;
  const flush = (): void => {
    if (pendingBytes === 0) return;
    const block = Buffer.concat(pending, pendingBytes);
    for (let offset = 0; offset < block.length; ) offset += writeSync(fd, block, offset);
    written += block.length;
    pending.length = 0;
    pendingBytes = 0;
  };
  try {
    for (const data of records) {
      const framed = encodeTfRecord(data);
      pending.push(framed);
      pendingBytes += framed.length;
      if (pendingBytes >= 1 << 22) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return written;
}
