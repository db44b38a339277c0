import { UsageError } from './errors.ts';
import { FrontArchive } from './front-archive.ts';
import { InFlight } from './in-flight.ts';
import { InlineExecutor } from './inline-executor.ts';
import type { CacheStats, EvaluationCache, Executor, ResumePoint, StudyLog } from './plugs.ts';
import { replayStoredStudy, resumedElapsedMs } from './resume.ts';
import { Rng, mixSeed } from './rng.ts';
import { errorMessage, toTrial } from './trial-result.ts';
import type { Launch, Outcome } from './trial-result.ts';
import type { Algorithm, Measurement, Space, Task, Trial } from './types.ts';

/** How a study ended. */
export type StopReason = 'budget' | 'time' | 'condition' | 'aborted';

/** What to search, with what, and for how long. */
export interface StudyOptions<G> {
  readonly space: Space<G>;
  readonly task: Task<G>;
  readonly algorithm: Algorithm<G>;
  /** Seed for every random choice of the study; the same seed replays the same trials. */
  readonly seed?: number;
  /** Stop after this many trials (cache hits count: each is a proposal answered). */
  readonly budgetTrials?: number;
  /** Stop proposing after this many seconds of wall time. */
  readonly budgetSeconds?: number;
  /** Stop as soon as this returns true for a finished trial. */
  readonly stopWhen?: (trial: Trial<G>) => boolean;
  /** Aborting stops the study after the evaluations in flight. */
  readonly signal?: AbortSignal;
  /** Where evaluations run; inline (this thread) by default. */
  readonly executor?: Executor<G>;
  /** Functional-equivalence cache; used when the task has a `fingerprint`. */
  readonly cache?: EvaluationCache;
  /** Where proposals, results and snapshots are written (a store), so the study can resume. */
  readonly log?: StudyLog;
  /** Finished trials between algorithm snapshots written to the log (default 1000). */
  readonly snapshotEveryTrials?: number;
  /**
   * Synchronous batches: propose this many trials, wait for all of them, then give their
   * results to the algorithm in trial-id order. The trials then depend only on the seed, not
   * on which evaluation finished first, so inline, thread and queue executors agree.
   * Unset (the default), results are fed back as they arrive (steady state).
   */
  readonly syncBatch?: number;
  /**
   * Continue a stored study: the algorithm passed in must be restored from
   * `resume.snapshot.algorithm` (or be fresh when there is no snapshot). The study replays the
   * proposals and feedbacks after the snapshot, re-runs the trials that were in flight, and
   * goes on to the same budget.
   */
  readonly resume?: ResumePoint;
}

/** Counters and outcome of a study. */
export interface StudySummary {
  readonly trials: number;
  readonly done: number;
  readonly failed: number;
  /** Trials answered by the functional-equivalence cache. */
  readonly cached: number;
  readonly elapsedMs: number;
  readonly trialsPerSecond: number;
  readonly stopReason: StopReason | undefined;
  readonly cache: (CacheStats & { readonly hitRate: number }) | undefined;
}

type Listener<G> = (trial: Trial<G>) => void;

const YIELD_EVERY_MS = 50;
const DEFAULT_SNAPSHOT_EVERY_TRIALS = 1000;

/**
 * The ask/tell loop: propose → structural key → functional hash → cache → evaluate →
 * feedback, keeping up to `executor.capacity` evaluations in flight, until a budget, the
 * time limit, a stop condition or an abort ends it. Failures become failed trials.
 */
export class Study<G> {
  readonly seed: number;
  private rng: Rng;
  private readonly executor: Executor<G>;
  private readonly onTrial: Listener<G>[] = [];
  private readonly onImprove: Listener<G>[] = [];
  private readonly archive = new FrontArchive<G>();
  private counts = { proposed: 0, done: 0, failed: 0, cached: 0 };
  /** Counts proposals and feedbacks together: their order is what a resume replays. */
  private seq = 0;
  private startedAt = 0;
  private stopReason: StopReason | undefined = undefined;
  private readonly snapshotEvery: number;
  /** Results held back until their synchronous batch is complete (see `syncBatch`). */
  private held: { trial: Launch<G>; result: Outcome }[] = [];

