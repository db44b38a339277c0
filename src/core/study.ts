import { UsageError } from './errors.ts';
import { dominates } from './pareto.ts';
import type { CacheStats, EvaluationCache, Executor } from './plugs.ts';
import { Rng, mixSeed } from './rng.ts';
import type { Algorithm, Measurement, Space, Task, Trial } from './types.ts';
import { InlineExecutor } from './inline-executor.ts';

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

/**
 * The ask/tell loop: propose → structural key → functional hash → cache → evaluate →
 * feedback, keeping up to `executor.capacity` evaluations in flight, until a budget, the
 * time limit, a stop condition or an abort ends it. Failures become failed trials.
 */
export class Study<G> {
  readonly seed: number;
  private readonly rng: Rng;
  private readonly executor: Executor<G>;
  private readonly onTrial: Listener<G>[] = [];
  private readonly onImprove: Listener<G>[] = [];
  private archive: Trial<G>[] = [];
  private counts = { proposed: 0, done: 0, failed: 0, cached: 0 };
  private startedAt = 0;
  private stopReason: StopReason | undefined = undefined;

  constructor(private readonly options: StudyOptions<G>) {
    const { budgetTrials, budgetSeconds } = options;
    if (budgetTrials !== undefined && !(Number.isInteger(budgetTrials) && budgetTrials >= 0)) {
      throw new UsageError(`budget must be a whole number of trials >= 0, got ${budgetTrials}`);
    }
    if (budgetSeconds !== undefined && !(budgetSeconds >= 0)) {
      throw new UsageError(`time limit must be a number of seconds >= 0, got ${budgetSeconds}`);
    }
    if (budgetTrials === undefined && budgetSeconds === undefined && options.stopWhen === undefined && options.signal === undefined) {
      throw new UsageError('a study needs a budget: give budgetTrials, budgetSeconds, stopWhen or signal');
    }
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
    const { task, space } = this.options;
    await this.executor.open({ task, space });
    this.startedAt = performance.now();
    const inFlight = new Set<Promise<void>>();
    try {
      let lastYield = performance.now();
      while (this.mayPropose()) {
        // Synchronous evaluations never give the event loop a turn; yield now and then so
        // timers (progress, time limits) and signals still run. Only while nothing is in
        // flight: then the pause cannot reorder results, so a seed still replays its trials.
        if (inFlight.size === 0 && performance.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
        const pending = this.launch();
        if (pending === undefined) continue;
        const tracked: Promise<void> = pending.then(() => void inFlight.delete(tracked));
        inFlight.add(tracked);
        if (inFlight.size >= this.executor.capacity) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    } finally {
      await this.executor.close();
    }
    return this.summary();
  }

  /** Non-dominated finished trials, one per structural key, in the order found. */
  front(): readonly Trial<G>[] {
    return this.archive;
  }

  /** The finished trial with the smallest first loss (ties: the earliest). */
  best(): Trial<G> | undefined {
    let best: Trial<G> | undefined;
    for (const t of this.archive) if (best === undefined || (t.loss[0] as number) < (best.loss[0] as number)) best = t;
    return best;
  }

  summary(): StudySummary {
    const elapsedMs = this.startedAt === 0 ? 0 : performance.now() - this.startedAt;
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

  private mayPropose(): boolean {
    if (this.stopReason !== undefined) return false;
    const { budgetTrials, budgetSeconds, signal } = this.options;
    if (signal?.aborted) this.stopReason = 'aborted';
    else if (budgetTrials !== undefined && this.counts.proposed >= budgetTrials) this.stopReason = 'budget';
    else if (budgetSeconds !== undefined && performance.now() - this.startedAt >= budgetSeconds * 1000) this.stopReason = 'time';
    return this.stopReason === undefined;
  }

  /** Proposes one trial; finishes it at once when possible, else returns its pending result. */
  private launch(): Promise<void> | undefined {
    const { space, task, algorithm, cache } = this.options;
    const id = this.counts.proposed++;
    const genotype = algorithm.propose(this.rng);
    const key = space.key(genotype);
    let hash: string | undefined;
    if (cache !== undefined && task.fingerprint !== undefined) {
      let lookup;
      try {
        lookup = cache.lookup(task.fingerprint(genotype));
      } catch (error) {
        this.finish(id, genotype, key, undefined, errorMessage(error), false);
        return undefined;
      }
      hash = lookup.hash;
      if (lookup.measurement !== undefined) {
        this.finish(id, genotype, key, hash, lookup.measurement, true);
        return undefined;
      }
    }
    let outcome: Measurement | Promise<Measurement>;
    try {
      outcome = this.executor.evaluate(genotype, { trialId: id, seed: mixSeed(this.seed, id) });
    } catch (error) {
      this.finish(id, genotype, key, hash, errorMessage(error), false);
      return undefined;
    }
    if (!(outcome instanceof Promise)) {
      this.finish(id, genotype, key, hash, outcome, false);
      return undefined;
    }
    return outcome.then(
      (m) => this.finish(id, genotype, key, hash, m, false),
      (error: unknown) => this.finish(id, genotype, key, hash, errorMessage(error), false),
    );
  }

  private finish(id: number, genotype: G, key: string, hash: string | undefined, result: Measurement | string, cached: boolean): void {
    const goals = this.options.task.objectives;
    const measurement = typeof result === 'string' ? undefined : result;
    const error = measurement === undefined ? (result as string) : checkMeasurement(measurement, goals.length);
    const values = measurement === undefined ? goals.map(() => NaN) : measurement.values;
    const loss = error === undefined ? goals.map((o, i) => (o.goal === 'max' ? -values[i]! : values[i]!)) : goals.map(() => Infinity);
    const trial: Trial<G> = {
      id,
      genotype,
      key,
      hash,
      status: error === undefined ? 'done' : 'failed',
      values,
      loss,
      error,
      cached,
      finishedMs: performance.now() - this.startedAt,
      info: measurement?.info,
    };
    if (error === undefined) {
      this.counts.done++;
      if (cached) this.counts.cached++;
      else if (hash !== undefined) this.options.cache?.record(hash, measurement!);
    } else {
      this.counts.failed++;
    }
    this.options.algorithm.feedback(trial);
    for (const listener of this.onTrial) listener(trial);
    if (error === undefined && this.addToArchive(trial)) for (const listener of this.onImprove) listener(trial);
    if (this.options.stopWhen?.(trial) && this.stopReason === undefined) this.stopReason = 'condition';
  }

  /** Keeps the archive non-dominated; returns true when the trial joined it. */
  private addToArchive(trial: Trial<G>): boolean {
    for (const kept of this.archive) {
      if (kept.key === trial.key || dominates(kept.loss, trial.loss) || sameLoss(kept.loss, trial.loss)) return false;
    }
    this.archive = this.archive.filter((kept) => !dominates(trial.loss, kept.loss));
    this.archive.push(trial);
    return true;
  }
}

function sameLoss(a: readonly number[], b: readonly number[]): boolean {
  return a.every((v, i) => v === b[i]);
}

/** Why a measurement cannot be used, or undefined when it is fine. */
function checkMeasurement(m: Measurement, objectives: number): string | undefined {
  if (m === null || typeof m !== 'object' || !Array.isArray(m.values)) return 'evaluate returned no values array';
  if (m.values.length !== objectives) return `evaluate returned ${m.values.length} values for ${objectives} objectives`;
  for (const v of m.values) if (typeof v !== 'number' || !Number.isFinite(v)) return 'non-finite objective';
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
