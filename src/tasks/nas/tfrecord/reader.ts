import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from '../../../core/errors.ts';
import { maskedCrc32c } from './masked-crc.ts';

const HEADER_BYTES = 12; // u64 length + masked CRC32C of it
const FOOTER_BYTES = 4; // masked CRC32C of the data

/** A TFRecord file that is damaged or not a TFRecord file; the message names the byte offset. */
export class TfRecordError extends UsageError {
  override readonly name = 'TfRecordError';
}

/** Options of `readTfRecords`. */
export interface TfRecordReadOptions {
  /** Bytes read per system call; 4 MiB by default. Records larger than this still work. */
  readonly chunkBytes?: number;
  /** Called after each chunk is read with the bytes read so far and the file's size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** What `readTfRecords` read. */
export interface TfRecordReadSummary {
  readonly records: number;
  readonly bytes: number;
}

/**
 * Streams a TFRecord file through one reused buffer, verifying both masked CRC32Cs of every
 * record, and calls `onRecord` with each record's data and the byte offset where the record
 * starts. The data is a view into the buffer: copy what you keep, it is overwritten later.
 * @throws TfRecordError naming the offset of a corrupt or truncated record.
 */
export function readTfRecords(path: string, onRecord: (data: Buffer, offset: number) => void, options: TfRecordReadOptions = {}): TfRecordReadSummary {
  const chunkBytes = options.chunkBytes ?? 1 << 22;
  if (!(Number.isInteger(chunkBytes) && chunkBytes >= 16)) throw new UsageError(`readTfRecords: chunkBytes must be a whole number >= 16, got ${chunkBytes}`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`cannot open TFRecord file '${path}': ${(error as Error).message}`);
  }
  try {
    return readAll(fd, path, onRecord, chunkBytes, options.onProgress);
  } finally {
    closeSync(fd);
  }
}

function readAll(fd: number, path: string, onRecord: (data: Buffer, offset: number) => void, chunkBytes: number, onProgress: TfRecordReadOptions['onProgress']): TfRecordReadSummary {
  const totalBytes = fstatSync(fd).size;
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let bufferOffset = 0; // file offset of buffer[0]
  let filled = 0; // valid bytes in buffer
  let position = 0; // next record's start within buffer
  let bytesRead = 0;
  let records = 0;

  /** Makes at least `needed` bytes available from `position`; false at end of file. */
  const ensure = (needed: number): boolean => {
    if (filled - position >= needed) return true;
    // Move the partial record to the front (and grow only for a record larger than a chunk).
    if (needed > buffer.length) {
      const larger = Buffer.allocUnsafe(Math.max(needed, buffer.length * 2));
      buffer.copy(larger, 0, position, filled);
      buffer = larger;
    } else {
      buffer.copyWithin(0, position, filled);
    }
    bufferOffset += position;
    filled -= position;
    position = 0;
    while (filled < needed) {
      const got = readSync(fd, buffer, filled, buffer.length - filled, bytesRead);
      if (got === 0) return false;
      filled += got;
      bytesRead += got;
      onProgress?.(bytesRead, totalBytes);
    }
    return true;
  };

  while (ensure(HEADER_BYTES) || filled > position) {
    const offset = bufferOffset + position;
    if (filled - position < HEADER_BYTES) throw corrupt(path, offset, `truncated record header (${filled - position} of ${HEADER_BYTES} bytes)`);
    const low = buffer.readUInt32LE(position);
    const high = buffer.readUInt32LE(position + 4);
    const storedLengthCrc = buffer.readUInt32LE(position + 8);
    if (maskedCrc32c(buffer, position, position + 8) !== storedLengthCrc) throw corrupt(path, offset, 'length checksum mismatch');
    const length = high * 2 ** 32 + low;
    if (length > totalBytes - offset - HEADER_BYTES - FOOTER_BYTES) {
      throw corrupt(path, offset, `record length ${length} runs past the end of the file (${totalBytes} bytes)`);
    }
    const recordBytes = HEADER_BYTES + length + FOOTER_BYTES;
    if (!ensure(recordBytes)) throw corrupt(path, offset, 'truncated record (the file ended early)');
    const dataStart = position + HEADER_BYTES;
    const dataEnd = dataStart + length;
    if (maskedCrc32c(buffer, dataStart, dataEnd) !== buffer.readUInt32LE(dataEnd)) throw corrupt(path, offset, 'data checksum mismatch');
    onRecord(buffer.subarray(dataStart, dataEnd), offset);
    position += recordBytes;
    records++;
  }
  return { records, bytes: bytesRead };
}

function corrupt(path: string, offset: number, problem: string): TfRecordError {
  return new TfRecordError(`corrupt TFRecord '${path}' at byte ${offset}: ${problem}`);
}
