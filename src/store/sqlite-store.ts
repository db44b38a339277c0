import { UsageError } from '../core/errors.ts';
import type { ResumePoint, SnapshotRecord, StoredTrialStatus, StudyLog, TrialRecord } from '../core/plugs.ts';
import type { Json } from '../core/types.ts';
import { extractBlobs, resolveBlobs } from './blobs.ts';
import { countByStatus } from './counts.ts';
import { checkNewGroupName, checkNewStudyName } from './group-names.ts';
import { isLockedError, openDatabase, type Database } from './sqlite-driver.ts';
import { SqliteStudyLog, type BatchOptions } from './sqlite-log.ts';
import { migrate, SCHEMA_VERSION } from './sqlite-schema.ts';
import type { ResultOrder, StoredGroup, StoredStudy, StudyGroupSpec, StudySpec, StudyStore, TrialCounts, TrialResult } from './types.ts';

/** The file a study store uses when none is named. */
export const DEFAULT_STORE_FILE = 'amoeba.db';

/** Options of `sqliteStore`. */
export interface SqliteStoreOptions {
  /** The database file (created when missing); `:memory:` for a private in-memory one. */
  readonly path?: string;
  /** Records written per transaction at most (default 1000). */
  readonly batchRows?: number;
  /** Longest a record waits before it is written (default 100 ms). */
  readonly batchDelayMs?: number;
}

/**
 * A study store in one SQLite file (better-sqlite3, write-ahead log), safe to read while a
 * study writes to it and safe against the writer being killed at any moment.
 *
 * @example
 * const store = sqliteStore({ path: 'amoeba.db' });
 * store.createStudy(spec);
 * await new Study({ ...options, log: store.log(spec.name) }).run();
 */
