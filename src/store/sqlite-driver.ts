import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UsageError } from '../core/errors.ts';

/** The part of a better-sqlite3 statement the store uses. */
export interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  /** Rows one at a time, so a large result never sits in memory whole. */
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Rows as arrays of column values instead of objects (cheaper per row). */
  raw(toggle?: boolean): Statement;
}

/** The part of a better-sqlite3 database the store uses. */
export interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple: boolean }): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}

// better-sqlite3 ships no types and is CommonJS; load it here only, so nothing else pays for it.
const require = createRequire(import.meta.url);

/** Every SQLite database file starts with these 16 bytes. */
const SQLITE_HEADER = 'SQLite format 3\0';

/** How `openDatabase` opens a file. */
export interface OpenOptions {
  /**
   * Open for reading only (SQLite's read-only mode): the file must exist, and nothing is
   * ever written to it, so a reader cannot disturb a study writing to the same file.
   */
  readonly readOnly?: boolean;
  /** How long a statement waits for another connection's lock before failing (better-sqlite3's default: 5 s). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (or creates) a SQLite file with better-sqlite3. A file that exists and is not a SQLite
 * database (a CSV given to `--db`, say) is refused with a UsageError before anything touches it.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  if (options.readOnly === true && !existsSync(path)) throw new UsageError(`no study store at ${path}; run a search with --db ${path} first, or name another file with --db`);
  if (path !== ':memory:' && path !== '') checkSqliteFile(path);
  const Driver = require('better-sqlite3') as new (path: string, options: object) => Database;
  return new Driver(path, {
    ...(options.readOnly === true ? { readonly: true, fileMustExist: true } : {}),
    ...(options.busyTimeoutMs === undefined ? {} : { timeout: options.busyTimeoutMs }),
  });
}

/** True for the error SQLite raises when another connection holds the lock a statement needs. */
export function isLockedError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Throws a UsageError when `path` holds something other than a SQLite database; a missing or empty file is fine. */
function checkSqliteFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(`cannot open the study store ${path}: ${(error as Error).message}`);
  }
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } catch (error) {
    throw new UsageError(`cannot read the study store ${path}: ${(error as Error).message}`);
  } finally {
    closeSync(fd);
  }
  if (read > 0 && head.subarray(0, read).toString('latin1') !== SQLITE_HEADER) {
    throw new UsageError(`${path} is not a study store (not a SQLite file); name a store with --db, e.g. --db amoeba.db, and keep data files apart`);
  }
}
