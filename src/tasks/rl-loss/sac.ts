import { UsageError } from '../../core/errors.ts';
import { numberIn, wholeNumber, show } from '../../core/options.ts';
import type { Rng } from '../../core/rng.ts';
import { gradients } from '../../learn/tensor/autograd.ts';
import { add, mul } from '../../learn/tensor/elementwise.ts';
import { mean } from '../../learn/tensor/reduce.ts';
import { parameter, scalar, type Tensor } from '../../learn/tensor/tensor.ts';
import { adam } from '../../learn/optim/adam.ts';
import { optimizer, type Optimizer } from '../../learn/optim/optimizer.ts';
import { LossTerms, type ActorCriticLosses } from './loss-terms.ts';
import type { TransitionBatch } from './replay-buffer.ts';
import { polyakUpdate, sacNetworks, type SacNetworks } from './sac-networks.ts';

/** SAC's hyperparameters. */
export interface SacConfig {
  /** Hidden widths of the actor and of each critic (default [64, 64]). */
  readonly hidden: readonly number[];
  readonly batchSize: number;
  /** Adam's learning rate for actor, critics and temperature (default 1e-3). */
  readonly learningRate: number;
  readonly gamma: number;
  /** Polyak rate of the target critics (default 0.005). */
  readonly tau: number;
  /** α at the start (default 1). */
  readonly initialAlpha: number;
  /** The entropy α is tuned towards; default −actionSize. */
  readonly targetEntropy?: number;
  readonly bufferSize: number;
  /** Steps of uniform random actions before learning starts (default 100). */
  readonly warmupSteps: number;
  /** If a loss or |Q| exceeds this, training has diverged (default 1e6). */
  readonly divergenceLimit: number;
}

export const DEFAULT_SAC_CONFIG: SacConfig = {
  hidden: [64, 64],
  batchSize: 128,
  learningRate: 1e-3,
  gamma: 0.99,
  tau: 0.005,
  initialAlpha: 1,
  bufferSize: 100_000,
  warmupSteps: 100,
  divergenceLimit: 1e6,
};

const SAC_KEYS = [...Object.keys(DEFAULT_SAC_CONFIG), 'targetEntropy'];

/** The config with defaults filled in, every value checked (a UsageError names a bad one). */
export function sacConfig(given: Partial<SacConfig> = {}): SacConfig {
  const owner = 'sac';
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new UsageError(`sac: the config must be an object, got ${show(given)}`);
  for (const key of Object.keys(given)) if (!SAC_KEYS.includes(key)) throw new UsageError(`sac: unknown option '${key}'; known: ${SAC_KEYS.join(', ')}`);
  const c = { ...DEFAULT_SAC_CONFIG, ...given };
  if (!Array.isArray(c.hidden) || c.hidden.length === 0) throw new UsageError(`sac: hidden must list at least one width, got ${show(c.hidden)}`);
  c.hidden.forEach((w, i) => wholeNumber(owner, `hidden[${i}]`, w, 1, 4096));
  wholeNumber(owner, 'batchSize', c.batchSize, 1);
  numberIn(owner, 'learningRate', c.learningRate, 1e-8, 1);
  numberIn(owner, 'gamma', c.gamma, 0, 1);
  numberIn(owner, 'tau', c.tau, 0, 1);
  numberIn(owner, 'initialAlpha', c.initialAlpha, 1e-8, 1e6);
  if (c.targetEntropy !== undefined) numberIn(owner, 'targetEntropy', c.targetEntropy, -1e6, 1e6);
  wholeNumber(owner, 'bufferSize', c.bufferSize, 1);
  wholeNumber(owner, 'warmupSteps', c.warmupSteps, 0);
  numberIn(owner, 'divergenceLimit', c.divergenceLimit, 1, Infinity);
  return c;
}

/** Training stopped because a loss or a value left the finite, bounded range. */
export class TrainingDiverged extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDiverged';
  }
}

/** The losses of one update, for logging. */
export interface UpdateLosses {
  readonly critic: number;
  readonly actor: number;
  readonly alpha: number;
}

/**
 * A SAC learner: networks, their Adam optimizers and the learned temperature log α. `update`
 * does one gradient step of each on a minibatch with the given losses; the temperature's own
 * loss, −log α·mean(log π(ã|s) + H̄), is SAC's whatever the losses are.
 */
export class SacAgent {
  readonly networks: SacNetworks;
  readonly logAlpha: Tensor;
  private readonly criticOptimizer: Optimizer;
  private readonly actorOptimizer: Optimizer;
  private readonly alphaOptimizer: Optimizer;
  private readonly criticParameters: Tensor[];
  private readonly targetEntropy: number;

  constructor(observationSize: number, actionSize: number, readonly config: SacConfig, rng: Rng) {
    this.networks = sacNetworks(observationSize, actionSize, config.hidden, rng);
    this.logAlpha = parameter(scalar(Math.log(config.initialAlpha)));
    this.criticParameters = [...this.networks.critics.q1.parameters(), ...this.networks.critics.q2.parameters()];
    this.criticOptimizer = optimizer(this.criticParameters, adam(), config.learningRate);
    this.actorOptimizer = optimizer(this.networks.actor.parameters(), adam(), config.learningRate);
    this.alphaOptimizer = optimizer([this.logAlpha], adam(), config.learningRate);
    this.targetEntropy = config.targetEntropy ?? -actionSize;
  }

  get alpha(): number {
    return Math.exp(this.logAlpha.data[0]!);
  }

  /** One update of the critics, then the actor, then α, then the targets. Throws TrainingDiverged. */
  update(batch: TransitionBatch, losses: ActorCriticLosses, rng: Rng): UpdateLosses {
    const terms = new LossTerms(this.networks, batch, this.config.gamma, this.alpha, rng);
    const current = terms.policy(batch.state); // drawn first: α's loss and the actor share this sample
    const critic = this.step('critic', losses.critic(terms), this.criticOptimizer);
    terms.forgetCriticValues();
    const actor = this.step('actor', losses.actor(terms), this.actorOptimizer);
    const entropyGap = mean(add(current.logProb, this.targetEntropy)).item();
    const alpha = this.step('temperature', mul(this.logAlpha, -entropyGap), this.alphaOptimizer);
    polyakUpdate(this.networks, this.config.tau);
    return { critic, actor, alpha };
  }

  private step(which: string, loss: Tensor, opt: Optimizer): number {
    if (loss.size !== 1) throw new TrainingDiverged(`the ${which} loss is not a scalar (shape [${loss.shape.join(', ')}])`);
    const value = loss.item();
    if (!Number.isFinite(value)) throw new TrainingDiverged(`the ${which} loss is ${value}`);
    if (Math.abs(value) > this.config.divergenceLimit) throw new TrainingDiverged(`the ${which} loss reached ${value.toPrecision(3)}, beyond ${this.config.divergenceLimit}`);
    const grads = gradients(loss, opt.parameters);
    for (const g of grads) {
      for (let i = 0; i < g.data.length; i++) if (!Number.isFinite(g.data[i]!)) throw new TrainingDiverged(`the ${which} loss has a non-finite gradient`);
    }
    opt.step(grads);
    return value;
  }
}
