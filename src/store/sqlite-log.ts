import type { FinishedRecord, ProposedRecord, SnapshotRecord, StudyLog } from '../core/plugs.ts';
import type { Database, Statement } from './sqlite-driver.ts';

/** How a SQLite study log batches its writes. */
export interface BatchOptions {
  /** Write as soon as this many records wait (default 1000). */
  readonly maxRows: number;
  /** Write records that have waited this long (default 100 ms). */
  readonly maxDelayMs: number;
}

/** Snapshots kept per study: the newest, and one before it in case the newest is damaged. */
const SNAPSHOTS_KEPT = 2;

/** Functional hashes whose latest stored info the log remembers, to store a repeat by reference. */
const INFO_HASHES_KEPT = 4096;

/**
 * A study's write side on SQLite. Records wait in a buffer, in the order the study made
 * them, and go to the file in one transaction per batch: a batch is all or nothing, so after
 * a crash the file holds a prefix of the study's history (every finish after its proposal,
 * every snapshot after the trials it includes).
 */
export class SqliteStudyLog implements StudyLog {
  private readonly buffer: unknown[][] = [];
  private readonly kinds: Statement[] = [];
  private firstBufferedAt = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly writeBatch: () => void;
  private readonly insertTrial: Statement;
  private readonly insertFinished: Statement;
  /** Where each trial proposed in the current batch sits in the buffer, to fold its finish in. */
  private readonly bufferedProposals = new Map<number, number>();
  private readonly finishTrial: Statement;
  /** Functional hash of each trial in flight, from its proposal to its finish. */
  private readonly hashes = new Map<number, string>();
  /** The trial and info text last stored in full for each recent functional hash, oldest first. */
  private readonly infoByHash = new Map<string, { readonly id: number; readonly text: string }>();
  private readonly insertSnapshot: Statement;
  private readonly pruneSnapshots: Statement;
  private readonly touchStudy: Statement;
  private readonly endStudy: Statement;

