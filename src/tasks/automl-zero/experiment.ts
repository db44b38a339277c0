import { regularizedEvolution } from '../../algorithms/index.ts';
import { UsageError } from '../../core/errors.ts';
import { Rng } from '../../core/rng.ts';
import { Study } from '../../core/study.ts';
import type { Trial } from '../../core/types.ts';
import { fecCache } from '../../hashing/index.ts';
import type { MemoryShape, RegisterProgram, RegisterSpaceOptions } from '../../spaces/register/index.ts';
import { registerSpace } from '../../spaces/register/index.ts';
import { automlZeroTask, type FecExamples } from './automl-zero-task.ts';
import { ProgramEngine } from './program-engine.ts';
import type { TaskSuiteSpec } from './task-suite.ts';

/** Everything an AutoML-Zero search needs, as plain data (a preset is one of these). */
export interface ExperimentConfig {
  readonly memory: MemoryShape;
  /** The search space, less its memory. */
  readonly space: Omit<RegisterSpaceOptions, 'memory'>;
  /** T_search: redrawn with a fresh seed for every experiment. */
  readonly searchTasks: Omit<TaskSuiteSpec, 'seed'>;
  /** T_select: fresh tasks on which each experiment's candidate is judged. */
  readonly selectTasks: Omit<TaskSuiteSpec, 'seed'>;
  /** Unseen tasks for the final report, with their own fixed seed. */
  readonly finalTasks: TaskSuiteSpec;
  /** Validate the final evaluation on the final tasks' test split. Default false. */
  readonly finalOnTest?: boolean;
  readonly populationSize: number;
  readonly tournamentSize: number;
  /** Training steps after the initial population that end an experiment (checked each generation). */
  readonly experimentTrainSteps: number;
  /**
   * Stop once a candidate's select fitness exceeds this. Candidates whose search fitness
   * exceeds it are judged at the next generation boundary, without waiting for the budget.
   */
  readonly sufficientFitness: number;
  /** Examples per task for the fingerprint, or false to search without FEC. */
  readonly fec: FecExamples | false;
  readonly maxAbsError?: number;
  /** Tier-up threshold of the program engine. */
  readonly compileAfter?: number;
}

/** A progress report, sent at most about once a second. */
export interface ExperimentProgress {
  readonly experiment: number;
  readonly individuals: number;
  readonly seconds: number;
  readonly individualsPerSecond: number;
  /** Best search fitness in the current experiment. */
  readonly bestFitness: number;
  /** Best select fitness of any finished experiment (-1 before the first). */
  readonly bestSelectFitness: number;
  readonly fecHitRate: number;
}

/** Options of `runExperiments`. */
export interface RunExperimentsOptions {
  readonly seed: number;
  /** Wall-clock limit for the search (the final evaluation is not counted). */
  readonly timeLimitSeconds?: number;
  /** Stop after this many experiments. Default: no limit. */
  readonly maxExperiments?: number;
  /** Stop after this many individuals (evaluated programs, cache hits included). Default: no limit. */
  readonly maxIndividuals?: number;
  /** Called about once a second, the first time after the first 256 individuals. */
  readonly onProgress?: (progress: ExperimentProgress) => void;
  /** Aborting ends the search after the current evaluation; the best candidate so far is reported. */
  readonly signal?: AbortSignal;
}

/** What a run of experiments found. */
export interface ExperimentResult {
  /** True when a candidate's select fitness exceeded the sufficient fitness. */
  readonly solved: boolean;
  /** Fitness of the selected algorithm on the final (unseen) tasks. */
  readonly fitness: number;
  readonly selectFitness: number;
  /** Search fitness of the last experiment's candidate. */
  readonly searchFitness: number;
  readonly individuals: number;
  readonly individualsPerSecond: number;
  /** Wall time of the search, final evaluation excluded. */
  readonly seconds: number;
  /** Wall time until a candidate passed selection, when one did. */
  readonly secondsToSolve: number | undefined;
  readonly experiments: number;
  readonly trainSteps: number;
  readonly fecHits: number;
  readonly fecMisses: number;
  readonly program: RegisterProgram;
}

/** The member with the smallest loss (the highest fitness), or undefined for none. */
function fittest<M extends { readonly fitness: number }>(population: readonly M[]): M | undefined {
  let best: M | undefined;
  for (const member of population) if (best === undefined || member.fitness < best.fitness) best = member;
  return best;
}

/**
 * AutoML-Zero's run_search_experiment: repeats experiments until a candidate is good
 * enough. Each experiment draws fresh search tasks, runs regularized evolution (tournaments
 * with replacement, as the reference) through a `Study` with an FEC cache of 100,000
 * entries, until its training steps after the initial population reach the budget; its
 * candidate, the fittest of the final population, is then judged on fresh select tasks. At
 * each generation boundary where the population holds a program above the sufficient
 * fitness on the search tasks, that program is judged at once, and the run ends if it passes.
 * The best candidate is finally evaluated on the unseen final tasks.
 *
 * @example
 * const result = await runExperiments(DEMO_PRESET, { seed: 1, timeLimitSeconds: 600 });
 * console.log(result.solved, simplifiedProgram(result.program, DEMO_PRESET.memory));
 */
