/**
 * Workload (b) on the engine of src/learn/: one SAC update (critics, actor, temperature,
 * Polyak), in the order and with the formulas of workload-sac.ts. The actor's sample is the
 * engine's `squashedGaussian` with the workload's noise passed in.
 */
import { Rng } from '../../src/core/rng.ts';
import type { Mlp } from '../../src/learn/modules/index.ts';
import {
  add, clip, concat, gradients, mean, minimum, mul, neg, noGrad, recycling, reshape, slice, square, squashedGaussian, stopGradient, sub,
  type Tensor,
} from '../../src/learn/tensor/index.ts';
import type { PreparedStep } from './engine.ts';
import { adamOver, constantOf, loadedMlp, parameterOf } from './own-common.ts';
import type { SacWorkload } from './workloads.ts';

interface Sample {
  readonly action: Tensor;
  /** [batch, 1], like the critics' outputs. */
  readonly logProb: Tensor;
}

/** Prepares the SAC update. */
export function prepareSac(w: SacWorkload): PreparedStep {
  const critic1 = loadedMlp(w.critic1, 'relu');
  const critic2 = loadedMlp(w.critic2, 'relu');
  const target1 = loadedMlp(w.target1, 'relu');
  const target2 = loadedMlp(w.target2, 'relu');
  const actor = loadedMlp(w.actor, 'relu');
  const logAlpha = parameterOf(w.logAlpha);
  const criticParams = [...critic1.parameters(), ...critic2.parameters()];
  const targetParams = [...target1.parameters(), ...target2.parameters()];
  const actorParams = actor.parameters();
  const [s, a, r, s2, noise, nextNoise] = [w.observations, w.actions, w.rewards, w.nextObservations, w.noise, w.nextNoise].map(constantOf) as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
  const criticOptimizer = adamOver(criticParams, w.learningRate);
  const actorOptimizer = adamOver(actorParams, w.learningRate);
  const alphaOptimizer = adamOver([logAlpha], w.learningRate);
  // squashedGaussian draws its own noise only when none is given; every call here passes it.
  const unused = new Rng(0);
  const batch = w.batch;

  const sample = (observations: Tensor, xi: Tensor): Sample => {
    const out = actor.forward(observations);
    const mu = slice(out, [0, 0], [batch, 1]);
    const logStd = clip(slice(out, [0, 1], [batch, 1]), w.logStdMin, w.logStdMax);
    const { action, logProb } = squashedGaussian(mu, logStd, unused, xi);
    return { action, logProb: reshape(logProb, [batch, 1]) };
  };
  const q = (critic: Mlp, observations: Tensor, actions: Tensor): Tensor => critic.forward(concat([observations, actions], 1));
  const sa = concat([s, a], 1);

  const update = (out: Float64Array): void => {
    const alpha = Math.exp(logAlpha.data[0]!);
    // 1. critics, towards a target computed without gradients
    const y = noGrad(() => {
      const next = sample(s2, nextNoise);
      const nextQ = minimum(q(target1, s2, next.action), q(target2, s2, next.action));
      return add(r, mul(sub(nextQ, mul(next.logProb, alpha)), w.gamma));
    });
    const criticLoss = add(mean(square(sub(critic1.forward(sa), y))), mean(square(sub(critic2.forward(sa), y))));
    criticOptimizer.step(gradients(criticLoss, criticParams));
    // 2. actor, through the critics just updated
    const current = sample(s, noise);
    const minQ = minimum(q(critic1, s, current.action), q(critic2, s, current.action));
    const actorLoss = mean(sub(mul(current.logProb, alpha), minQ));
    actorOptimizer.step(gradients(actorLoss, actorParams));
    // 3. temperature, with log π from step 2 held constant
    const alphaLoss = neg(mean(mul(logAlpha, add(stopGradient(current.logProb), w.targetEntropy))));
    alphaOptimizer.step(gradients(alphaLoss, [logAlpha]));
    // 4. targets
    for (let i = 0; i < targetParams.length; i++) {
      const target = targetParams[i]!.data, source = criticParams[i]!.data;
      for (let j = 0; j < target.length; j++) target[j] = (1 - w.tau) * target[j]! + w.tau * source[j]!;
    }
    out[0] = criticLoss.item();
    out[1] = actorLoss.item();
    out[2] = alphaLoss.item();
  };

  return { step: (out) => recycling(() => update(out)), dispose: () => undefined };
}
