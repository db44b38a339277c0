/**
 * The parsed NAS-Bench-101 index, saved as one binary file so that the second load of a
 * dataset reads ~100 MB of arrays instead of parsing 1.3 million JSON and protobuf records.
 *
 * Where: `<cacheDir>/nb101-<dataset file name>-<size in bytes>-<mtime in ms>.index`, with
 * cacheDir `$AMOEBA_CACHE_DIR`, else `$XDG_CACHE_HOME/amoeba`, else `~/.cache/amoeba`. A
 * dataset that changes size or modification time gets a new file; delete the folder freely.
 *
 * Layout (little-endian): the 8 bytes `AMNB101\n`; u32 format version; u32 length of a JSON
 * header `{ sourceSize, sourceMtimeMs, cells, runs, epochBudgets }`; the header; then the
 * index's arrays, each starting on an 8-byte boundary: hashes (16 raw bytes per cell),
 * trainableParameters (i32), vertexCounts (u8), edgeBits (u32), opCodes (u8), runStart
 * (i32, cells × budgets + 1) and runMetrics (f64, 8 per run).
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir, endianness } from 'node:os';
import { basename, join } from 'node:path';
import { METRICS_PER_RUN } from './dataset-index.ts';
import type { Nb101Index } from './dataset-index.ts';

const MAGIC = Buffer.from('AMNB101\n', 'latin1');
const FORMAT_VERSION = 1;

/** Identifies one version of a dataset file. */
export interface DatasetStamp {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

/** The folder where index caches go by default (see the module comment). */
export function defaultCacheDir(): string {
  const env = process.env;
  if (env['AMOEBA_CACHE_DIR']) return env['AMOEBA_CACHE_DIR'];
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'amoeba');
}

/** The cache file for a dataset file with this stamp. */
export function cacheFileFor(datasetPath: string, stamp: DatasetStamp, cacheDir: string): string {
  const name = basename(datasetPath).replace(/[^A-Za-z0-9._-]/g, '_');
  return join(cacheDir, `nb101-${name}-${stamp.sizeBytes}-${Math.round(stamp.mtimeMs)}.index`);
}

/** Writes `index` to `file` atomically (a temporary file, then a rename). */
export function saveIndexCache(file: string, index: Nb101Index, stamp: DatasetStamp, cacheDir: string): void {
  const cells = index.hashes.length;
  const header = Buffer.from(
    JSON.stringify({ sourceSize: stamp.sizeBytes, sourceMtimeMs: stamp.mtimeMs, cells, runs: index.runMetrics.length / METRICS_PER_RUN, epochBudgets: index.epochBudgets }),
  );
  const prefix = Buffer.alloc(16);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(FORMAT_VERSION, 8);
  prefix.writeUInt32LE(header.length, 12);
  const hashes = Buffer.allocUnsafe(cells * 16);
  for (let c = 0; c < cells; c++) hashes.write(index.hashes[c]!, c * 16, 16, 'hex');
  const parts = [prefix, header, hashes, index.trainableParameters, index.vertexCounts, index.edgeBits, index.opCodes, index.runStart, index.runMetrics];
  const blocks: Uint8Array[] = [];
  let length = 0;
  for (const part of parts) {
    const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    blocks.push(bytes);
    length += bytes.length;
    const padding = (8 - (length % 8)) % 8;
    if (padding > 0) {
      blocks.push(new Uint8Array(padding));
      length += padding;
    }
  }
  mkdirSync(cacheDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      for (const block of blocks) for (let at = 0; at < block.length; ) at += writeSync(fd, block, at);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Reads an index cache; undefined when it is absent, stale, damaged or from another format. */
export function loadIndexCache(file: string, stamp: DatasetStamp): Nb101Index | undefined {
  if (endianness() !== 'LE') return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    // An ArrayBuffer of our own keeps every section 8-byte aligned for typed-array views.
    const bytes = new Uint8Array(new ArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const got = readSync(fd, bytes, at, size - at, at);
      if (got === 0) return undefined;
      at += got;
    }
    return decode(bytes, stamp);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function decode(bytes: Uint8Array, stamp: DatasetStamp): Nb101Index | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (view.length < 16 || !view.subarray(0, 8).equals(MAGIC) || view.readUInt32LE(8) !== FORMAT_VERSION) return undefined;
  const headerLength = view.readUInt32LE(12);
  const header = JSON.parse(view.toString('utf8', 16, 16 + headerLength)) as { sourceSize: number; sourceMtimeMs: number; cells: number; runs: number; epochBudgets: number[] };
  if (header.sourceSize !== stamp.sizeBytes || header.sourceMtimeMs !== stamp.mtimeMs) return undefined;
  const { cells, runs, epochBudgets } = header;
  let at = align(16 + headerLength);
  const take = <T>(make: (offset: number) => T, byteLength: number): T => {
    if (at + byteLength > bytes.length) throw new RangeError('index cache is truncated');
    const made = make(at);
    at = align(at + byteLength);
    return made;
  };
  const hashBytes = take((o) => view.subarray(o, o + cells * 16), cells * 16);
  const trainableParameters = take((o) => new Int32Array(bytes.buffer, o, cells), cells * 4);
  const vertexCounts = take((o) => new Uint8Array(bytes.buffer, o, cells), cells);
  const edgeBits = take((o) => new Uint32Array(bytes.buffer, o, cells), cells * 4);
  const opCodes = take((o) => new Uint8Array(bytes.buffer, o, cells), cells);
  const starts = cells * epochBudgets.length + 1;
  const runStart = take((o) => new Int32Array(bytes.buffer, o, starts), starts * 4);
  const runMetrics = take((o) => new Float64Array(bytes.buffer, o, runs * METRICS_PER_RUN), runs * METRICS_PER_RUN * 8);
  const hashes: string[] = new Array<string>(cells);
  const cellByHash = new Map<string, number>();
  for (let c = 0; c < cells; c++) {
    const hash = hashBytes.toString('hex', c * 16, c * 16 + 16);
    hashes[c] = hash;
    cellByHash.set(hash, c);
  }
  return { epochBudgets, hashes, cellByHash, trainableParameters, vertexCounts, edgeBits, opCodes, runStart, runMetrics };
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}
