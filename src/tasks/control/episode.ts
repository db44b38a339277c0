import { UsageError } from '../../core/errors.ts';
import { Rng, mixSeed } from '../../core/rng.ts';
import { CARTPOLE_V1, cartPoleFallen, cartPoleStep, resetCartPole, type CartPoleParams } from './cartpole.ts';
import { applyCataclysm, healthySensors, sampleCataclysms, type Cataclysm, type CataclysmFamily } from './cataclysms.ts';

/** A controller: told when an episode starts, then asked for one action per step. */
export interface Policy {
  /** Resets whatever the policy keeps between steps; `rng` serves its random choices in this episode. */
  start(rng: Rng): void;
  /** The action for this observation (x, ẋ, θ, θ̇ as the sensors read them); the array is reused. */
  act(observation: Float64Array): number;
}

/**
 * How an action becomes a force: 'discrete' is CartPole-v1's push of ±10 N (right when the
 * action is > 0, left otherwise); 'continuous' is 10 N times the action clipped to [−1, 1].
 */
export type ActionMode = 'discrete' | 'continuous';

/** One episode: the seed of its start state and sensor noise, and its events. */
export interface EpisodeSpec {
  readonly seed: number;
  readonly cataclysms: readonly Cataclysm[];
}

/** What every episode of a run shares. */
export interface EpisodeOptions {
  readonly action: ActionMode;
  /** Steps before the episode is cut off (CartPole-v1: 500). */
  readonly maxSteps: number;
}

/** How an episode went. */
export interface EpisodeResult {
  /** Reward: 1 per step taken, the step the pole fell on included (as Gymnasium). */
  readonly return: number;
  /** True when the pole was still up after `maxSteps`. */
  readonly survived: boolean;
}

/** What `runEpisode` can report at every step, for traces and pictures. */
export type StepObserver = (step: number, state: Float64Array, force: number, params: Readonly<CartPoleParams>) => void;

/** A policy's action was NaN or infinite: the trial fails rather than scoring. */
export class PolicyFailure extends Error {
  override readonly name = 'PolicyFailure';
  /** The steps completed before the failing one. */
  readonly step: number;
  constructor(message: string, step: number) {
    super(message);
    this.step = step;
  }
}

/**
 * Runs one episode of (Cataclysmic) Cart-pole from CartPole-v1's physics: the start state
 * drawn from the episode's seed, each event applied at its step before that step's
 * observation, the observation rounded to float32 (as Gymnasium returns it) and then passed
 * through the sensors. A non-finite action throws a PolicyFailure.
 */
export function runEpisode(policy: Policy, spec: EpisodeSpec, options: EpisodeOptions, observe?: StepObserver): EpisodeResult {
  const rng = new Rng(spec.seed);
  const params: CartPoleParams = { ...CARTPOLE_V1 };
  const sensors = healthySensors();
  const state = new Float64Array(4);
  const observation = new Float64Array(4);
  resetCartPole(state, rng);
  policy.start(new Rng(mixSeed(spec.seed, 1)));
  const events = spec.cataclysms;
  const continuous = options.action === 'continuous';
  let next = 0;
  let faulty = false;
  for (let step = 0; step < options.maxSteps; step++) {
    while (next < events.length && events[next]!.at <= step) {
      applyCataclysm(events[next]!, params, sensors);
      faulty = faulty || events[next]!.kind.startsWith('sensor-');
      next++;
    }
    for (let i = 0; i < 4; i++) observation[i] = Math.fround(state[i]!);
    if (faulty) {
      for (let i = 0; i < 4; i++) {
        observation[i] = sensors.dead[i] === 1 ? 0 : observation[i]! + sensors.bias[i]! + (sensors.noise[i] === 0 ? 0 : sensors.noise[i]! * rng.normal());
      }
    }
    const action = policy.act(observation);
    if (!Number.isFinite(action)) throw new PolicyFailure(`the policy's action was ${action} at step ${step}`, step);
    const force = continuous ? params.forceMag * (action > 1 ? 1 : action < -1 ? -1 : action) : action > 0 ? params.forceMag : -params.forceMag;
    cartPoleStep(state, force, params);
    observe?.(step, state, force * params.forceScale, params);
    if (cartPoleFallen(state)) return { return: step + 1, survived: false };
  }
  return { return: options.maxSteps, survived: true };
}

/**
 * `count` episodes of a family, fixed by `seed`: episode i's seed is mixSeed(seed, i), and
 * its events are drawn from a stream of its own, so adding episodes never changes the first ones.
 */
export function episodeSpecs(family: CataclysmFamily, seed: number, count: number): EpisodeSpec[] {
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`episodes must be a whole number >= 1, got ${count}`);
  return Array.from({ length: count }, (_, i) => {
    const episodeSeed = mixSeed(seed, i);
    return { seed: episodeSeed, cataclysms: sampleCataclysms(family, i, new Rng(mixSeed(episodeSeed, 0x5eed))) };
  });
}

/** Mean return and survival rate of a policy over episodes. */
export interface Score {
  readonly meanReturn: number;
  readonly survival: number;
  readonly returns: readonly number[];
}

/**
 * Runs every episode and averages. A PolicyFailure propagates (a search fails the trial),
 * unless `failuresFall`: then, as in testing, the episode ends there as a fall.
 */
export function scorePolicy(policy: Policy, specs: readonly EpisodeSpec[], options: EpisodeOptions, failuresFall = false): Score {
  const returns: number[] = [];
  let survived = 0;
  for (const spec of specs) {
    const result = failuresFall ? runOrFall(policy, spec, options) : runEpisode(policy, spec, options);
    returns.push(result.return);
    if (result.survived) survived++;
  }
  return { meanReturn: returns.reduce((s, r) => s + r, 0) / returns.length, survival: survived / specs.length, returns };
}

function runOrFall(policy: Policy, spec: EpisodeSpec, options: EpisodeOptions): EpisodeResult {
  try {
    return runEpisode(policy, spec, options);
  } catch (error) {
    if (error instanceof PolicyFailure) return { return: error.step, survived: false };
    throw error;
  }
}
