import { regularizedEvolution, type PopulationMember, type RegularizedEvolution } from '../../algorithms/index.ts';
import { SnapshotReader, snapshotJson } from '../../algorithms/snapshot-json.ts';
import { numberIn, wholeNumber } from '../../core/options.ts';
import type { Rng } from '../../core/rng.ts';
import type { Json, Space, Trial } from '../../core/types.ts';
import type { RegisterProgram } from '../../spaces/register/index.ts';

const OWNER = 'experimentEvolution';
const NAME = 'automl-zero-evolution';

/** Options of `experimentEvolution`. */
export interface ExperimentEvolutionOptions {
  readonly space: Space<RegisterProgram>;
  readonly populationSize: number;
  readonly tournamentSize: number;
  /** Tournaments sample with replacement, as the reference does. Default true. */
  readonly withReplacement?: boolean;
  /** Training steps after the initial population that end the experiment, checked every P finished trials. */
  readonly experimentTrainSteps: number;
  /** A trial whose evaluation reports a `selectFitness` above this ends the experiment, solved. */
  readonly sufficientFitness: number;
  /** A `snapshot()` to resume from. */
  readonly snapshot?: Json;
}

/** What an experiment has done so far, summed from its trials' results. */
export interface ExperimentStats {
  /** Finished trials (individuals), cache hits included. */
  readonly individuals: number;
  /** Training steps of evaluations and fingerprints: what the budget counts. */
  readonly searchSteps: number;
  /** Training steps of judging programs on the select tasks. */
  readonly selectSteps: number;
  /** Trials answered by the FEC cache, and trials evaluated in full after a cache miss. */
  readonly fecHits: number;
  readonly fecMisses: number;
  /** The best program judged on the select tasks during the search, if any. */
  readonly judged: { readonly program: RegisterProgram; readonly selectFitness: number; readonly finishedMs: number } | undefined;
  readonly solved: boolean;
  /** The experiment's training-step budget is spent. */
  readonly budgetSpent: boolean;
}

/** AutoML-Zero's search of one experiment: regularized evolution that ends itself. */
export interface ExperimentEvolution extends RegularizedEvolution<RegisterProgram> {
  isDone(): boolean;
  stats(): ExperimentStats;
}

/** A number from an evaluation's info, 0 when absent. */
function infoNumber(info: Trial<unknown>['info'], key: string): number {
  const value = info?.[key];
  return typeof value === 'number' ? value : 0;
}

/**
 * One AutoML-Zero experiment as an algorithm (`run_search_experiment.cc`): regularized
 * evolution (tournaments with replacement) that counts the training steps each trial's result
 * reports (`fecSteps` always, `trainSteps` when evaluated rather than answered by the cache)
 * and is done once, at a generation boundary (every P finished trials), the steps after the
 * initial population reach `experimentTrainSteps`, or as soon as a trial reports a
 * `selectFitness` above `sufficientFitness`. The counts live in its snapshot, so a resumed or
 * distributed experiment ends where one run inline would.
 *
 * @example
 * const algorithm = experimentEvolution({ space, populationSize: 1000, tournamentSize: 10, experimentTrainSteps: 1e8, sufficientFitness: 0.9999 });
 */
export function experimentEvolution(options: ExperimentEvolutionOptions): ExperimentEvolution {
  const budget = wholeNumber(OWNER, 'experimentTrainSteps', options.experimentTrainSteps, 0);
  const sufficient = numberIn(OWNER, 'sufficientFitness', options.sufficientFitness, -Infinity, Infinity);
  const populationSize = options.populationSize;
  const { space } = options;
  let inner: RegularizedEvolution<RegisterProgram>;
  let individuals = 0;
  let searchSteps = 0;
  let initialSteps: number | undefined;
  let selectSteps = 0;
  let fecHits = 0;
  let fecMisses = 0;
  let judged: ExperimentStats['judged'];
  let solved = false;
  let budgetSpent = false;
  const evolution = (snapshot?: Json) =>
    regularizedEvolution({ space, populationSize, tournamentSize: options.tournamentSize, withReplacement: options.withReplacement ?? true, ...(snapshot === undefined ? {} : { snapshot }) });
  if (options.snapshot === undefined) inner = evolution();
  else {
    const reader = new SnapshotReader(OWNER, options.snapshot, NAME);
    const fields = options.snapshot as { readonly [key: string]: Json };
    inner = evolution(fields['inner']);
    individuals = reader.count('individuals');
    searchSteps = reader.count('searchSteps');
    initialSteps = fields['initialSteps'] === null ? undefined : reader.count('initialSteps');
    selectSteps = reader.count('selectSteps');
    fecHits = reader.count('fecHits');
    fecMisses = reader.count('fecMisses');
    const best = reader.optionalMember('judged', space);
    const judgedMs = fields['judgedMs'];
    if (best !== undefined) judged = { program: best.genotype, selectFitness: -best.loss[0]!, finishedMs: typeof judgedMs === 'number' ? judgedMs : 0 };
    solved = judged !== undefined && judged.selectFitness > sufficient;
    budgetSpent = fields['budgetSpent'] === true;
  }
  return {
    propose: (rng: Rng) => inner.propose(rng),
    feedback(trial: Trial<RegisterProgram>) {
      inner.feedback(trial);
      individuals++;
      searchSteps += infoNumber(trial.info, 'fecSteps');
      if (trial.cached) fecHits++;
      else {
        if (trial.hash !== undefined) fecMisses++;
        searchSteps += infoNumber(trial.info, 'trainSteps');
        selectSteps += infoNumber(trial.info, 'selectSteps');
        const selectFitness = trial.info?.['selectFitness'];
        if (typeof selectFitness === 'number' && (judged === undefined || selectFitness > judged.selectFitness)) {
          judged = { program: trial.genotype, selectFitness, finishedMs: trial.finishedMs };
          if (selectFitness > sufficient) solved = true;
        }
      }
      if (individuals === populationSize) initialSteps = searchSteps;
      else if (initialSteps !== undefined && individuals % populationSize === 0 && searchSteps - initialSteps >= budget) budgetSpent = true;
    },
    isDone: () => solved || budgetSpent,
    population: (): readonly PopulationMember<RegisterProgram>[] => inner.population(),
    stats: () => ({ individuals, searchSteps, selectSteps, fecHits, fecMisses, judged, solved, budgetSpent }),
    snapshot: (): Json =>
      snapshotJson(NAME, {
        inner: inner.snapshot(),
        individuals,
        searchSteps,
        initialSteps: initialSteps ?? null,
        selectSteps,
        fecHits,
        fecMisses,
        judged: judged === undefined ? null : { genotype: space.toJSON(judged.program), loss: [-judged.selectFitness] },
        judgedMs: judged?.finishedMs ?? 0,
        budgetSpent,
      }),
  };
}
