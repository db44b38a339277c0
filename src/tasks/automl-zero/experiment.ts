import type { EvaluationCache } from '../../core/plugs.ts';
import { Study } from '../../core/study.ts';
import type { Algorithm, Trial } from '../../core/types.ts';
import { unguided } from '../../algorithms/guided.ts';
import { fecCache } from '../../hashing/index.ts';
import type { RegisterProgram } from '../../spaces/register/index.ts';
import { isFinished, rebuildParts, resumeStoredStudy, startStoredStudy } from '../../store/stored-study.ts';
import type { StudySpec, StudyStore } from '../../store/types.ts';
import './register.ts';
import type { ExperimentConfig, ExperimentProgress, ExperimentResult, RunExperimentsOptions } from './experiment-config.ts';
import type { ExperimentEvolution } from './experiment-evolution.ts';
import { Judge, experimentOutcome, experimentsResult, solvedBy, type ExperimentOutcome } from './experiment-outcome.ts';
import { experimentPlan, type ExperimentPlan } from './experiment-plan.ts';

export type { ExperimentConfig, ExperimentProgress, ExperimentResult, RunExperimentsOptions } from './experiment-config.ts';

/** Trials between algorithm snapshots: a population of 1000 programs is a large snapshot. */
const SNAPSHOT_EVERY_TRIALS = 10_000;

/** The name of experiment `index` in its group. */
export function experimentName(group: string, index: number): string {
  return `${group}/e${index}`;
}

/**
 * AutoML-Zero's run_search_experiment: repeats experiments until a candidate is good
 * enough. Each experiment draws fresh search tasks and runs `experimentEvolution` (regularized
 * evolution with tournaments with replacement) through a `Study` with an FEC cache of 100,000
 * entries, until the training steps its trials report, after the initial population, reach
 * the budget. An evaluated program above the sufficient fitness is judged on fresh select
 * tasks within its evaluation, and passing ends the run; else the experiment's candidate, the
 * fittest of its final population, is judged when it ends. The best judged program is finally
 * evaluated on the unseen final tasks.
 *
 * With `store`, every experiment is a stored study, member `e<k>` of the group: calling this
 * again on the same group continues it (the experiment in flight resumed, the finished ones
 * read back) and returns the same result the uninterrupted run would.
 *
 * @example
 * const result = await runExperiments(DEMO_PRESET, { seed: 1, timeLimitSeconds: 600 });
 * console.log(result.solved, simplifiedProgram(result.program, DEMO_PRESET.memory));
 */
export async function runExperiments(config: ExperimentConfig, options: RunExperimentsOptions): Promise<ExperimentResult> {
  const judge = new Judge(config);
  const limitMs = (options.timeLimitSeconds ?? Infinity) * 1000;
  const maxExperiments = options.maxExperiments ?? Infinity;
  const maxIndividuals = options.maxIndividuals ?? Infinity;
  const outcomes: ExperimentOutcome[] = [];
  const progress = progressReporter(options, outcomes);
  let individuals = 0;
  let elapsedMs = 0;
  for (let index = 1; ; index++) {
    const stored = options.store === undefined ? undefined : options.store.store.study(experimentName(options.store.group, index));
    if (stored === undefined) {
      const solved = outcomes.some((o) => solvedBy(o, config));
      if (solved || index > maxExperiments || individuals >= maxIndividuals || elapsedMs >= limitMs || options.signal?.aborted === true) break;
    }
    const plan = experimentPlan(config, options.seed, index);
    const budget = { budgetTrials: maxIndividuals - individuals, budgetSeconds: (limitMs - elapsedMs) / 1000 };
    const outcome = await runExperiment(plan, budget, options, progress.watch(index, individuals), judge);
    outcomes.push(outcome);
    individuals += outcome.stats.individuals;
    elapsedMs += outcome.elapsedMs;
    if (options.signal?.aborted === true) break;
  }
  return experimentsResult(config, outcomes, judge);
}

