import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../../core/errors.ts';
import { readTfRecords } from '../tfrecord/reader.ts';
import type { Nb101Index } from './dataset-index.ts';
import { cacheFileFor, defaultCacheDir, loadIndexCache, saveIndexCache } from './index-cache.ts';
import type { DatasetStamp } from './index-cache.ts';
import { Nb101IndexBuilder } from './index-builder.ts';
import { parseNb101Row } from './row.ts';

/** Options of `loadNb101Index`. */
export interface LoadNb101Options {
  /** Read and write the index cache (see index-cache.ts); true by default. */
  readonly cache?: boolean;
  /** Where the cache lives; `defaultCacheDir()` by default. */
  readonly cacheDir?: string;
  /** Recompute every module's hash from its cell and reject a mismatch (slower, ~30 s more). */
  readonly verifyHashes?: boolean;
  /** Called as the dataset file is read, with bytes read and the file's size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** A loaded index and where it came from. */
export interface LoadedNb101 {
  readonly index: Nb101Index;
  /** `'cache'` when the saved index was read, `'dataset'` when the TFRecord file was parsed. */
  readonly source: 'cache' | 'dataset';
  /** The cache file used or written, when caching is on. */
  readonly cacheFile: string | undefined;
  /** Why the cache could not be written, if it could not (the load itself succeeded). */
  readonly cacheWarning: string | undefined;
}

// Real records are ~400 bytes; guessing the run count from the file size avoids regrowth.
const BYTES_PER_RECORD_GUESS = 380;

/**
 * Loads a NAS-Bench-101 TFRecord file (`nasbench_only108.tfrecord`, `nasbench_full.tfrecord`
 * or one of the same format) into a compact index: from the index cache when it matches the
 * file's size and modification time, else by streaming the file (both CRCs checked), then
 * saving the cache. Synchronous: it blocks the thread for the load.
 * @throws UsageError for a missing or corrupt file, naming the record's byte offset.
 */
export function loadNb101Index(path: string, options: LoadNb101Options = {}): LoadedNb101 {
  const datasetPath = resolve(path);
  let stamp: DatasetStamp;
  try {
    const stat = statSync(datasetPath);
    if (!stat.isFile()) throw new Error('not a regular file');
    stamp = { sizeBytes: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    throw new UsageError(`cannot read NAS-Bench-101 dataset '${path}': ${(error as Error).message}; give the path of a .tfrecord file`);
  }
  const useCache = options.cache ?? true;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const cacheFile = useCache ? cacheFileFor(datasetPath, stamp, cacheDir) : undefined;
  if (cacheFile !== undefined) {
    const cached = loadIndexCache(cacheFile, stamp);
    if (cached !== undefined) return { index: cached, source: 'cache', cacheFile, cacheWarning: undefined };
  }
  const index = parseDataset(datasetPath, stamp, options);
  let cacheWarning: string | undefined;
  if (cacheFile !== undefined) {
    try {
      saveIndexCache(cacheFile, index, stamp, cacheDir);
    } catch (error) {
      cacheWarning = `could not write the index cache '${cacheFile}': ${(error as Error).message}`;
    }
  }
  return { index, source: 'dataset', cacheFile, cacheWarning };
}

function parseDataset(path: string, stamp: DatasetStamp, options: LoadNb101Options): Nb101Index {
  const builder = new Nb101IndexBuilder(stamp.sizeBytes / BYTES_PER_RECORD_GUESS, options.verifyHashes ?? false);
  const readOptions = options.onProgress === undefined ? {} : { onProgress: options.onProgress };
  const { records } = readTfRecords(
    path,
    (data, offset) => builder.add(parseNb101Row(data, path, offset), path, offset),
    readOptions,
  );
  if (records === 0) throw new UsageError(`dataset '${path}' holds no records`);
  return builder.finish();
}
