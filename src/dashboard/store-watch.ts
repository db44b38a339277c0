import { readOnlySqliteStore } from '../store/sqlite-store.ts';
import { isLockedError, type Database, type Statement } from '../store/sqlite-driver.ts';
import type { StoredGroup, StoredStudy, StudyStore } from '../store/types.ts';
import { StudyTracker, type TrialRow } from './study-tracker.ts';

/** The columns the dashboard reads of each trial, in `TrialRow` order (never the genotype). */
const ROW_COLUMNS = 'rowid, id, status, objectives, error, cached, finished_seq, finished_ms, worker';

/**
 * A read-only view of a study store kept up to date by polling: SQLite's `data_version` says
 * at no cost whether another connection committed since the last look; when one did, the
 * rows written since (by rowid) and the trials that were in flight are read and folded into
 * each study's tracker. A study's trials are read whole once, when the watch starts.
 */
export class StoreWatch {
  readonly store: StudyStore;
  private readonly db: Database;
  private readonly trackers = new Map<string, StudyTracker>();
  private studyList: StoredStudy[] = [];
  private groupList: StoredGroup[] = [];
  private dataVersion = -1;
  private lastRowid = 0;
  /** Each study's `updatedAt` at the last look: a study that ends changes it and no trial. */
  private updatedAt = new Map<string, number>();
  private readonly readNewRows: Statement;
  private readonly readTrial: Statement;
  private readonly readStudyIds: Statement;
  /** Bumped on every change seen, so that clients can tell whether they are behind. */
  version = 0;

  constructor(readonly path: string) {
    const { store, db } = readOnlySqliteStore(path);
    this.store = store;
    this.db = db;
    this.readNewRows = db.prepare(`SELECT study_id, ${ROW_COLUMNS} FROM trials WHERE rowid > ? ORDER BY rowid`).raw(true);
    this.readTrial = db.prepare(`SELECT ${ROW_COLUMNS} FROM trials WHERE study_id = ? AND id = ?`).raw(true);
    this.readStudyIds = db.prepare('SELECT id, name FROM studies ORDER BY id');
    this.poll();
  }

  /**
   * Looks for changes; returns the names of the studies whose trials or records changed, or
   * an empty list when nothing did. A store locked for the moment reads as unchanged.
   */
  poll(): string[] {
    try {
      const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
      if (dataVersion === this.dataVersion) return [];
      this.dataVersion = dataVersion;
      return this.refresh();
    } catch (error) {
      if (isLockedError(error)) return [];
      throw error;
    }
  }

  studies(): readonly StoredStudy[] {
    return this.studyList;
  }

  groups(): readonly StoredGroup[] {
    return this.groupList;
  }

  tracker(name: string): StudyTracker | undefined {
    return this.trackers.get(name);
  }

  close(): void {
    this.store.close();
  }

  private refresh(): string[] {
    const ids = this.readStudyIds.all() as { id: number; name: string }[];
    const known = new Set(this.trackers.keys());
    const present = new Set(ids.map((s) => s.name));
    const vanished = [...known].some((name) => !present.has(name));
    // A deleted study frees rowids that new rows may take again: read everything afresh.
    if (vanished) {
      this.trackers.clear();
      this.lastRowid = 0;
    }
    this.studyList = this.store.studies();
    this.groupList = this.store.groups();
    const nameOf = new Map(ids.map((s) => [s.id, s.name]));
    const idOf = new Map(ids.map((s) => [s.name, s.id]));
    for (const study of this.studyList) if (!this.trackers.has(study.name)) this.trackers.set(study.name, new StudyTracker(study.objectives));
    const changed = new Set<string>(this.studyList.filter((s) => !known.has(s.name) || vanished).map((s) => s.name));
    for (const study of this.studyList) {
      const tracker = this.trackers.get(study.name)!;
      const studyId = idOf.get(study.name)!;
      for (const id of [...tracker.inFlight]) {
        const row = this.readTrial.get(studyId, id) as TrialRow | undefined;
        if (row !== undefined && row[2] !== 'running' && row[2] !== 'pending') {
          tracker.add(row);
          changed.add(study.name);
        }
      }
    }
    for (const row of this.readNewRows.iterate(this.lastRowid) as IterableIterator<[number, ...TrialRow]>) {
      const name = nameOf.get(row[0]);
      this.lastRowid = Math.max(this.lastRowid, row[1]);
      if (name === undefined) continue;
      this.trackers.get(name)!.add(row.slice(1) as TrialRow);
      changed.add(name);
    }
    // A status or elapsed-time change in `studies` alone (a study ending) is a change too.
    for (const study of this.studyList) if (study.updatedAt !== this.updatedAt.get(study.name)) changed.add(study.name);
    this.updatedAt = new Map(this.studyList.map((s) => [s.name, s.updatedAt]));
    if (changed.size > 0) this.version++;
    return [...changed];
  }
}
