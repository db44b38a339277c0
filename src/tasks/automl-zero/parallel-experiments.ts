import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import { startWorker } from '../../executors/start-worker.ts';
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
  /** Most individuals per worker. */
  readonly maxIndividuals?: number;
  /** Aborting stops every search; the best of what they found is returned, as at the time limit. */
  readonly signal?: AbortSignal;
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
  readonly maxIndividuals?: number;
}

/** What a worker is sent: a request to stop and report what it has. */
export interface ExperimentStopMessage {
  readonly stop: true;
}

/** What a worker posts back. */
export type ExperimentWorkerMessage = { readonly progress: ExperimentProgress } | { readonly result: ExperimentResult } | { readonly error: string };

const WORKER_MODULE = new URL('./experiment-worker.ts', import.meta.url).href;

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
  wholeNumber('runParallelExperiments', 'workers', workers, 1);
  presetNamed(options.preset);
  const started = performance.now();
  const threads = Array.from({ length: workers }, (_, i) => {
    const data: ExperimentWorkerData = {
      preset: options.preset,
      fec: options.fec ?? true,
      seed: seed + i,
      ...(options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds }),
      ...(options.maxExperiments === undefined ? {} : { maxExperiments: options.maxExperiments }),
      ...(options.maxIndividuals === undefined ? {} : { maxIndividuals: options.maxIndividuals }),
    };
    return startWorker(WORKER_MODULE, data);
  });
  const latest = new Map<number, ExperimentProgress>();
  const results = new Map<number, ExperimentResult>();
  const errors: string[] = [];
  const stopAll = (): void => {
    for (const thread of threads) thread.postMessage({ stop: true } satisfies ExperimentStopMessage);
  };
  if (options.signal?.aborted) stopAll();
  options.signal?.addEventListener('abort', stopAll, { once: true });
  return new Promise<ParallelExperimentsResult>((resolve, reject) => {
    let settled = false;
    const settle = (winner: number | undefined): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', stopAll);
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
  const all = [...latest.values()];
  const sum = (field: (p: ExperimentProgress) => number): number => all.reduce((total, p) => total + field(p), 0);
  const max = (field: (p: ExperimentProgress) => number, floor: number): number => all.reduce((best, p) => Math.max(best, field(p)), floor);
  const individuals = sum((p) => p.individuals);
  return {
    experiment: sum((p) => p.experiment),
    individuals,
    seconds: max((p) => p.seconds, 0),
    individualsPerSecond: sum((p) => p.individualsPerSecond),
    bestFitness: max((p) => p.bestFitness, 0),
    bestSelectFitness: max((p) => p.bestSelectFitness, -1),
    fecHitRate: individuals > 0 ? sum((p) => p.fecHitRate * p.individuals) / individuals : 0,
  };
}
