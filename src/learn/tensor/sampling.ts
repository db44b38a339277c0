import type { Rng } from '../../core/rng.ts';
import { add, exp, mul, softplus, square, sub, tanh } from './elementwise.ts';
import { sum } from './reduce.ts';
import { allocate, sizeOf, Tensor, type DType } from './tensor.ts';

/** A tensor of independent standard normal draws from `rng`. */
export function randomNormal(shape: readonly number[], rng: Rng, dtype: DType = 'float32'): Tensor {
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return new Tensor(data, [...shape]);
}

/** A tensor of independent draws uniform in [min, max). */
export function randomUniform(shape: readonly number[], rng: Rng, min = 0, max = 1, dtype: DType = 'float32'): Tensor {
  const data = allocate(dtype, sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = rng.uniform(min, max);
  return new Tensor(data, [...shape]);
}

/** An action drawn from a tanh-squashed Gaussian, and its log-density. */
export interface SquashedSample {
  /** tanh(mean + exp(logStd)·ε), in (−1, 1); gradients flow to mean and logStd (reparameterisation). */
  readonly action: Tensor;
  /** log π(action), summed over the last axis: one value per row. */
  readonly logProb: Tensor;
}

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const LOG_TWO = Math.log(2);

/**
 * Samples SAC's actor distribution: u = mean + exp(logStd)·ε with ε ~ N(0, 1) from `rng`,
 * action = tanh(u). The log-density includes the change of variables,
 * log(1 − tanh(u)²) = 2·(log 2 − u − softplus(−2u)), written so that it stays finite when
 * the action saturates. Pass `noise` to reuse given ε (tests, deterministic replays).
 */
export function squashedGaussian(mean: Tensor, logStd: Tensor, rng: Rng, noise?: Tensor): SquashedSample {
  const epsilon = noise ?? randomNormal(mean.shape, rng, mean.dtype);
  const u = add(mean, mul(exp(logStd), epsilon));
  const action = tanh(u);
  const gaussian = sub(sub(mul(square(epsilon), -0.5), logStd), HALF_LOG_TWO_PI);
  const squash = mul(sub(sub(LOG_TWO, u), softplus(mul(u, -2))), 2);
  return { action, logProb: sum(sub(gaussian, squash), -1) };
}
