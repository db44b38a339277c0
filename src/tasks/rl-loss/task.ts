import { UsageError } from '../../core/errors.ts';
import { show, wholeNumber } from '../../core/options.ts';
import { mixSeed } from '../../core/rng.ts';
import type { Json, Measurement, Objective, Task } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { PhysicsConfig } from './env.ts';
import { rlEnv, type EnvEntry } from './envs.ts';
import { graphLosses } from './loss-graph.ts';
import { LossProbe } from './probe.ts';
import { sacConfig, type SacConfig } from './sac.ts';
import { evaluateGreedy, trainSac } from './train.ts';

/** The three objectives: normalised returns on the training and held-out configurations, and their spread over seeds. */
export const RL_LOSS_OBJECTIVES: readonly Objective[] = [
  { name: 'performance', goal: 'max' },
  { name: 'generalization', goal: 'max' },
  { name: 'instability', goal: 'min' },
];

/** The rl-loss task's config: everything an evaluation depends on, as JSON. */
export interface RlLossTaskConfig {
  /** An environment of `RL_ENVS` (default 'pendulum'). */
  readonly env: string;
  /** Environment steps per training run (default 4000). */
  readonly steps: number;
  /** Independent training runs per candidate, each with its own seed (default 3). */
  readonly seeds: number;
  /** Base of the training seeds: run k uses mixSeed(seed, k), the same for every candidate (default 0). */
  readonly seed: number;
  /** SAC's hyperparameters (see `SacConfig`); defaults below. */
  readonly sac: Partial<SacConfig>;
  /** The training configuration; the environment's own by default. */
  readonly train?: PhysicsConfig;
  /** Held-out configurations; the environment's own by default. */
  readonly test?: readonly PhysicsConfig[];
  /** Greedy episodes per configuration when scoring (default 10). */
  readonly evalEpisodes: number;
  /** A training run past this many milliseconds fails the trial (default: no limit). */
  readonly timeLimitMs?: number;
}

/** The SAC settings of an evaluation: small networks and fast rates, so Pendulum is solved within 4000 steps (bench/rl-loss-sac.ts). */
export const EVALUATION_SAC: Partial<SacConfig> = { hidden: [32, 32], batchSize: 64, learningRate: 3e-3, tau: 0.02 };

export const DEFAULT_RL_LOSS_CONFIG: RlLossTaskConfig = { env: 'pendulum', steps: 4000, seeds: 3, seed: 0, sac: EVALUATION_SAC, evalEpisodes: 10 };

const KEYS = ['env', 'steps', 'seeds', 'seed', 'sac', 'train', 'test', 'evalEpisodes', 'timeLimitMs'];

/** The config with defaults filled in and every value checked. */
export function rlLossConfig(config: Json | Partial<RlLossTaskConfig> = {}): RlLossTaskConfig {
  const owner = 'rl-loss';
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError(`rl-loss: the task config must be an object, got ${show(config)}`);
  for (const key of Object.keys(config)) if (!KEYS.includes(key)) throw new UsageError(`rl-loss: unknown config key '${key}'; known: ${KEYS.join(', ')}`);
  const c = { ...DEFAULT_RL_LOSS_CONFIG, ...(config as Partial<RlLossTaskConfig>) };
  rlEnv(c.env);
  wholeNumber(owner, 'steps', c.steps, 1);
  wholeNumber(owner, 'seeds', c.seeds, 1, 100);
  wholeNumber(owner, 'seed', c.seed, -(2 ** 31), 2 ** 32);
  wholeNumber(owner, 'evalEpisodes', c.evalEpisodes, 1);
  if (c.timeLimitMs !== undefined) wholeNumber(owner, 'timeLimitMs', c.timeLimitMs, 1);
  sacConfig(c.sac);
  if (c.test !== undefined && (!Array.isArray(c.test) || c.test.length === 0)) throw new UsageError('rl-loss: test must list at least one configuration');
  return c;
}

/** One training run's scores. */
export interface SeedScores {
  readonly performance: number;
  readonly generalization: number;
  /** Normalised score per held-out configuration. */
  readonly perConfig: readonly number[];
}

/** Mean and (population) standard deviation. */
export function meanAndSpread(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return { mean, sd };
}

/**
 * Evaluates candidate losses as MetaPG does, at laptop scale: train SAC with them on the
 * training configuration for a fixed number of steps, once per seed; score the greedy policy
 * there (performance) and on the held-out configurations without further training
 * (generalization); instability is the mean of the two scores' standard deviations over seeds.
 */
export class RlLossTask implements Task<Graph> {
  readonly id = 'rl-loss';
  readonly objectives = RL_LOSS_OBJECTIVES;
  readonly settings: RlLossTaskConfig;
  private readonly env: EnvEntry;
  private probe: LossProbe | undefined;

  constructor(readonly config: Json) {
    this.settings = rlLossConfig(config);
    this.env = rlEnv(this.settings.env);
  }

  /** The scores of one training run with seed index k. */
  trainAndScore(g: Graph, k: number): SeedScores {
    const { settings, env } = this;
    const losses = graphLosses(g);
    const trained = trainSac({
      env: env.make(settings.train ?? env.train),
      losses,
      steps: settings.steps,
      seed: mixSeed(settings.seed, k),
      sac: settings.sac,
      ...(settings.timeLimitMs === undefined ? {} : { timeLimitMs: settings.timeLimitMs }),
    });
    const score = (physics: PhysicsConfig) => env.normalize(evaluateGreedy(trained.agent, env.make(physics), settings.evalEpisodes, mixSeed(settings.seed, 0x5c0e)));
    const perConfig = (settings.test ?? env.test).map(score);
    return { performance: score(settings.train ?? env.train), generalization: perConfig.reduce((s, v) => s + v, 0) / perConfig.length, perConfig };
  }

  evaluate(g: Graph): Measurement {
    const started = performance.now();
    const runs = Array.from({ length: this.settings.seeds }, (_, k) => this.trainAndScore(g, k));
    const performanceScores = meanAndSpread(runs.map((r) => r.performance));
    const generalizationScores = meanAndSpread(runs.map((r) => r.generalization));
    return {
      values: [performanceScores.mean, generalizationScores.mean, (performanceScores.sd + generalizationScores.sd) / 2],
      info: {
        performanceBySeed: runs.map((r) => r.performance),
        generalizationBySeed: runs.map((r) => r.generalization),
        elapsedMs: Math.round(performance.now() - started),
      },
    };
  }

  fingerprint(g: Graph): Float64Array {
    this.probe ??= new LossProbe(this.env.make(this.settings.train ?? this.env.train).observationSize, this.env.make({}).actionSize, mixSeed(this.settings.seed, 0x9b0e));
    return this.probe.fingerprint(g);
  }
}

/** The task from its config (see `RlLossTaskConfig`). */
export function rlLossTask(config: Json = {}): RlLossTask {
  return new RlLossTask(config);
}
