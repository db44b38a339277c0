import type { Json } from '../../core/types.ts';
import type { MemoryShape, RegisterProgram } from '../../spaces/register/index.ts';
import { formatProgram, programToJSON } from '../../spaces/register/index.ts';
import type { ExperimentResult } from './experiment-config.ts';
import { programLiveness, resolveProgram } from './program-liveness.ts';
import { recognizeLinearGradientDescent, type GradientDescentMatch } from './recognize.ts';

/** A program printed without the instructions that cannot affect any prediction. */
export function simplifiedProgram(program: RegisterProgram, memory: MemoryShape): string {
  const live = programLiveness(resolveProgram(program), memory);
  return formatProgram(program, { features: memory.features, keep: { setup: live.setup, predict: live.predict, learn: live.learn } });
}

/** What a run found, for people (`text`) and for files (`json`). */
export interface ExperimentReport {
  readonly text: string;
  readonly json: Json;
  readonly rediscovered: GradientDescentMatch | undefined;
}

/**
 * Describes a result: outcome and rates, the algorithm found (simplified), and whether it is
 * linear regression by gradient descent. The JSON holds `{ solved, fitness, individuals,
 * individualsPerSecond, seconds, algorithm }` and the details beside them.
 */
export function experimentReport(result: ExperimentResult, memory: MemoryShape, about: { readonly preset: string; readonly seed: number; readonly finalTasks: string }): ExperimentReport {
  const rediscovered = recognizeLinearGradientDescent(result.program, memory);
  const hitRate = result.fecHits + result.fecMisses > 0 ? result.fecHits / (result.fecHits + result.fecMisses) : 0;
  const simplified = simplifiedProgram(result.program, memory);
  const lines = [
    `${result.solved ? 'Solved' : 'Not solved'} in ${result.seconds.toFixed(1)} s: fitness ${result.fitness.toFixed(6)} on ${about.finalTasks} (select ${result.selectFitness.toFixed(6)})`,
    `${result.individuals.toLocaleString('en-US')} individuals (${Math.round(result.individualsPerSecond).toLocaleString('en-US')}/s) in ${result.experiments} experiment${result.experiments === 1 ? '' : 's'}, ${result.trainSteps.toLocaleString('en-US')} training steps; FEC hits ${(100 * hitRate).toFixed(1)}%`,
    '',
    'Algorithm found (dead instructions removed):',
    simplified,
    '',
  ];
  if (rediscovered !== undefined) {
    const rate = `learning rate ${rediscovered.constantRate ? '' : 'about '}${rediscovered.learningRate.toPrecision(4)}`;
    const when = rediscovered.delay === 0 ? '' : ', each step using the previous example';
    lines.push(`Rediscovered linear regression by gradient descent: w <- w + lr * (y - prediction) * x, ${rate}${when}.`, '');
  }
  const json: Json = {
    solved: result.solved,
    fitness: result.fitness,
    individuals: result.individuals,
    individualsPerSecond: result.individualsPerSecond,
    seconds: result.seconds,
    algorithm: programToJSON(result.program),
    secondsToSolve: result.secondsToSolve ?? null,
    preset: about.preset,
    seed: about.seed,
    selectFitness: result.selectFitness,
    experiments: result.experiments,
    trainSteps: result.trainSteps,
    fec: { hits: result.fecHits, misses: result.fecMisses, hitRate },
    simplified,
    rediscovered: rediscovered === undefined ? null : { learningRate: rediscovered.learningRate, constantRate: rediscovered.constantRate, delay: rediscovered.delay },
  };
  return { text: lines.join('\n'), json, rediscovered };
}
