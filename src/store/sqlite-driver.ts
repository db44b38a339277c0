import { createRequire } from 'node:module';

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

/** Opens (or creates) a SQLite file with better-sqlite3. */
export function openDatabase(path: string): Database {
  const Driver = require('better-sqlite3') as new (path: string) => Database;
  return new Driver(path);
}