  constructor(
    private readonly db: Database,
    private readonly studyId: number,
    private readonly batch: BatchOptions,
    private readonly onClose: (log: SqliteStudyLog) => void,
  ) {
    this.insertTrial = db.prepare(
      `INSERT OR REPLACE INTO trials (study_id, id, genotype, key, hash, status, proposed_seq, proposed_ms) VALUES (?, ?, ?, ?, ?, 'running', ?, ?)`,
    );
    this.insertFinished = db.prepare(
      `INSERT OR REPLACE INTO trials (study_id, id, genotype, key, hash, status, proposed_seq, proposed_ms,
       objectives, error, cached, info, finished_seq, finished_ms, worker, info_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.finishTrial = db.prepare(
      `UPDATE trials SET status = ?, objectives = ?, error = ?, cached = ?, info = ?, finished_seq = ?, finished_ms = ?,
       worker = ?, info_of = ? WHERE study_id = ? AND id = ?`,
    );
    this.insertSnapshot = db.prepare(`INSERT OR REPLACE INTO snapshots (study_id, seq, algorithm, rng, elapsed_ms, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
    this.pruneSnapshots = db.prepare(
      `DELETE FROM snapshots WHERE study_id = ? AND seq NOT IN (SELECT seq FROM snapshots WHERE study_id = ? ORDER BY seq DESC LIMIT ${SNAPSHOTS_KEPT})`,
    );
    this.touchStudy = db.prepare(`UPDATE studies SET elapsed_ms = ?, updated_at = ? WHERE id = ?`);
    this.endStudy = db.prepare(`UPDATE studies SET status = 'ended', stop_reason = ?, elapsed_ms = ?, updated_at = ? WHERE id = ?`);
    this.writeBatch = db.transaction(() => {
      for (let i = 0; i < this.buffer.length; i++) this.kinds[i]!.run(...this.buffer[i]!);
    });
    // Results of slow evaluations arrive seldom; the timer writes them without waiting for a batch.
    this.timer = setInterval(() => this.flush(), batch.maxDelayMs);
    this.timer.unref();
  }

  proposed(r: ProposedRecord): void {
    if (r.hash !== undefined) this.hashes.set(r.id, r.hash);
    this.bufferedProposals.set(r.id, this.buffer.length);
    this.push(this.insertTrial, [this.studyId, r.id, JSON.stringify(r.genotype), r.key, r.hash ?? null, r.seq, r.proposedMs]);
  }

  finished(r: FinishedRecord): void {
    const { worker, info: text } = splitWorker(r.info);
    const { info, infoOf } = this.shareInfo(r.id, text);
    const at = this.bufferedProposals.get(r.id);
    if (at !== undefined) {
      // Proposed in this same batch: one full insert instead of an insert and an update.
      const proposal = this.buffer[at]!;
      this.buffer[at] = [
        proposal[0], proposal[1], proposal[2], proposal[3], proposal[4], r.status, proposal[5], proposal[6],
        JSON.stringify(r.values), r.error ?? null, r.cached ? 1 : 0, info, r.seq, r.finishedMs, worker, infoOf,
      ];
      this.kinds[at] = this.insertFinished;
      this.bufferedProposals.delete(r.id);
      return;
    }
    this.push(this.finishTrial, [r.status, JSON.stringify(r.values), r.error ?? null, r.cached ? 1 : 0, info, r.seq, r.finishedMs, worker, infoOf, this.studyId, r.id]);
  }

  /**
   * The info to store for a finished trial: a reference to the last trial with the same
   * functional hash when its info is the same text (as a cache hit's is), else the text.
   */
  private shareInfo(id: number, text: string | null): { info: string | null; infoOf: number | null } {
    const hash = this.hashes.get(id);
    this.hashes.delete(id);
    if (hash === undefined || text === null) return { info: text, infoOf: null };
    const last = this.infoByHash.get(hash);
    if (last?.text === text) return { info: null, infoOf: last.id };
    this.infoByHash.delete(hash);
    this.infoByHash.set(hash, { id, text });
    if (this.infoByHash.size > INFO_HASHES_KEPT) this.infoByHash.delete(this.infoByHash.keys().next().value!);
    return { info: text, infoOf: null };
  }

  snapshot(r: SnapshotRecord): void {
    this.push(this.insertSnapshot, [this.studyId, r.seq, JSON.stringify(r.algorithm), JSON.stringify(r.rng), r.elapsedMs, Date.now()]);
    this.push(this.pruneSnapshots, [this.studyId, this.studyId]);
    this.push(this.touchStudy, [r.elapsedMs, Date.now(), this.studyId]);
  }

  ended(outcome: { readonly stopReason: string | undefined; readonly elapsedMs: number }): void {
    this.push(this.endStudy, [outcome.stopReason ?? null, outcome.elapsedMs, Date.now(), this.studyId]);
    this.close();
  }

  /** Writes every buffered record in one transaction. */
  flush(): void {
    if (this.buffer.length === 0) return;
    this.writeBatch();
    this.buffer.length = 0;
    this.kinds.length = 0;
    this.bufferedProposals.clear();
  }

  /** Writes what is buffered and stops the timer. */
  close(): void {
    clearInterval(this.timer);
    this.flush();
    this.onClose(this);
  }

  private push(statement: Statement, args: unknown[]): void {
    if (this.buffer.length === 0) this.firstBufferedAt = performance.now();
    this.buffer.push(args);
    this.kinds.push(statement);
    if (this.buffer.length >= this.batch.maxRows || performance.now() - this.firstBufferedAt >= this.batch.maxDelayMs) this.flush();
  }
}

/**
 * A trial's info as stored: the name of the worker that evaluated it goes to the `worker`
 * column alone (the store adds it back to `info` on reading), the rest as JSON.
 */
function splitWorker(info: FinishedRecord['info']): { worker: string | null; info: string | null } {
  if (info === undefined) return { worker: null, info: null };
  const { worker, ...rest } = info;
  if (worker === undefined) return { worker: null, info: JSON.stringify(info) };
  if (typeof worker !== 'string') return { worker: String(worker), info: JSON.stringify(info) };
  return { worker, info: Object.keys(rest).length === 0 ? null : JSON.stringify(rest) };
}
