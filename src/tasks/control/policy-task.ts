import { UsageError } from '../../core/errors.ts';
import { flag, oneOfValues, wholeNumber } from '../../core/options.ts';
import type { EvalContext, Json, Measurement, Task } from '../../core/types.ts';
import type { RegisterProgram } from '../../spaces/register/index.ts';
import { CARTPOLE_V1_MAX_STEPS } from './cartpole.ts';
import { STATIONARY, TRAINING_FAMILY, type CataclysmFamily } from './cataclysms.ts';
import { episodeSpecs, runEpisode, scorePolicy, type ActionMode, type EpisodeOptions, type EpisodeSpec, type Policy, type Score } from './episode.ts';
import { registerPolicy } from './register-policy.ts';

/** The environments a control task runs. */
export const CONTROL_ENVS = ['cartpole', 'cataclysmic-cartpole'] as const;
export type ControlEnv = (typeof CONTROL_ENVS)[number];

/** A control task's config: plain JSON, every option present once built (see `controlTask`). */
export interface ControlTaskConfig {
  readonly env: ControlEnv;
  /** Default: 'discrete' on cartpole (CartPole-v1's), 'continuous' on cataclysmic-cartpole. */
  readonly action?: ActionMode;
  /** Episodes per evaluation. Default 5 on cartpole; 11 on cataclysmic-cartpole, one per training rule. */
  readonly episodes?: number;
  /** Seed of the evaluation episodes (start states, events, noise). Default 0. */
  readonly seed?: number;
  /** Steps before an episode is cut off. Default 500 (CartPole-v1). */
  readonly maxSteps?: number;
  /** Give the task a fingerprint, for a functional-equivalence cache. Default true. */
  readonly fec?: boolean;
}

/** A control task, with what a report needs beyond `evaluate`. */
export interface ControlTask extends Task<RegisterProgram> {
  readonly config: Json;
  readonly options: Required<ControlTaskConfig>;
  /** The family the search's episodes come from. */
  readonly family: CataclysmFamily;
  readonly episodes: readonly EpisodeSpec[];
  readonly episodeOptions: EpisodeOptions;
  /** Mean return over the task's episodes (synchronous). */
  evaluate(program: RegisterProgram, ctx?: EvalContext): Measurement;
  /**
   * Scores any policy on `count` episodes of a family under a seed (held-out tests use other
   * seeds); a NaN or infinite action ends its episode as a fall.
   */
  score(policy: Policy, family: CataclysmFamily, seed: number, count: number): Score;
}

const KEYS = ['env', 'action', 'episodes', 'seed', 'maxSteps', 'fec'];
// The probe episodes of the fingerprint: stationary, a flipped actuator, a biased angle sensor.
// Long enough that a policy which reacts to a change only some steps later shows it here.
const PROBE_STEPS = 100;
const PROBES: readonly EpisodeSpec[] = [
  { seed: 0xfec0, cataclysms: [] },
  { seed: 0xfec1, cataclysms: [{ kind: 'actuator', at: 10, value: -1, channel: 0 }] },
  { seed: 0xfec2, cataclysms: [{ kind: 'sensor-bias', at: 10, value: 0.05, channel: 2 }] },
];
/** Episodes a fingerprint runs (each of PROBE_STEPS steps at most). */
export const PROBE_EPISODES = PROBES.length;
// Fingerprint entries for steps after a probe episode ended.
const ENDED = -1e9;

/** Fills a config's defaults and checks every field; a bad one is a UsageError naming it. */
export function controlTaskOptions(config: ControlTaskConfig): Required<ControlTaskConfig> {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new UsageError('control task config must be an object like { "env": "cartpole" }');
  const unknown = Object.keys(config).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) throw new UsageError(`control task config: unknown key '${unknown}'; known: ${KEYS.join(', ')}`);
  const env = oneOfValues('control task', 'env', config.env, CONTROL_ENVS);
  const stationary = env === 'cartpole';
  return {
    env,
    action: oneOfValues('control task', 'action', config.action ?? (stationary ? 'discrete' : 'continuous'), ['discrete', 'continuous'] as const),
    episodes: wholeNumber('control task', 'episodes', config.episodes ?? (stationary ? 5 : TRAINING_FAMILY.rules.length), 1, 10_000),
    seed: wholeNumber('control task', 'seed', config.seed ?? 0, -(2 ** 31), 2 ** 32 - 1),
    maxSteps: wholeNumber('control task', 'maxSteps', config.maxSteps ?? CARTPOLE_V1_MAX_STEPS, 1, 1_000_000),
    fec: flag('control task', 'fec', config.fec ?? true),
  };
}

/**
 * Evolving policies for (Cataclysmic) Cart-pole: a register program's fitness is its mean
 * return over fixed seeded episodes (stationary ones on `cartpole`, one training-family event
 * each on `cataclysmic-cartpole`), maximised; `info.survival` is the share of episodes it
 * lasted to the end. A NaN or infinite action, or a program that does not fit the memory,
 * fails the trial. The fingerprint is the forces applied over three 100-step probe episodes
 * (stationary, an actuator flipped at step 10, an angle sensor biased at step 10), so that
 * policies that push alike there share one evaluation.
 *
 * @example
 * const task = controlTask({ env: 'cataclysmic-cartpole' });
 * task.evaluate(program, { trialId: 0, seed: 0 }).values[0]; // mean return, up to 500
 */
export function controlTask(config: ControlTaskConfig): ControlTask {
  const options = controlTaskOptions(config);
  const family = options.env === 'cartpole' ? STATIONARY : TRAINING_FAMILY;
  const episodes = episodeSpecs(family, options.seed, options.episodes);
  const episodeOptions: EpisodeOptions = { action: options.action, maxSteps: options.maxSteps };
  const evaluate = (program: RegisterProgram, _ctx?: EvalContext): Measurement => {
    const score = scorePolicy(registerPolicy(program), episodes, episodeOptions);
    return { values: [score.meanReturn], info: { survival: score.survival } };
  };
  const task: ControlTask = {
    id: 'control',
    config: { ...options },
    options,
    family,
    episodes,
    episodeOptions,
    objectives: [{ name: 'return', goal: 'max' }],
    evaluate,
    score: (policy, scored, seed, count) => scorePolicy(policy, episodeSpecs(scored, seed, count), episodeOptions, true),
  };
  if (!options.fec) return task;
  return { ...task, fingerprint: (program) => probeForces(registerPolicy(program), episodeOptions) };
}

function probeForces(policy: Policy, options: EpisodeOptions): Float64Array {
  const print = new Float64Array(PROBES.length * PROBE_STEPS).fill(ENDED);
  PROBES.forEach((probe, p) => {
    runEpisode(policy, probe, { ...options, maxSteps: PROBE_STEPS }, (step, _state, force) => {
      print[p * PROBE_STEPS + step] = force;
    });
  });
  return print;
}
