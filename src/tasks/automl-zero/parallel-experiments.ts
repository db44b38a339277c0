import { UsageError } from '../../core/errors.ts';
import { moduleWorker, siblingModule } from '../../executors/module-worker.ts';
import type { ExperimentProgress, ExperimentResult } from './experiment.ts';
import { presetNamed } from './presets.ts';

/** Options of `runParallelExperiments`. */
export interface ParallelExperimentsOptions {
  /** A preset name (see `PRESETS`): workers rebuild the configuration from it. */
  readonly preset: string;
  /** Use the functional-equivalence cache (default true). */
  readonly fec?: boolean;
  /** Worker i searches with seed `seed + i`, so any worker's search replays on its own. */
  readonly seed: number;
  readonly workers: number;
  readonly timeLimitSeconds?: number;
  /** Most experiments per worker. */
  readonly maxExperiments?: number;
  /** The workers' progress summed (individuals, rates) or maximised (fitness), about once a second. */
  readonly onProgress?: (progress: ExperimentProgress) => void;
}

/** What the parallel searches found. */
export interface ParallelExperimentsResult {
  /** The winning search: the first to pass selection, else the one with the best select fitness. */
  readonly result: ExperimentResult;
  /** Its seed: `--seed` with one worker replays it. */
  readonly seed: number;
  /** Individuals of every worker together, and their rate. */
  readonly individuals: number;
  readonly individualsPerSecond: number;
}

/** What a worker is told (plain data). */
export interface ExperimentWorkerData {
  readonly preset: string;
  readonly fec: boolean;
  readonly seed: number;
  readonly timeLimitSeconds?: number;
  readonly maxExperiments?: number;
}

/** What a worker posts back. */
export type ExperimentWorkerMessage = { readonly progress: ExperimentProgress } | { readonly result: ExperimentResult } | { readonly error: string };

const WORKER_ENTRY = siblingModule('experiment-worker', import.meta.url);

/**
 * Runs independent AutoML-Zero searches on `workers` threads, with seeds `seed`, `seed + 1`,
 * …, and returns as soon as one passes selection (stopping the others), or, at the time
 * limit, the one with the best select fitness. Independent restarts are how the demo is
 * solved anyway (most experiments stall on a weaker learner), so N threads cut the time to
 * success roughly N-fold on N free cores. Which search wins depends on timing; the winner's
 * seed replays it on one thread.
 *
 * @example
 * const { result, seed } = await runParallelExperiments({ preset: 'demo', seed: 1, workers: 4, timeLimitSeconds: 600 });
 */
export function runParallelExperiments(options: ParallelExperimentsOptions): Promise<ParallelExperimentsResult> {
  const { workers, seed } = options;
  if (!(Number.isInteger(workers) && workers >= 1)) throw new UsageError(`runParallelExperiments: workers must be a whole number >= 1, got ${workers}`);
  presetNamed(options.preset);
  const started = performance.now();
  const threads = Array.from({ length: workers }, (_, i) => {
    const data: ExperimentWorkerData = {
      preset: options.preset,
      fec: options.fec ?? true,
      seed: seed + i,
      ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds }),
      ...(options.maxExperiments === undefined ? {} : { maxExperiments: options.maxExperiments }),
    };
    return moduleWorker(WORKER_ENTRY, { workerData: data });
  });
  const latest = new Map<number, ExperimentProgress>();
  const results = new Map<number, ExperimentResult>();
  const errors: string[] = [];
  return new Promise<ParallelExperimentsResult>((resolve, reject) => {
    let settled = false;
    const settle = (winner: number | undefined): void => {
      if (settled) return;
      settled = true;
      for (const thread of threads) void thread.terminate();
      if (winner === undefined) {
        reject(new UsageError(errors[0] ?? 'automl-zero: no search finished'));
        return;
      }
      const individuals = [...threads.keys()].reduce((sum, i) => sum + (results.get(i)?.individuals ?? latest.get(i)?.individuals ?? 0), 0);
      const seconds = (performance.now() - started) / 1000;
      resolve({ result: results.get(winner)!, seed: seed + winner, individuals, individualsPerSecond: seconds > 0 ? individuals / seconds : 0 });
    };
    const onFinished = (): void => {
      if (results.size + errors.length < workers) return;
      let best: number | undefined;
      for (const [i, r] of results) if (best === undefined || r.selectFitness > results.get(best)!.selectFitness) best = i;
      settle(best);
    };
    threads.forEach((thread, i) => {
      thread.on('message', (message: ExperimentWorkerMessage) => {
        if ('progress' in message) {
          latest.set(i, message.progress);
          options.onProgress?.(combined(latest));
        } else if ('result' in message) {
          results.set(i, message.result);
          if (message.result.solved) settle(i);
          else onFinished();
        } else {
          errors.push(message.error);
          onFinished();
        }
      });
      thread.on('error', (error) => {
        errors.push(error.message);
        onFinished();
      });
    });
  });
}

/** Every worker's latest progress as one: counts and rates summed, fitness the best. */
function combined(latest: ReadonlyMap<number, ExperimentProgress>): ExperimentProgress {
  let experiment = 0;
  let individuals = 0;
  let seconds = 0;
  let individualsPerSecond = 0;
  let bestFitness = 0;
  let bestSelectFitness = -1;
  let hits = 0;
  for (const p of latest.values()) {
    experiment += p.experiment;
    individuals += p.individuals;
    seconds = Math.max(seconds, p.seconds);
    individualsPerSecond += p.individualsPerSecond;
    bestFitness = Math.max(bestFitness, p.bestFitness);
    bestSelectFitness = Math.max(bestSelectFitness, p.bestSelectFitness);
    hits += p.fecHitRate * p.individuals;
  }
  return { experiment, individuals, seconds, individualsPerSecond, bestFitness, bestSelectFitness, fecHitRate: individuals > 0 ? hits / individuals : 0 };
}