export function sqliteStore(options: SqliteStoreOptions = {}): StudyStore {
  const path = options.path ?? DEFAULT_STORE_FILE;
  const batchRows = options.batchRows ?? 1000;
  const batchDelayMs = options.batchDelayMs ?? 100;
  if (!(Number.isInteger(batchRows) && batchRows >= 1)) throw new UsageError(`sqliteStore: batchRows must be a whole number >= 1, got ${batchRows}`);
  if (!(batchDelayMs >= 0)) throw new UsageError(`sqliteStore: batchDelayMs must be >= 0, got ${batchDelayMs}`);
  let db: Database;
  try {
    db = openDatabase(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot open the study store ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  configureConnection(db);
  migrate(db, path);
  return new SqliteStore(db, { maxRows: batchRows, maxDelayMs: batchDelayMs });
}

/** A study store opened for reading only, with its connection for queries of the reader's own. */
export interface ReadOnlySqliteStore {
  /** The store's reading methods; its writing methods fail (the connection is read-only). */
  readonly store: StudyStore;
  /** The same connection, for queries the store interface has no method for. */
  readonly db: Database;
}

/**
 * Opens a study store for reading only, beside a study that may be writing to it: the
 * write-ahead log lets the reader see each committed batch without ever blocking the writer.
 * A missing file, a file that is not a SQLite store, a store of another schema version, or a
 * store another process holds locked is a UsageError naming it.
 *
 * @example
 * const { store, db } = readOnlySqliteStore('amoeba.db');
 * store.studies();
 */
export function readOnlySqliteStore(path: string, options: { readonly busyTimeoutMs?: number } = {}): ReadOnlySqliteStore {
  let db: Database | undefined;
  try {
    db = openDatabase(path, { readOnly: true, busyTimeoutMs: options.busyTimeoutMs ?? 1000 });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) throw new UsageError(`${path} is a SQLite file but not a study store (it has no studies table); name a store a search wrote with --db`);
    if (version !== SCHEMA_VERSION) {
      throw new UsageError(
        version > SCHEMA_VERSION
          ? `${path} has store schema version ${version}, newer than this amoeba understands (${SCHEMA_VERSION}); upgrade amoeba`
          : `${path} has store schema version ${version}, older than this amoeba reads (${SCHEMA_VERSION}); run 'amoeba studies --db ${path}' once to upgrade it`,
      );
    }
    db.prepare('SELECT COUNT(*) FROM studies').get();
  } catch (error) {
    db?.close();
    if (error instanceof UsageError) throw error;
    if (isLockedError(error)) throw new UsageError(`the study store ${path} is locked by another process (one with an exclusive lock, or a long write); try again when it lets go`);
    throw new UsageError(`cannot open the study store ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { store: new SqliteStore(db, { maxRows: 1, maxDelayMs: 0 }), db };
}

/** Pages the write-ahead log grows to before it is copied into the database (64 MiB of 4 KiB pages). */
const CHECKPOINT_PAGES = 16_384;

/** The settings every connection of a study store runs with. */
export function configureConnection(db: Database): void {
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL survives a killed process (not a power cut) and saves an fsync per batch.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Each checkpoint ends in two fsyncs. At SQLite's default of 1,000 pages a search writing
  // 1.4 KB trials checkpointed every ~3,000 trials; 16 times fewer checkpoints copy the same
  // pages and save most of the fsync waits (measured in docs/benchmarks.md). A killed
  // writer leaves at most this much log for the next opening to fold in.
  db.pragma(`wal_autocheckpoint = ${CHECKPOINT_PAGES}`);
}

interface StudyRow {
  id: number;
  name: string;
  spec: string;
  seed: number;
  status: string;
  stop_reason: string | null;
  created_at: number;
  updated_at: number;
  elapsed_ms: number;
  /** Schema 3: the group this study is a member of. */
  group_id: number | null;
}

interface GroupRow {
  id: number;
  name: string;
  command: string;
  config: string;
  created_at: number;
}

interface TrialRow {
  id: number;
  genotype: string;
  key: string;
  hash: string | null;
  status: string;
  objectives: string | null;
  error: string | null;
  cached: number;
  info: string | null;
  proposed_seq: number;
  finished_seq: number | null;
  proposed_ms: number;
  finished_ms: number | null;
  worker: string | null;
  /** Schema 2: the trial whose info this one repeats (see sqlite-schema.ts). */
  info_of: number | null;
}

interface SnapshotRow {
  seq: number;
  algorithm: string;
  rng: string;
  elapsed_ms: number;
}

/** The columns `results` reads, in this order, as raw rows. */
type ResultRow = [id: number, status: 'done' | 'failed', objectives: string | null, cached: number, finishedSeq: number, finishedMs: number];

class SqliteStore implements StudyStore {
  private readonly logs = new Set<SqliteStudyLog>();
  /** Blobs already read, by hash: every study of a store usually shares its data set. */
  private readonly blobs = new Map<string, Json>();

  constructor(
    private readonly db: Database,
    private readonly batch: BatchOptions,
  ) {}

  createStudy(spec: StudySpec): StoredStudy {
    const group = checkNewStudyName(spec.name, { study: (n) => this.row(n), group: (n) => this.groupRow(n) });
    const groupId = group === undefined ? null : this.groupRow(group)!.id;
    const now = Date.now();
    const { name, seed, ...rest } = spec;
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO studies (name, spec, seed, status, created_at, updated_at, group_id) VALUES (?, ?, ?, 'running', ?, ?, ?)`)
        .run(name, this.storedJson(rest as unknown as Json), seed, now, now, groupId);
    })();
    return this.study(name)!;
  }

  createGroup(spec: StudyGroupSpec): StoredGroup {
    checkNewGroupName(spec.name, { study: (n) => this.row(n), group: (n) => this.groupRow(n) });
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO groups (name, command, config, created_at) VALUES (?, ?, ?, ?)').run(spec.name, spec.command, this.storedJson(spec.config), Date.now());
    })();
    return this.group(spec.name)!;
  }

  group(name: string): StoredGroup | undefined {
    const row = this.groupRow(name);
    return row === undefined ? undefined : this.toGroup(row);
  }

  groups(): StoredGroup[] {
    return (this.db.prepare('SELECT * FROM groups ORDER BY id').all() as GroupRow[]).map((row) => this.toGroup(row));
  }

  study(name: string): StoredStudy | undefined {
    const row = this.row(name);
    return row === undefined ? undefined : toStudy(row, this.resolvedSpec(row));
  }

  studies(): StoredStudy[] {
    return (this.db.prepare('SELECT * FROM studies ORDER BY id').all() as StudyRow[]).map((row) => toStudy(row, this.resolvedSpec(row)));
  }

  log(name: string): StudyLog {
    const log = new SqliteStudyLog(this.db, this.id(name), this.batch, (closed) => this.logs.delete(closed));
    this.logs.add(log);
    return log;
  }

  deleteStudy(name: string): void {
    const group = this.groupRow(name);
    const ids =
      group === undefined ? [this.id(name)] : (this.db.prepare('SELECT id FROM studies WHERE group_id = ?').all(group.id) as { id: number }[]).map((r) => r.id);
    this.flush();
    this.db.transaction(() => {
      for (const id of ids) {
        for (const table of ['trials', 'snapshots']) this.db.prepare(`DELETE FROM ${table} WHERE study_id = ?`).run(id);
        this.db.prepare('DELETE FROM studies WHERE id = ?').run(id);
      }
      if (group !== undefined) this.db.prepare('DELETE FROM groups WHERE id = ?').run(group.id);
    })();
  }

  reopen(name: string): void {
    this.db.prepare(`UPDATE studies SET status = 'running', stop_reason = NULL, updated_at = ? WHERE id = ?`).run(Date.now(), this.id(name));
  }

  trials(name: string): TrialRecord[] {
    this.flush();
    const rows = this.db.prepare('SELECT * FROM trials WHERE study_id = ? ORDER BY id').all(this.id(name)) as TrialRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return rows.map((row) => toTrial(row, row.info_of === null ? null : (byId.get(row.info_of)?.info ?? null)));
  }

  *results(name: string, order: ResultOrder = 'id'): IterableIterator<TrialResult> {
    this.flush();
    const statement = this.db
      .prepare(
        `SELECT id, status, objectives, cached, finished_seq, finished_ms FROM trials
         WHERE study_id = ? AND status IN ('done', 'failed') ORDER BY ${order === 'finished' ? 'finished_seq, id' : 'id'}`,
      )
      .raw(true);
    for (const row of statement.iterate(this.id(name)) as IterableIterator<ResultRow>) {
      yield { id: row[0], status: row[1], values: parseValues(row[2]) ?? [], cached: row[3] === 1, finishedSeq: row[4], finishedMs: row[5] };
    }
  }

  trial(name: string, id: number): TrialRecord | undefined {
    this.flush();
    const read = this.db.prepare('SELECT * FROM trials WHERE study_id = ? AND id = ?');
    const studyId = this.id(name);
    const row = read.get(studyId, id) as TrialRow | undefined;
    if (row === undefined) return undefined;
    return toTrial(row, row.info_of === null ? null : ((read.get(studyId, row.info_of) as TrialRow | undefined)?.info ?? null));
  }

  counts(name: string): TrialCounts {
    this.flush();
    const rows = this.db.prepare('SELECT status, COUNT(*) AS n FROM trials WHERE study_id = ? GROUP BY status').all(this.id(name)) as { status: StoredTrialStatus; n: number }[];
    const counts = countByStatus([]);
    return Object.fromEntries(Object.keys(counts).map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as unknown as TrialCounts;
  }

  lastSnapshot(name: string): SnapshotRecord | undefined {
    this.flush();
    const row = this.db.prepare('SELECT * FROM snapshots WHERE study_id = ? ORDER BY seq DESC LIMIT 1').get(this.id(name)) as SnapshotRow | undefined;
    if (row === undefined) return undefined;
    return { seq: row.seq, algorithm: JSON.parse(row.algorithm) as Json, rng: JSON.parse(row.rng) as Json, elapsedMs: row.elapsed_ms };
  }

  resumePoint(name: string): ResumePoint {
    return { snapshot: this.lastSnapshot(name), trials: this.trials(name) };
  }

  flush(): void {
    for (const log of this.logs) log.flush();
  }

  close(): void {
    for (const log of [...this.logs]) log.close();
    this.db.close();
  }

  /** JSON text to store, its large parts moved to `blobs`; call inside a transaction. */
  private storedJson(value: Json): string {
    const putBlob = this.db.prepare('INSERT OR IGNORE INTO blobs (hash, json) VALUES (?, ?)');
    return JSON.stringify(extractBlobs(JSON.parse(JSON.stringify(value)) as Json, (hash, text) => putBlob.run(hash, text)));
  }

  /** The study's spec with its blob references replaced by the values they name. */
  private resolvedSpec(row: StudyRow): Json {
    return this.resolved(row.spec, `study '${row.name}'`);
  }

  /** Stored JSON text with its blob references replaced by the values they name. */
  private resolved(text: string, owner: string): Json {
    return resolveBlobs(JSON.parse(text) as Json, (hash) => {
      let value = this.blobs.get(hash);
      if (value === undefined) {
        const blob = this.db.prepare('SELECT json FROM blobs WHERE hash = ?').get(hash) as { json: string } | undefined;
        if (blob === undefined) throw new UsageError(`the study store is damaged: ${owner} refers to ${hash}, which is not in its blobs table`);
        value = JSON.parse(blob.json) as Json;
        this.blobs.set(hash, value);
      }
      return value;
    });
  }

  private groupRow(name: string): GroupRow | undefined {
    return this.db.prepare('SELECT * FROM groups WHERE name = ?').get(name) as GroupRow | undefined;
  }

  private toGroup(row: GroupRow): StoredGroup {
    const members = (this.db.prepare('SELECT name FROM studies WHERE group_id = ? ORDER BY id').all(row.id) as { name: string }[]).map((r) => r.name);
    return { name: row.name, command: row.command, config: this.resolved(row.config, `group '${row.name}'`), createdAt: row.created_at, members };
  }

  private row(name: string): StudyRow | undefined {
    return this.db.prepare('SELECT * FROM studies WHERE name = ?').get(name) as StudyRow | undefined;
  }

  private id(name: string): number {
    const row = this.row(name);
    if (row === undefined) throw new UsageError(`no study named '${name}' in the store; 'amoeba studies' lists them`);
    return row.id;
  }
}

