/**
 * Workload (b): one soft actor-critic update on Pendulum dimensions (observation 3, action 1),
 * batch 256, every MLP with two hidden ReLU layers of width H (64 or 256).
 *
 *   critics Q_i(s, a) = MLP_i([s, a]) (4 → H → H → 1), i = 1, 2; targets Q̄_i start as copies;
 *   actor: [μ, ρ] = MLP_π(s) (3 → H → H → 2, column 0 is μ, column 1 is ρ),
 *     log σ = clip(ρ, −20, 2), u = μ + σ·ξ (ξ ~ N(0, 1) given in the data), a = tanh(u),
 *     log π = −ξ²/2 − log σ − log(2π)/2 − 2·(log 2 − u − softplus(−2u));
 *   α = exp(log α), log α a learned scalar (init 0), target entropy H̄ = −1.
 *
 * One update, in this order, each optimizer its own Adam (lr 3e-4):
 *   1. critics: (a', log π') = actor(s', ξ'); y = r + γ·(min_i Q̄_i(s', a') − α·log π'), with no
 *      gradient through y (γ = 0.99; Pendulum never terminates, so there is no done mask);
 *      L_Q = mean((Q_1(s, a) − y)²) + mean((Q_2(s, a) − y)²); one Adam step over both critics;
 *   2. actor, with the critics just updated: (ã, log π) = actor(s, ξ);
 *      L_π = mean(α·log π − min_i Q_i(s, ã)); gradient for the actor's parameters only; Adam step;
 *   3. temperature: L_α = −mean(log α · (log π + H̄)), log π from step 2 held constant; Adam step;
 *   4. targets: θ̄ ← (1 − τ)·θ̄ + τ·θ for both critics, τ = 0.005.
 * Outputs: L_Q, L_π, L_α. The same batch is used at every step.
 *
 * Draws: critic 1, critic 2, actor (layer by layer, Glorot-uniform, zero biases), then per row
 * θ ~ U(−π, π), θ̇ ~ U(−8, 8), a ~ U(−1, 1), then ξ [256, 1], then ξ' [256, 1]. Observations are
 * (cos θ, sin θ, θ̇); the torque is 2a; Gymnasium's Pendulum gives r and s' (g = 10, m = l = 1,
 * dt = 0.05, θ̇ clipped to ±8).
 */
import type { Rng } from '../../src/core/rng.ts';
import { copyLayers, mlp, mlpForwardFlops, normal, zeros, type HostTensor, type LinearParams } from './host.ts';
import type { WorkloadHeader } from './workloads.ts';

/** The spec and data of workload (b). */
export interface SacWorkload extends WorkloadHeader {
  readonly kind: 'sac';
  readonly hidden: number;
  readonly batch: number;
  readonly observationSize: number;
  readonly actionSize: number;
  readonly gamma: number;
  readonly tau: number;
  readonly learningRate: number;
  readonly targetEntropy: number;
  readonly logStdMin: number;
  readonly logStdMax: number;
  readonly critic1: readonly LinearParams[];
  readonly critic2: readonly LinearParams[];
  readonly target1: readonly LinearParams[];
  readonly target2: readonly LinearParams[];
  readonly actor: readonly LinearParams[];
  /** [1], log α. */
  readonly logAlpha: HostTensor;
  /** [batch, 3]. */
  readonly observations: HostTensor;
  /** [batch, 1], in [−1, 1]. */
  readonly actions: HostTensor;
  /** [batch, 1]. */
  readonly rewards: HostTensor;
  /** [batch, 3]. */
  readonly nextObservations: HostTensor;
  /** [batch, 1], the actor's noise ξ on s (steps 2 and 3). */
  readonly noise: HostTensor;
  /** [batch, 1], the actor's noise ξ' on s' (the TD target). */
  readonly nextNoise: HostTensor;
}

/** One Pendulum transition from angle, angular velocity and normalised action. */
function pendulumStep(theta: number, velocity: number, action: number): { reward: number; next: [number, number, number] } {
  const torque = 2 * action;
  const reward = -(theta * theta + 0.1 * velocity * velocity + 0.001 * torque * torque);
  const dt = 0.05;
  const nextVelocity = Math.min(8, Math.max(-8, velocity + (3 * 10 / 2 * Math.sin(theta) + 3 * torque) * dt));
  const nextTheta = theta + nextVelocity * dt;
  return { reward, next: [Math.cos(nextTheta), Math.sin(nextTheta), nextVelocity] };
}

/** Builds workload (b) with hidden width `hidden`. */
export function sacWorkload(rng: Rng, hidden: number, batch = 256): SacWorkload {
  const criticWidths = [4, hidden, hidden, 1];
  const actorWidths = [3, hidden, hidden, 2];
  const critic1 = mlp(rng, criticWidths);
  const critic2 = mlp(rng, criticWidths);
  const actor = mlp(rng, actorWidths);
  const observations = new Float32Array(batch * 3);
  const nextObservations = new Float32Array(batch * 3);
  const actions = new Float32Array(batch);
  const rewards = new Float32Array(batch);
  for (let i = 0; i < batch; i++) {
    const theta = rng.uniform(-Math.PI, Math.PI);
    const velocity = rng.uniform(-8, 8);
    const action = rng.uniform(-1, 1);
    const { reward, next } = pendulumStep(theta, velocity, action);
    observations.set([Math.cos(theta), Math.sin(theta), velocity], i * 3);
    nextObservations.set(next, i * 3);
    actions[i] = action;
    rewards[i] = reward;
  }
  const actorForward = mlpForwardFlops(actorWidths, batch);
  const criticForward = mlpForwardFlops(criticWidths, batch);
  return {
    kind: 'sac', id: `sac-${hidden}`, letter: 'b', title: `SAC update, MLPs 2×${hidden}, batch ${batch}, Adam`,
    // critic step: actor on s' and both targets without gradients, both critics trained (3×);
    // actor step: actor and both critics on the gradient path (3×)
    flopsPerStep: actorForward + 2 * criticForward + 3 * 2 * criticForward + 3 * actorForward + 3 * 2 * criticForward,
    outputs: ['criticLoss', 'actorLoss', 'alphaLoss'],
    hidden, batch, observationSize: 3, actionSize: 1,
    gamma: 0.99, tau: 0.005, learningRate: 3e-4, targetEntropy: -1, logStdMin: -20, logStdMax: 2,
    critic1, critic2, target1: copyLayers(critic1), target2: copyLayers(critic2), actor, logAlpha: zeros([1]),
    observations: { shape: [batch, 3], values: observations },
    actions: { shape: [batch, 1], values: actions },
    rewards: { shape: [batch, 1], values: rewards },
    nextObservations: { shape: [batch, 3], values: nextObservations },
    noise: normal(rng, [batch, 1]),
    nextNoise: normal(rng, [batch, 1]),
  };
}
