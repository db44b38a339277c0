import type { Rng } from '../../core/rng.ts';
import { clip, tanh } from '../../learn/tensor/elementwise.ts';
import { noGrad } from '../../learn/tensor/autograd.ts';
import { reshape, slice, concat } from '../../learn/tensor/shape-ops.ts';
import { squashedGaussian, type SquashedSample } from '../../learn/tensor/sampling.ts';
import type { Tensor } from '../../learn/tensor/tensor.ts';
import { mlp, type Mlp } from '../../learn/modules/mlp.ts';
import type { Predictor } from '../../learn/modules/predictor.ts';

/** Bounds of the actor's log standard deviation, as in SAC's reference implementations. */
export const LOG_STD_MIN = -5;
export const LOG_STD_MAX = 2;

/** The four critics SAC keeps: two online Q networks and their Polyak-averaged targets. */
export type CriticName = 'q1' | 'q2' | 'q1Target' | 'q2Target';
export const CRITIC_NAMES: readonly CriticName[] = ['q1', 'q2', 'q1Target', 'q2Target'];

/** SAC's networks: a squashed Gaussian actor and twin critics with target copies. */
export interface SacNetworks {
  readonly observationSize: number;
  readonly actionSize: number;
  /** s → [mean, log std] of the pre-squash Gaussian, 2·actionSize wide. */
  readonly actor: Mlp;
  readonly critics: { readonly [name in CriticName]: Mlp };
}

/** Fresh networks: the hidden widths are shared by actor and critics; targets start as copies. */
export function sacNetworks(observationSize: number, actionSize: number, hidden: readonly number[], rng: Rng): SacNetworks {
  const actor = mlp({ sizes: [observationSize, ...hidden, 2 * actionSize], rng });
  const critic = () => mlp({ sizes: [observationSize + actionSize, ...hidden, 1], rng });
  const q1 = critic();
  const q2 = critic();
  const q1Target = critic();
  const q2Target = critic();
  copyInto(q1Target, q1);
  copyInto(q2Target, q2);
  return { observationSize, actionSize, actor, critics: { q1, q2, q1Target, q2Target } };
}

function copyInto(target: Mlp, source: Mlp): void {
  const from = source.parameters();
  target.parameters().forEach((p, i) => p.data.set(from[i]!.data));
}

/** target ← (1 − τ)·target + τ·online, for both critics. */
export function polyakUpdate(networks: SacNetworks, tau: number): void {
  const pairs: [Mlp, Mlp][] = [[networks.critics.q1Target, networks.critics.q1], [networks.critics.q2Target, networks.critics.q2]];
  for (const [target, online] of pairs) {
    const sources = online.parameters();
    target.parameters().forEach((p, i) => {
      const t = p.data;
      const s = sources[i]!.data;
      for (let j = 0; j < t.length; j++) t[j] = (1 - tau) * t[j]! + tau * s[j]!;
    });
  }
}

/** The actor's distribution at a batch of states: mean and clipped log std, [B, actionSize] each. */
function actorHeads(networks: SacNetworks, state: Tensor): { mean: Tensor; logStd: Tensor } {
  const out = networks.actor.forward(state);
  const rows = state.shape[0]!;
  const n = networks.actionSize;
  return { mean: slice(out, [0, 0], [rows, n]), logStd: clip(slice(out, [0, n], [rows, n]), LOG_STD_MIN, LOG_STD_MAX) };
}

/** ã ~ π(·|s) by reparameterisation, with log π(ã|s) as a [B, 1] column. */
export function samplePolicy(networks: SacNetworks, state: Tensor, rng: Rng): SquashedSample {
  const { mean, logStd } = actorHeads(networks, state);
  const sample = squashedGaussian(mean, logStd, rng);
  return { action: sample.action, logProb: reshape(sample.logProb, [state.shape[0]!, 1]) };
}

/** Q(s, a) of one critic: [B, 1]. Target critics record no gradients for their own weights' sake, only through a. */
export function criticValue(networks: SacNetworks, name: CriticName, state: Tensor, action: Tensor): Tensor {
  const net = networks.critics[name];
  const input = concat([state, action], 1);
  if (!action.requiresGrad && (name === 'q1Target' || name === 'q2Target')) return noGrad(() => net.forward(input));
  return net.forward(input);
}

/** The deterministic action tanh(mean) at a batch of states (evaluation). */
export function greedyAction(networks: SacNetworks, state: Tensor): Tensor {
  return noGrad(() => tanh(actorHeads(networks, state).mean));
}

/**
 * A batch-1 acting function over the actor's current weights: the greedy action, or, with
 * `rng`, a draw tanh(mean + std·ε). The returned array is reused by the next call.
 */
export function actingPolicy(networks: SacNetworks): (observation: ArrayLike<number>, rng?: Rng) => Float64Array {
  const predict: Predictor = networks.actor.predictor();
  const n = networks.actionSize;
  const action = new Float64Array(n);
  return (observation, rng) => {
    const out = predict(observation);
    for (let i = 0; i < n; i++) {
      const mean = out[i]!;
      if (rng === undefined) {
        action[i] = Math.tanh(mean);
      } else {
        const logStd = Math.min(LOG_STD_MAX, Math.max(LOG_STD_MIN, out[n + i]!));
        action[i] = Math.tanh(mean + Math.exp(logStd) * rng.normal());
      }
    }
    return action;
  };
}
