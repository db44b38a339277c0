import { UsageError } from '../../core/errors.ts';
import type { RegisterProgram } from '../../spaces/register/index.ts';
import { automlZeroTask } from './automl-zero-task.ts';
import type { ExperimentConfig, ExperimentResult } from './experiment-config.ts';
import type { ExperimentEvolution, ExperimentStats } from './experiment-evolution.ts';
import type { ExperimentPlan } from './experiment-plan.ts';
import { programEngine, type ProgramEngine } from './program-engine.ts';

/** What one experiment ended with: its counts, and its candidate judged on the select tasks. */
export interface ExperimentOutcome {
  readonly plan: ExperimentPlan;
  readonly stats: ExperimentStats;
  /** Wall time the experiment's study ran, over every run of it. */
  readonly elapsedMs: number;
  /** The fittest of the final population, with its search fitness; undefined for an empty one. */
  readonly candidate: { readonly program: RegisterProgram; readonly searchFitness: number } | undefined;
  /** The candidate's select fitness and the steps judging it took; undefined when the search was solved already. */
  readonly candidateSelect: { readonly fitness: number; readonly steps: number } | undefined;
}

/** Judges programs on select and final tasks in the study's process, one engine for all. */
export class Judge {
  private engine: ProgramEngine | undefined;

  constructor(private readonly config: ExperimentConfig) {}

  /** Mean fitness over the tasks, and the training steps that took. */
  fitness(tasks: ExperimentPlan['selectTasks'], program: RegisterProgram, seed: number, split: 'valid' | 'test' = 'valid'): { fitness: number; steps: number } {
    const { memory, maxAbsError = 100 } = this.config;
    this.engine ??= programEngine(memory, tasks.kind === 'mnist' ? 'accuracy' : 'rms', { maxAbsError, ...(this.config.compileAfter === undefined ? {} : { compileAfter: this.config.compileAfter }) });
    const task = automlZeroTask({ tasks, memory, maxAbsError, fec: false, engine: this.engine });
    const fitness = task.fitness(program, seed, split);
    return { fitness, steps: task.trainSteps };
  }
}

/** The outcome of an experiment whose algorithm (live, or rebuilt from its last snapshot) is given. */
export function experimentOutcome(plan: ExperimentPlan, algorithm: ExperimentEvolution, elapsedMs: number, judge: Judge): ExperimentOutcome {
  const stats = algorithm.stats();
  let best: { program: RegisterProgram; fitness: number } | undefined;
  for (const member of algorithm.population()) if (best === undefined || member.fitness < best.fitness) best = { program: member.genotype, fitness: member.fitness };
  const candidate = best === undefined ? undefined : { program: best.program, searchFitness: -best.fitness };
  const judged = candidate === undefined || stats.solved ? undefined : judge.fitness(plan.selectTasks, candidate.program, plan.selectEvalSeed);
  return { plan, stats, elapsedMs, candidate, candidateSelect: judged === undefined ? undefined : { fitness: judged.fitness, steps: judged.steps } };
}

/** True when the experiment found a program whose select fitness exceeds the sufficient fitness. */
export function solvedBy(outcome: ExperimentOutcome, config: ExperimentConfig): boolean {
  return outcome.stats.solved || (outcome.candidateSelect !== undefined && outcome.candidateSelect.fitness > config.sufficientFitness);
}

/**
 * The run's result from its experiments' outcomes, in order: the best judged program (the
 * later one on ties), evaluated on the final tasks, with the counts of every experiment summed.
 */
export function experimentsResult(config: ExperimentConfig, outcomes: readonly ExperimentOutcome[], judge: Judge): ExperimentResult {
  let best: RegisterProgram | undefined;
  let bestSelect = -1;
  let elapsedMs = 0;
  let secondsToSolve: number | undefined;
  let individuals = 0;
  let trainSteps = 0;
  let fecHits = 0;
  let fecMisses = 0;
  for (const outcome of outcomes) {
    const { stats, candidate, candidateSelect } = outcome;
    const consider = (program: RegisterProgram, fitness: number, atMs: number): void => {
      if (fitness >= bestSelect) {
        bestSelect = fitness;
        best = program;
      }
      if (bestSelect > config.sufficientFitness) secondsToSolve ??= (elapsedMs + atMs) / 1000;
    };
    if (stats.judged !== undefined) consider(stats.judged.program, stats.judged.selectFitness, stats.judged.finishedMs);
    if (candidate !== undefined && candidateSelect !== undefined) consider(candidate.program, candidateSelect.fitness, outcome.elapsedMs);
    elapsedMs += outcome.elapsedMs;
    individuals += stats.individuals;
    trainSteps += stats.searchSteps + stats.selectSteps + (candidateSelect?.steps ?? 0);
    fecHits += stats.fecHits;
    fecMisses += stats.fecMisses;
  }
  if (best === undefined) throw new UsageError('automl-zero: no experiment finished; give a longer time limit');
  const seconds = elapsedMs / 1000;
  const final = judge.fitness(config.finalTasks, best, config.finalTasks.seed, config.finalOnTest === true ? 'test' : 'valid');
  return {
    solved: bestSelect > config.sufficientFitness,
    fitness: final.fitness,
    selectFitness: bestSelect,
    searchFitness: outcomes[outcomes.length - 1]?.candidate?.searchFitness ?? 0,
    individuals,
    individualsPerSecond: seconds > 0 ? individuals / seconds : 0,
    seconds,
    secondsToSolve,
    experiments: outcomes.length,
    trainSteps,
    fecHits,
    fecMisses,
    program: best,
  };
}
