import { runningFront, type RunningFront } from '../core/running-front.ts';
import type { Objective } from '../core/types.ts';
import { lossOf } from '../report/study-report.ts';
import { parseValues } from '../store/sqlite-store.ts';

/** One trial row as the dashboard reads it: `SELECT rowid, id, status, objectives, error, cached, finished_seq, finished_ms, worker`. */
export type TrialRow = [rowid: number, id: number, status: string, objectives: string | null, error: string | null, cached: number, finishedSeq: number | null, finishedMs: number | null, worker: string | null];

/** Status codes of the tracker's status column. */
const IN_FLIGHT = 1;
const DONE = 2;
const FAILED = 3;

/** A point of a best-so-far step curve: after `trials` finished trials (at `seconds` of study time) the best was `best`. */
export interface BestPoint {
  readonly trials: number;
  readonly seconds: number;
  readonly best: number;
}

/** Seconds of study time over which `trialsPerSecond` counts recent finishes. */
export const RATE_WINDOW_SECONDS = 30;

/** Longest failure reason kept as one group: messages that differ past it (a value, a trial id) count together. */
const REASON_CHARS = 120;

/**
 * What the dashboard knows about one study, kept column by column (trial ids are dense, 0..n-1)
 * and brought up to date by each new batch of rows: counts, the best-so-far curves, the Pareto
 * front, failures by reason, workers seen. Each row costs one pass over the front; nothing is
 * re-read from the store once seen, except the trials still in flight.
 */
export class StudyTracker {
  private status = new Uint8Array(1024);
  private values: Float64Array[];
  private cachedFlags = new Uint8Array(1024);
  private finishedMsColumn = new Float64Array(1024);
  private size = 0;
  readonly inFlight = new Set<number>();
  readonly failures = new Map<string, number>();
  readonly workers = new Set<string>();
  /** Best-so-far of the first objective, one point per improvement. */
  readonly curve: BestPoint[] = [];
  /** The running front of every objective (losses), for two or more objectives. */
  readonly front: RunningFront = runningFront();
  done = 0;
  failed = 0;
  cached = 0;
  /** Largest finishing time seen, in ms of study time. */
  lastFinishedMs = 0;
  private bestLoss = Infinity;
  private readonly sign: number;

  constructor(readonly objectives: readonly Objective[]) {
    this.values = objectives.map(() => new Float64Array(1024).fill(NaN));
    this.sign = objectives[0]?.goal === 'max' ? -1 : 1;
  }

  /** Trials seen so far (the largest id + 1). */
  get trials(): number {
    return this.size;
  }

  /** Folds in one row; rows come in the order the store wrote them. */
  add(row: TrialRow): void {
    const [, id, status, objectives, error, cached, , finishedMs, worker] = row;
    this.grow(id + 1);
    if (this.status[id] === DONE || this.status[id] === FAILED) this.forget(id);
    if (status !== 'done' && status !== 'failed') {
      this.status[id] = IN_FLIGHT;
      this.inFlight.add(id);
      return;
    }
    this.inFlight.delete(id);
    const values = parseValues(objectives) ?? [];
    for (let k = 0; k < this.values.length; k++) this.values[k]![id] = values[k] ?? NaN;
    this.cachedFlags[id] = cached;
    this.finishedMsColumn[id] = finishedMs ?? 0;
    this.lastFinishedMs = Math.max(this.lastFinishedMs, finishedMs ?? 0);
    if (cached === 1) this.cached++;
    if (worker !== null) this.workers.add(worker);
    if (status === 'failed') {
      this.status[id] = FAILED;
      this.failed++;
      const reason = (error ?? 'no reason given').slice(0, REASON_CHARS);
      this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
      return;
    }
    this.status[id] = DONE;
    this.done++;
    const loss = this.sign * (values[0] ?? NaN);
    // A done trial without a finite first value (a task may report NaN for an objective) moves no curve.
    if (loss < this.bestLoss) {
      this.bestLoss = loss;
      this.curve.push({ trials: this.done, seconds: (finishedMs ?? 0) / 1000, best: this.sign * this.bestLoss });
    }
    if (this.objectives.length >= 2 && values.every(Number.isFinite)) this.front.add(id, lossOf(this.objectives, values));
  }

  /** The best value of the first objective (as stored, not as a loss); undefined before a finished trial. */
  get best(): number | undefined {
    return this.bestLoss === Infinity ? undefined : this.sign * this.bestLoss;
  }

  /** Trials finished per second over the last `RATE_WINDOW_SECONDS` of study time. */
  trialsPerSecond(): number {
    const since = this.lastFinishedMs - RATE_WINDOW_SECONDS * 1000;
    let recent = 0;
    for (let id = this.size - 1; id >= 0; id--) {
      if ((this.status[id] === DONE || this.status[id] === FAILED) && this.finishedMsColumn[id]! > since) recent++;
    }
    const window = Math.min(RATE_WINDOW_SECONDS, this.lastFinishedMs / 1000);
    return window > 0 ? recent / window : 0;
  }

  /** Share of finished trials answered by the functional-equivalence cache. */
  get cacheHitRate(): number {
    const finished = this.done + this.failed;
    return finished === 0 ? 0 : this.cached / finished;
  }

  /** Trial `id`'s status as stored ('done', 'failed', 'running'), or undefined before it was seen. */
  statusOf(id: number): 'done' | 'failed' | 'running' | undefined {
    const s = this.status[id];
    return s === DONE ? 'done' : s === FAILED ? 'failed' : s === IN_FLIGHT ? 'running' : undefined;
  }

  valueOf(id: number, objective: number): number {
    return this.values[objective]![id]!;
  }

  cachedOf(id: number): boolean {
    return this.cachedFlags[id] === 1;
  }

  finishedMsOf(id: number): number {
    return this.finishedMsColumn[id]!;
  }

  /** Undoes the counts of a finished trial that the store wrote again (a resumed study re-runs it). */
  private forget(id: number): void {
    if (this.status[id] === DONE) this.done--;
    else this.failed--;
    if (this.cachedFlags[id] === 1) this.cached--;
    this.status[id] = 0;
  }

  private grow(size: number): void {
    if (size > this.status.length) {
      const capacity = Math.max(size, this.status.length * 2);
      this.status = resized(this.status, capacity);
      this.cachedFlags = resized(this.cachedFlags, capacity);
      this.finishedMsColumn = resized(this.finishedMsColumn, capacity);
      this.values = this.values.map((column) => {
        const wider = new Float64Array(capacity).fill(NaN);
        wider.set(column);
        return wider;
      });
    }
    this.size = Math.max(this.size, size);
  }
}

function resized<T extends Uint8Array | Float64Array>(column: T, capacity: number): T {
  const wider = new (column.constructor as new (n: number) => T)(capacity);
  wider.set(column);
  return wider;
}