/** Runs (or continues, or reads back) one experiment and returns its outcome. */
async function runExperiment(plan: ExperimentPlan, budget: { budgetTrials: number; budgetSeconds: number }, options: RunExperimentsOptions, watch: (study: Study<RegisterProgram>) => void, judge: Judge): Promise<ExperimentOutcome> {
  const name = options.store === undefined ? `e${plan.index}` : experimentName(options.store.group, plan.index);
  const spec: StudySpec = {
    name,
    task: plan.task,
    space: plan.space,
    algorithm: plan.algorithm,
    objectives: plan.objectives,
    seed: plan.seed,
    budgetTrials: Number.isFinite(budget.budgetTrials) ? budget.budgetTrials : undefined,
    budgetSeconds: Number.isFinite(budget.budgetSeconds) ? Math.max(0, budget.budgetSeconds) : undefined,
    ...(plan.cache === undefined ? {} : { cache: { ...plan.cache } }),
  };
  const store = options.store?.store;
  const existing = store?.study(name);
  if (store !== undefined && existing !== undefined && isFinished(store, name)) return storedOutcome(store, name, plan, judge);
  const executor = options.executor === undefined ? undefined : await options.executor({ task: plan.task, space: plan.space }, name);
  const extras = {
    snapshotEveryTrials: SNAPSHOT_EVERY_TRIALS,
    ...(executor === undefined ? {} : { executor }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.syncBatch === undefined ? {} : { syncBatch: options.syncBatch }),
  };
  if (store === undefined) {
    const parts = rebuildParts<RegisterProgram>(spec);
    const cache: EvaluationCache | undefined = plan.cache === undefined ? undefined : fecCache(plan.cache);
    const study = new Study<RegisterProgram>({ ...parts, seed: spec.seed, ...budgetOf(spec), ...extras, ...(cache === undefined ? {} : { cache }) });
    watch(study);
    const summary = await study.run();
    return experimentOutcome(plan, experimentEvolution(parts.algorithm), summary.elapsedMs, judge);
  }
  const study = existing === undefined ? startStoredStudy<RegisterProgram>(store, spec, extras) : resumeStoredStudy<RegisterProgram>(store, name, extras);
  watch(study);
  await study.run();
  return storedOutcome(store, name, plan, judge);
}

function budgetOf(spec: StudySpec): { budgetTrials?: number; budgetSeconds?: number } {
  return { ...(spec.budgetTrials === undefined ? {} : { budgetTrials: spec.budgetTrials }), ...(spec.budgetSeconds === undefined ? {} : { budgetSeconds: spec.budgetSeconds }) };
}

/** A stored experiment's outcome, from its algorithm rebuilt from the last snapshot. */
export function storedOutcome(store: StudyStore, name: string, plan: ExperimentPlan, judge: Judge): ExperimentOutcome {
  const stored = store.study(name)!;
  const algorithm = experimentEvolution(rebuildParts<RegisterProgram>(stored, store.lastSnapshot(name)?.algorithm).algorithm);
  return experimentOutcome(plan, algorithm, stored.elapsedMs, judge);
}

/** The experiment's evolution, inside the guide when the experiment is guided. */
function experimentEvolution(algorithm: Algorithm<RegisterProgram>): ExperimentEvolution {
  return unguided(algorithm) as ExperimentEvolution;
}

/** Progress about once a second, the first time after the first 256 individuals of the run. */
function progressReporter(options: RunExperimentsOptions, outcomes: readonly ExperimentOutcome[]) {
  const started = performance.now();
  let lastReport = -Infinity;
  return {
    watch: (experiment: number, before: number) => (study: Study<RegisterProgram>) => {
      if (options.onProgress === undefined) return;
      let individuals = before;
      let hits = outcomes.reduce((sum, o) => sum + o.stats.fecHits, 0);
      let lookups = hits + outcomes.reduce((sum, o) => sum + o.stats.fecMisses, 0);
      let bestFitness = 0;
      let bestSelect = outcomes.reduce((best, o) => Math.max(best, o.stats.judged?.selectFitness ?? -1, o.candidateSelect?.fitness ?? -1), -1);
      study.on('trial', (trial: Trial<RegisterProgram>) => {
        individuals++;
        if (trial.cached) hits++;
        if (trial.hash !== undefined) lookups++;
        if (trial.status === 'done' && trial.values[0]! > bestFitness) bestFitness = trial.values[0]!;
        const select = trial.info?.['selectFitness'];
        if (typeof select === 'number' && select > bestSelect) bestSelect = select;
        if ((individuals & 255) === 0 && performance.now() - lastReport >= 1000) {
          lastReport = performance.now();
          const seconds = (lastReport - started) / 1000;
          const progress: ExperimentProgress = { experiment, individuals, seconds, individualsPerSecond: individuals / seconds, bestFitness, bestSelectFitness: bestSelect, fecHitRate: lookups > 0 ? hits / lookups : 0 };
          options.onProgress!(progress);
        }
      });
    },
  };
}
