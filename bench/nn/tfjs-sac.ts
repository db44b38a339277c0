/**
 * Workload (b) on tfjs: one SAC update (critics, actor, temperature, Polyak), in the order and
 * with the formulas of workload-sac.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { PreparedStep } from './engine.ts';
import { adam, constantOf, denseVars, disposeAll, flatVars, readInto, reluMlp, variableOf, type DenseVars } from './tfjs-common.ts';
import type { SacWorkload } from './workloads.ts';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

interface Sample {
  readonly action: tf.Tensor2D;
  readonly logProb: tf.Tensor2D;
}

/** The tanh-squashed reparameterised sample and its log-density, per workload-sac.ts. */
function sampleAction(w: SacWorkload, actor: readonly DenseVars[], observations: tf.Tensor, noise: tf.Tensor): Sample {
  const out = reluMlp(observations, actor);
  const [mean, rawLogStd] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  const logStd = tf.clipByValue(rawLogStd, w.logStdMin, w.logStdMax);
  const u = tf.add(mean, tf.mul(tf.exp(logStd), noise));
  const squashCorrection = tf.mul(2, tf.sub(tf.sub(Math.log(2), u), tf.softplus(tf.mul(-2, u))));
  const gaussian = tf.sub(tf.sub(tf.mul(-0.5, tf.square(noise)), logStd), HALF_LOG_TWO_PI);
  return { action: tf.tanh(u) as tf.Tensor2D, logProb: tf.sub(gaussian, squashCorrection) as tf.Tensor2D };
}

function q(critic: readonly DenseVars[], observations: tf.Tensor, actions: tf.Tensor): tf.Tensor2D {
  return reluMlp(tf.concat([observations, actions], 1), critic);
}

/** Prepares the SAC update on the active tfjs backend. */
export function prepareSac(w: SacWorkload): PreparedStep {
  const critic1 = denseVars(w.critic1);
  const critic2 = denseVars(w.critic2);
  const target1 = denseVars(w.target1);
  const target2 = denseVars(w.target2);
  const actor = denseVars(w.actor);
  const logAlpha = variableOf(w.logAlpha);
  const criticVars = [...flatVars(critic1), ...flatVars(critic2)];
  const actorVars = flatVars(actor);
  const targetPairs = [...flatVars(target1), ...flatVars(target2)].map((target, i) => [target, criticVars[i]!] as const);
  const data = [w.observations, w.actions, w.rewards, w.nextObservations, w.noise, w.nextNoise].map(constantOf);
  const [s, a, r, s2, noise, nextNoise] = data as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
  const criticOptimizer = adam(w.learningRate);
  const actorOptimizer = adam(w.learningRate);
  const alphaOptimizer = adam(w.learningRate);

  const update = (): tf.Tensor => {
    const alpha = tf.exp(logAlpha);
    const next = sampleAction(w, actor, s2, nextNoise);
    const nextQ = tf.minimum(q(target1, s2, next.action), q(target2, s2, next.action));
    const y = tf.add(r, tf.mul(w.gamma, tf.sub(nextQ, tf.mul(alpha, next.logProb))));
    const criticLoss = criticOptimizer.minimize(() => {
      const e1 = tf.sub(q(critic1, s, a), y);
      const e2 = tf.sub(q(critic2, s, a), y);
      return tf.add(tf.mean(tf.square(e1)), tf.mean(tf.square(e2)));
    }, true, criticVars)!;

    let logProb: tf.Tensor | undefined;
    const actorLoss = actorOptimizer.minimize(() => {
      const sample = sampleAction(w, actor, s, noise);
      // kept past minimize's own scope: the temperature loss reads it as a constant
      logProb = tf.keep(sample.logProb);
      const minQ = tf.minimum(q(critic1, s, sample.action), q(critic2, s, sample.action));
      return tf.mean(tf.sub(tf.mul(alpha, sample.logProb), minQ));
    }, true, actorVars)!;

    const entropyGap = tf.add(logProb!, w.targetEntropy);
    logProb!.dispose();
    const alphaLoss = alphaOptimizer.minimize(() => tf.neg(tf.mean(tf.mul(logAlpha, entropyGap))) as tf.Scalar, true, [logAlpha])!;

    for (const [target, source] of targetPairs) target.assign(tf.add(tf.mul(target, 1 - w.tau), tf.mul(source, w.tau)));
    return tf.stack([criticLoss, actorLoss, alphaLoss]);
  };

  return {
    step: (out) => readInto(tf.tidy(update), out),
    dispose: () => disposeAll([...criticVars, ...actorVars, ...flatVars(target1), ...flatVars(target2), logAlpha, ...data, criticOptimizer, actorOptimizer, alphaOptimizer]),
    liveTensors: () => tf.memory().numTensors,
  };
}