  constructor(private readonly options: StudyOptions<G>) {
    const { budgetTrials, budgetSeconds, snapshotEveryTrials } = options;
    if (budgetTrials !== undefined && !(Number.isInteger(budgetTrials) && budgetTrials >= 0)) {
      throw new UsageError(`budget must be a whole number of trials >= 0, got ${budgetTrials}`);
    }
    if (budgetSeconds !== undefined && !(budgetSeconds >= 0)) {
      throw new UsageError(`time limit must be a number of seconds >= 0, got ${budgetSeconds}`);
    }
    if (budgetTrials === undefined && budgetSeconds === undefined && options.stopWhen === undefined && options.signal === undefined && options.algorithm.isDone === undefined) {
      throw new UsageError('a study needs a budget: give budgetTrials, budgetSeconds, stopWhen or signal, or an algorithm that ends itself');
    }
    if (snapshotEveryTrials !== undefined && !(Number.isInteger(snapshotEveryTrials) && snapshotEveryTrials >= 1)) {
      throw new UsageError(`snapshotEveryTrials must be a whole number >= 1, got ${snapshotEveryTrials}`);
    }
    if (options.syncBatch !== undefined && !(Number.isInteger(options.syncBatch) && options.syncBatch >= 1)) {
      throw new UsageError(`syncBatch must be a whole number of trials >= 1, got ${options.syncBatch}`);
    }
    this.snapshotEvery = snapshotEveryTrials ?? DEFAULT_SNAPSHOT_EVERY_TRIALS;
    this.seed = options.seed ?? 0;
    this.rng = new Rng(this.seed);
    this.executor = options.executor ?? new InlineExecutor<G>();
  }

  /** Calls `listener` with every finished trial, in the order they finish. */
  on(event: 'trial' | 'improve', listener: Listener<G>): this {
    (event === 'trial' ? this.onTrial : this.onImprove).push(listener);
    return this;
  }

