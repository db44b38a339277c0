import { Rng } from '../../core/rng.ts';
import { episodeReturn, type ContinuousEnv } from './env.ts';
import type { ActorCriticLosses } from './loss-terms.ts';
import { ReplayBuffer } from './replay-buffer.ts';
import { SacAgent, sacConfig, TrainingDiverged, type SacConfig } from './sac.ts';
import { actingPolicy } from './sac-networks.ts';

/** How to train one agent. */
export interface TrainOptions {
  readonly env: ContinuousEnv;
  readonly losses: ActorCriticLosses;
  /** Environment steps, warm-up included; one update per step after the warm-up. */
  readonly steps: number;
  readonly seed: number;
  readonly sac?: Partial<SacConfig>;
  /** Stop with TrainingDiverged('timeout …') past this many milliseconds of wall time. */
  readonly timeLimitMs?: number;
  /** Called after each finished episode with its (stochastic-policy) return. */
  readonly onEpisode?: (episode: number, totalReturn: number, steps: number) => void;
  /** Called once with the fresh agent before training (to evaluate it along the way). */
  readonly onStart?: (agent: SacAgent) => void;
}

/** What training left: the agent, each episode's return during training, and the cost. */
export interface TrainResult {
  readonly agent: SacAgent;
  readonly episodeReturns: readonly number[];
  readonly steps: number;
  readonly updates: number;
  readonly elapsedMs: number;
}

/**
 * Trains a SAC agent with the given losses: uniform random actions for the warm-up, then the
 * stochastic policy, one gradient update per environment step. Every random draw comes from
 * `seed` (networks, start states, exploration noise, minibatches, policy samples), so the same
 * seed and options give the same agent bit for bit. Throws TrainingDiverged when a loss or a
 * gradient is not finite or beyond the limit, or past the time limit.
 */
export function trainSac(options: TrainOptions): TrainResult {
  const { env, losses, steps } = options;
  const config = sacConfig(options.sac);
  const root = new Rng(options.seed);
  const agent = new SacAgent(env.observationSize, env.actionSize, config, root.fork());
  const envRng = root.fork();
  const noiseRng = root.fork();
  const batchRng = root.fork();
  const updateRng = root.fork();
  const buffer = new ReplayBuffer(Math.min(config.bufferSize, steps), env.observationSize, env.actionSize);
  options.onStart?.(agent);
  const act = actingPolicy(agent.networks);
  const started = performance.now();
  const returns: number[] = [];
  let observation = env.reset(envRng);
  let episodeSteps = 0;
  let total = 0;
  let updates = 0;
  const random = new Float64Array(env.actionSize);
  for (let t = 0; t < steps; t++) {
    let action: Float64Array;
    if (t < config.warmupSteps) {
      for (let i = 0; i < random.length; i++) random[i] = noiseRng.uniform(-1, 1);
      action = random;
    } else {
      action = act(observation, noiseRng);
    }
    const result = env.step(action);
    episodeSteps++;
    total += result.reward;
    buffer.add(observation, action, result.reward, result.observation, result.terminated);
    if (result.terminated || episodeSteps >= env.maxSteps) {
      returns.push(total);
      options.onEpisode?.(returns.length, total, t + 1);
      observation = env.reset(envRng);
      episodeSteps = 0;
      total = 0;
    } else {
      observation = result.observation;
    }
    if (t >= config.warmupSteps) {
      agent.update(buffer.sample(config.batchSize, batchRng), losses, updateRng);
      updates++;
      if (options.timeLimitMs !== undefined && (updates & 63) === 0 && performance.now() - started > options.timeLimitMs) {
        throw new TrainingDiverged(`timeout: training ran past ${options.timeLimitMs} ms after ${t + 1} of ${steps} steps`);
      }
    }
  }
  return { agent, episodeReturns: returns, steps, updates, elapsedMs: performance.now() - started };
}

/**
 * The mean return of the agent's greedy policy (tanh of the mean) over `episodes` episodes,
 * their start states drawn from `seed`: the same seed gives every policy the same starts.
 */
export function evaluateGreedy(agent: SacAgent, env: ContinuousEnv, episodes: number, seed: number): number {
  const act = actingPolicy(agent.networks);
  const rng = new Rng(seed);
  let sum = 0;
  for (let e = 0; e < episodes; e++) sum += episodeReturn(env, (o) => act(o), rng);
  return sum / episodes;
}
