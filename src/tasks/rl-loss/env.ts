import type { Rng } from '../../core/rng.ts';

/**
 * A continuous-control environment as SAC sees it: observations are rows of numbers, actions
 * are rows in [−1, 1] that the environment scales to its own range. An episode ends when it
 * terminates (a true end: no bootstrapping past it) or after `maxSteps` (a time limit: the
 * learner bootstraps through it).
 */
export interface ContinuousEnv {
  readonly observationSize: number;
  readonly actionSize: number;
  readonly maxSteps: number;
  /** Starts an episode from a state drawn with `rng`; returns the first observation. */
  reset(rng: Rng): Float64Array;
  /** Applies one action in [−1, 1]ⁿ (values outside are clipped) and advances one step. */
  step(action: ArrayLike<number>): StepResult;
}

/** What one environment step returns. */
export interface StepResult {
  readonly observation: Float64Array;
  readonly reward: number;
  /** A true end of the episode (not a time limit). */
  readonly terminated: boolean;
}

/** Builds a fresh environment for one physics configuration (mass, length, …, by name). */
export type EnvFactory = (physics: PhysicsConfig) => ContinuousEnv;

/** Physical parameters by name; missing ones keep the environment's defaults. */
export type PhysicsConfig = { readonly [name: string]: number };

/** The undiscounted return of one episode of `policy` (observation → action in [−1, 1]ⁿ). */
export function episodeReturn(env: ContinuousEnv, policy: (observation: Float64Array) => ArrayLike<number>, rng: Rng): number {
  let observation = env.reset(rng);
  let total = 0;
  for (let t = 0; t < env.maxSteps; t++) {
    const step = env.step(policy(observation));
    total += step.reward;
    if (step.terminated) break;
    observation = step.observation;
  }
  return total;
}