export async function runExperiments(config: ExperimentConfig, options: RunExperimentsOptions): Promise<ExperimentResult> {
  const space = registerSpace({ ...config.space, memory: config.memory });
  const rng = new Rng(options.seed);
  const started = performance.now();
  const limitMs = (options.timeLimitSeconds ?? Infinity) * 1000;
  const elapsedMs = (): number => performance.now() - started;
  let individuals = 0;
  let trainSteps = 0;
  let hits = 0;
  let misses = 0;
  let bestSelect = -1;
  let searchFitness = 0;
  let solvedSeconds: number | undefined;
  let best: RegisterProgram | undefined;
  let experiments = 0;
  let lastReport = -Infinity;
  const maxExperiments = options.maxExperiments ?? Infinity;
  const maxIndividuals = options.maxIndividuals ?? Infinity;
  const maxAbsError = config.maxAbsError ?? 100;
  // One engine for every task of the run: compiled code and step patterns outlive experiments.
  const evalType = config.searchTasks.kind === 'mnist' ? 'accuracy' : 'rms';
  const engine = new ProgramEngine(config.memory, evalType, { maxAbsError, ...(config.compileAfter === undefined ? {} : { compileAfter: config.compileAfter }) });
  const taskOptions = { memory: config.memory, maxAbsError, engine };
  const solved = (): boolean => bestSelect > config.sufficientFitness;
  /** Judges a candidate on fresh select tasks, keeping the best one so far. */
  const judge = (candidate: RegisterProgram): void => {
    const select = automlZeroTask({ ...taskOptions, tasks: { ...config.selectTasks, seed: rng.uint32() }, fec: false });
    const selectFitness = select.fitness(candidate, rng.uint32());
    trainSteps += select.trainSteps;
    if (selectFitness >= bestSelect) {
      bestSelect = selectFitness;
      best = candidate;
    }
    if (solved()) solvedSeconds ??= elapsedMs() / 1000;
  };
  while (experiments < maxExperiments && individuals < maxIndividuals && elapsedMs() < limitMs && !options.signal?.aborted) {
    experiments++;
    const task = automlZeroTask({ ...taskOptions, tasks: { ...config.searchTasks, seed: rng.uint32() }, fec: config.fec });
    const cache = config.fec === false ? undefined : fecCache({ capacity: 100_000, mantissaBits: 52 });
    const algorithm = regularizedEvolution({ space, populationSize: config.populationSize, tournamentSize: config.tournamentSize, withReplacement: true });
    const P = config.populationSize;
    let initialSteps: number | undefined;
    let bestFitness = 0;
    const judged = new Set<string>();
    const study = new Study<RegisterProgram>({
      space,
      task,
      algorithm,
      seed: rng.uint32(),
      ...(cache === undefined ? {} : { cache }),
      budgetSeconds: Math.max(0, (limitMs - elapsedMs()) / 1000),
      ...(maxIndividuals === Infinity ? {} : { budgetTrials: maxIndividuals - individuals }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      stopWhen: (trial: Trial<RegisterProgram>) => {
        const n = trial.id + 1;
        if (n === P) initialSteps = task.trainSteps;
        if (initialSteps === undefined || n % P !== 0) return false;
        // A population that holds a program good enough on the search tasks gets it judged now;
        // the experiment goes on unless it passes.
        const leader = fittest(algorithm.population());
        if (leader !== undefined && -leader.fitness > config.sufficientFitness && !judged.has(space.key(leader.genotype))) {
          judged.add(space.key(leader.genotype));
          judge(leader.genotype);
        }
        return solved() || (n > P && task.trainSteps - initialSteps >= config.experimentTrainSteps);
      },
    });
    study.on('trial', (trial) => {
      individuals++;
      if (trial.status === 'done' && trial.values[0]! > bestFitness) bestFitness = trial.values[0]!;
      if ((individuals & 255) === 0 && options.onProgress !== undefined && performance.now() - lastReport >= 1000) {
        lastReport = performance.now();
        const stats = cache?.stats();
        const seconds = elapsedMs() / 1000;
        options.onProgress({
          experiment: experiments,
          individuals,
          seconds,
          individualsPerSecond: individuals / seconds,
          bestFitness,
          bestSelectFitness: bestSelect,
          fecHitRate: stats === undefined ? 0 : (hits + stats.hits) / Math.max(1, hits + misses + stats.hits + stats.misses),
        });
      }
    });
    await study.run();
    trainSteps += task.trainSteps;
    const stats = cache?.stats();
    hits += stats?.hits ?? 0;
    misses += stats?.misses ?? 0;
    const candidate = fittest(algorithm.population());
    if (candidate === undefined) break;
    searchFitness = -candidate.fitness;
    if (!solved()) judge(candidate.genotype);
    if (solved()) break;
  }
  const seconds = elapsedMs() / 1000;
  if (best === undefined) throw new UsageError('automl-zero: no experiment finished; give a longer time limit');
  const final = automlZeroTask({ ...taskOptions, tasks: config.finalTasks, fec: false });
  const fitness = final.fitness(best, config.finalTasks.seed, config.finalOnTest === true ? 'test' : 'valid');
  return {
    solved: solved(),
    fitness,
    selectFitness: bestSelect,
    searchFitness,
    individuals,
    individualsPerSecond: seconds > 0 ? individuals / seconds : 0,
    seconds,
    secondsToSolve: solvedSeconds,
    experiments,
    trainSteps,
    fecHits: hits,
    fecMisses: misses,
    program: best,
  };
}