function toStudy(row: StudyRow, resolved: Json): StoredStudy {
  const spec = resolved as unknown as Omit<StudySpec, 'name' | 'seed'> & { budgetTrials?: number; budgetSeconds?: number; space?: StudySpec['space']; algorithm?: StudySpec['algorithm'] };
  return {
    ...(spec.cache === undefined ? {} : { cache: spec.cache }),
    name: row.name,
    seed: row.seed,
    task: spec.task,
    space: spec.space ?? undefined,
    algorithm: spec.algorithm ?? undefined,
    objectives: spec.objectives,
    budgetTrials: spec.budgetTrials ?? undefined,
    budgetSeconds: spec.budgetSeconds ?? undefined,
    ...(spec.modules === undefined ? {} : { modules: spec.modules }),
    ...(spec.syncBatch === undefined ? {} : { syncBatch: spec.syncBatch }),
    status: row.status === 'ended' ? 'ended' : 'running',
    stopReason: row.stop_reason ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    elapsedMs: row.elapsed_ms,
  };
}

/** Stored objective values; JSON has no NaN, so a failed trial's values come back from null. */
export function parseValues(objectives: string | null): number[] | undefined {
  return objectives === null ? undefined : (JSON.parse(objectives) as (number | null)[]).map((v) => v ?? NaN);
}

/**
 * The trial's info: its own text or, when it repeats another trial's, that one's; the worker
 * that evaluated it is stored in its own column (see sqlite-schema.ts).
 */
function parseInfo(row: TrialRow, sharedInfo: string | null): { [key: string]: Json } | undefined {
  const text = row.info ?? sharedInfo;
  const info = text === null ? undefined : (JSON.parse(text) as { [key: string]: Json });
  if (row.worker === null || info?.worker !== undefined) return info;
  return { ...info, worker: row.worker };
}

/** A stored trial; `sharedInfo` is the info text of the trial named by `info_of`, when there is one. */
function toTrial(row: TrialRow, sharedInfo: string | null): TrialRecord {
  const values = parseValues(row.objectives);
  return {
    id: row.id,
    genotype: JSON.parse(row.genotype) as Json,
    key: row.key,
    hash: row.hash ?? undefined,
    status: row.status as StoredTrialStatus,
    values,
    error: row.error ?? undefined,
    cached: row.cached === 1,
    info: parseInfo(row, sharedInfo),
    proposedSeq: row.proposed_seq,
    finishedSeq: row.finished_seq ?? undefined,
    proposedMs: row.proposed_ms,
    finishedMs: row.finished_ms ?? undefined,
  };
}
