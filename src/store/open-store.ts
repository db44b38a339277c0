import { existsSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';
import { DEFAULT_STORE_FILE, sqliteStore } from './sqlite-store.ts';
import type { StudyStore } from './types.ts';

/**
 * Opens the SQLite store a command names with `--db` (amoeba.db by default). Commands that
 * only read pass `mustExist`, so a mistyped path is reported instead of creating an empty file.
 */
export function openStoreFile(path: string | undefined, options: { readonly mustExist?: boolean } = {}): StudyStore {
  const file = path ?? DEFAULT_STORE_FILE;
  if (options.mustExist === true && !existsSync(file)) {
    throw new UsageError(`no study store at ${file}; run a search with --db ${file} first, or name another file with --db`);
  }
  return sqliteStore({ path: file });
}
