import type { Rng } from '../../core/rng.ts';
import type { SquashedSample } from '../../learn/tensor/sampling.ts';
import { scalar, type Tensor } from '../../learn/tensor/tensor.ts';
import type { TransitionBatch } from './replay-buffer.ts';
import { criticValue, samplePolicy, type CriticName, type SacNetworks } from './sac-networks.ts';

/*
 * What a loss function is computed from: the minibatch, γ and α, and calls into the networks.
 * Network calls are memoised for one update, so a loss that names Q1(s, a) twice, or ã and
 * log π(ã|s) separately, runs the network once and sees one sample: a loss written by hand
 * and the same loss as a graph perform the same ops in the same order and draw the same noise.
 */

/** The inputs of one update's losses, and memoised calls into SAC's networks. */
export class LossTerms {
  /** γ as a float32 scalar. */
  readonly gamma: Tensor;
  /** α as a float32 scalar (no gradient: the temperature has its own loss). */
  readonly alpha: Tensor;
  private readonly policies = new Map<Tensor, SquashedSample>();
  private readonly values = new Map<string, Tensor>();
  private readonly ids = new Map<Tensor, number>();

  constructor(
    readonly networks: SacNetworks,
    readonly batch: TransitionBatch,
    gamma: number,
    alpha: number,
    private readonly rng: Rng,
  ) {
    this.gamma = scalar(gamma);
    this.alpha = scalar(alpha);
  }

  /** ã ~ π(·|state) and log π(ã|state) ([B, 1]); one draw per state tensor per update. */
  policy(state: Tensor): SquashedSample {
    let sample = this.policies.get(state);
    if (sample === undefined) {
      sample = samplePolicy(this.networks, state, this.rng);
      this.policies.set(state, sample);
    }
    return sample;
  }

  /** Q(state, action) of the named critic, [B, 1]; one forward per (critic, state, action). */
  q(name: CriticName, state: Tensor, action: Tensor): Tensor {
    const key = `${name}:${this.idOf(state)}:${this.idOf(action)}`;
    let value = this.values.get(key);
    if (value === undefined) {
      value = criticValue(this.networks, name, state, action);
      this.values.set(key, value);
    }
    return value;
  }

  /** Forgets the critics' values (after the critics were updated); policy samples stay. */
  forgetCriticValues(): void {
    this.values.clear();
  }

  private idOf(t: Tensor): number {
    let id = this.ids.get(t);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(t, id);
    }
    return id;
  }
}

/** A pair of losses, each a scalar tensor built from the terms: what SAC minimises, or a candidate. */
export interface ActorCriticLosses {
  /** Minimised over the critics' (q1, q2) weights. */
  critic(terms: LossTerms): Tensor;
  /** Minimised over the actor's weights. */
  actor(terms: LossTerms): Tensor;
}