  /** Runs the study to its end and returns its summary. */
  async run(): Promise<StudySummary> {
    const { task, space, log } = this.options;
    const unfinished = this.options.resume === undefined ? [] : this.restore(this.options.resume);
    await this.executor.open({ task, space });
    this.startedAt = performance.now() - (this.options.resume === undefined ? 0 : resumedElapsedMs(this.options.resume));
    const slots = new InFlight(this.executor.capacity);
    try {
      for (const trial of unfinished) {
        const wait = slots.track(this.evaluate(trial));
        if (wait !== undefined) await wait;
      }
      await this.endBatch(slots);
      const { syncBatch } = this.options;
      let lastYield = performance.now();
      while (this.mayPropose()) {
        // Synchronous evaluations never give the event loop a turn; yield now and then so
        // timers (progress, time limits) and signals still run. Only while nothing is in
        // flight: then the pause cannot reorder results, so a seed still replays its trials.
        if (slots.size === 0 && performance.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
        const wait = slots.track(this.launch());
        if (wait !== undefined) await wait;
        if (syncBatch !== undefined && this.counts.proposed % syncBatch === 0) await this.endBatch(slots);
      }
      await this.endBatch(slots);
      if (log !== undefined) this.writeSnapshot(log);
    } finally {
      await this.executor.close();
    }
    await log?.ended({ stopReason: this.stopReason, elapsedMs: this.elapsedMs() });
    return this.summary();
  }

  /** Non-dominated finished trials, one per structural key, in the order found. */
  front(): readonly Trial<G>[] {
    return this.archive.trials();
  }

  /** The finished trial with the smallest first loss (ties: the earliest). */
  best(): Trial<G> | undefined {
    return this.archive.best();
  }

  summary(): StudySummary {
    const elapsedMs = this.elapsedMs();
    const finished = this.counts.done + this.counts.failed;
    const stats = this.options.cache?.stats();
    return {
      trials: finished,
      done: this.counts.done,
      failed: this.counts.failed,
      cached: this.counts.cached,
      elapsedMs,
      trialsPerSecond: elapsedMs > 0 ? (finished * 1000) / elapsedMs : 0,
      stopReason: this.stopReason,
      cache: stats && { ...stats, hitRate: stats.hits + stats.misses > 0 ? stats.hits / (stats.hits + stats.misses) : 0 },
    };
  }

  /** Waits for every evaluation in flight, then finishes the held results in trial-id order. */
  private async endBatch(slots: InFlight): Promise<void> {
    await slots.drain();
    const held = this.held.sort((a, b) => a.trial.id - b.trial.id);
    this.held = [];
    for (const { trial, result } of held) this.finish(trial, result, false);
  }

  private elapsedMs(): number {
    return this.startedAt === 0 ? 0 : performance.now() - this.startedAt;
  }

  private mayPropose(): boolean {
    if (this.stopReason !== undefined) return false;
    const { budgetTrials, budgetSeconds, signal } = this.options;
    if (signal?.aborted) this.stopReason = 'aborted';
    else if (budgetTrials !== undefined && this.counts.proposed >= budgetTrials) this.stopReason = 'budget';
    else if (budgetSeconds !== undefined && performance.now() - this.startedAt >= budgetSeconds * 1000) this.stopReason = 'time';
    else if (this.options.algorithm.isDone?.() === true) this.stopReason = 'condition';
    return this.stopReason === undefined;
  }

  /** Proposes one trial; finishes it at once when possible, else returns its pending result. */
  private launch(): Promise<void> | undefined {
    const { space, task, algorithm, cache, log } = this.options;
    const id = this.counts.proposed++;
    const seq = this.seq++;
    const genotype = algorithm.propose(this.rng);
    const key = space.key(genotype);
    let hash: string | undefined;
    let cachedResult: Outcome | undefined;
    if (cache !== undefined && task.fingerprint !== undefined) {
      try {
        const lookup = cache.lookup(task.fingerprint(genotype));
        hash = lookup.hash;
        cachedResult = lookup.measurement;
      } catch (error) {
        cachedResult = errorMessage(error);
      }
    }
    if (log !== undefined) log.proposed({ id, genotype: space.toJSON(genotype), key, hash, seq, proposedMs: this.elapsedMs() });
    const trial = { id, genotype, key, hash };
    if (cachedResult !== undefined) {
      this.finish(trial, cachedResult, typeof cachedResult !== 'string');
      return undefined;
    }
    return this.evaluate(trial);
  }

  /**
   * Hands a proposed trial to the executor; finishes it at once when the result is
   * synchronous, or holds the result for the end of its batch (`syncBatch`).
   */
  private evaluate(trial: Launch<G>): Promise<void> | undefined {
    let outcome: Measurement | Promise<Measurement>;
    try {
      outcome = this.executor.evaluate(trial.genotype, { trialId: trial.id, seed: mixSeed(this.seed, trial.id) });
    } catch (error) {
      this.settle(trial, errorMessage(error));
      return undefined;
    }
    if (!(outcome instanceof Promise)) {
      this.settle(trial, outcome);
      return undefined;
    }
    return outcome.then(
      (m) => this.settle(trial, m),
      (error: unknown) => this.settle(trial, errorMessage(error)),
    );
  }

  private settle(trial: Launch<G>, result: Outcome): void {
    if (this.options.syncBatch === undefined) this.finish(trial, result, false);
    else this.held.push({ trial, result });
  }

  private finish(launched: Launch<G>, result: Outcome, cached: boolean): void {
    const { algorithm, log } = this.options;
    const trial = toTrial(launched, result, cached, this.elapsedMs(), this.options.task.objectives);
    const seq = this.seq++;
    this.count(trial.status, cached, launched.hash, result);
    if (log !== undefined) {
      const { id, status, values, error, info, finishedMs } = trial;
      log.finished({ id, status, values, error, cached, info, seq, finishedMs });
    }
    algorithm.feedback(trial);
    for (const listener of this.onTrial) listener(trial);
    if (trial.status === 'done' && this.archive.add(trial)) for (const listener of this.onImprove) listener(trial);
    if (this.options.stopWhen?.(trial) && this.stopReason === undefined) this.stopReason = 'condition';
    if (log !== undefined && (this.counts.done + this.counts.failed) % this.snapshotEvery === 0) this.writeSnapshot(log);
  }

  /** Updates the counters and the cache for a finished trial. */
  private count(status: 'done' | 'failed', cached: boolean, hash: string | undefined, result: Outcome): void {
    if (status === 'done') {
      this.counts.done++;
      if (cached) this.counts.cached++;
      else if (hash !== undefined) this.options.cache?.record(hash, result as Measurement);
    } else {
      this.counts.failed++;
    }
  }

  private writeSnapshot(log: StudyLog): void {
    log.snapshot({ seq: this.seq, algorithm: this.options.algorithm.snapshot(), rng: this.rng.save(), elapsedMs: this.elapsedMs() });
  }

  /**
   * Rebuilds the study's state from a store: the algorithm and the random stream by replaying
   * what came after the snapshot (see `replayStoredStudy`), then the counters, cache and front
   * from every finished trial. Returns the trials that were in flight, to evaluate again.
   */
  private restore(point: ResumePoint): readonly Launch<G>[] {
    const { space, algorithm, task } = this.options;
    const replayed = replayStoredStudy(point, space, algorithm, task.objectives, this.rng);
    this.rng = replayed.rng;
    this.seq = replayed.seq;
    this.counts.proposed = point.trials.length;
    for (const stored of replayed.finished) {
      const { record } = stored;
      this.count(record.status === 'done' ? 'done' : 'failed', record.cached, record.hash, stored.outcome);
      if (record.status === 'done' && this.archive.accepts(record.key, stored.loss)) this.archive.add(stored.trial());
    }
    return replayed.unfinished;
  }
}

/**
 * A study over `space`, `task` and `algorithm`: call `run()` to search until its budget, time
 * limit, stop condition or abort signal ends it.
 *
 * @example
 * const search = study({ space, task, algorithm, seed: 1, budgetTrials: 10_000 });
 * const summary = await search.run();
 */
export function study<G>(options: StudyOptions<G>): Study<G> {
  return new Study(options);
}
