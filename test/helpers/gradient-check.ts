import assert from 'node:assert/strict';
import { Rng } from '../../src/core/rng.ts';
import { gradients, mul, noGrad, parameter, sum, tensor, type Tensor } from '../../src/learn/tensor/index.ts';

/** Options of `assertGradientsMatch`. */
export interface GradientCheckOptions {
  /** Finite-difference step (default 1e-6). */
  readonly step?: number;
  /** Allowed |analytic − numeric| / max(1, |numeric|) (default 1e-5). */
  readonly tolerance?: number;
  readonly seed?: number;
}

/** A float64 tensor of the given shape with values uniform in [min, max). */
export function randomTensor(shape: readonly number[], rng: Rng, min = -2, max = 2): Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  return tensor(Array.from({ length: size }, () => rng.uniform(min, max)), shape, 'float64');
}

/**
 * Checks reverse-mode gradients against central finite differences, in float64: the scalar
 * probed is Σ w ⊙ f(inputs) with fixed random weights w, so every output element counts.
 */
export function assertGradientsMatch(f: (inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradientCheckOptions = {}): void {
  const params = inputs.map((x) => parameter(x));
  assertParameterGradientsMatch(() => f(params), params, options);
}

/**
 * As `assertGradientsMatch`, with respect to tensors that already need gradients (a module's
 * parameters, or inputs made with `parameter`): `f` reads them, and they are perturbed in place
 * (and restored) for the finite differences.
 */
export function assertParameterGradientsMatch(f: () => Tensor, params: readonly Tensor[], options: GradientCheckOptions = {}): void {
  const step = options.step ?? 1e-6;
  const tolerance = options.tolerance ?? 1e-5;
  const probeOutput = noGrad(f);
  const rng = new Rng(options.seed ?? 7);
  const weights = randomTensor(probeOutput.shape, rng, -1, 1);
  const probe = (): Tensor => sum(mul(f(), weights));
  const analytic = gradients(probe(), params);
  params.forEach((p, which) => {
    const grad = analytic[which]!;
    assert.deepEqual(grad.shape, p.shape, `gradient ${which} has the input's shape`);
    for (let i = 0; i < p.size; i++) {
      const saved = p.data[i]!;
      p.data[i] = saved + step;
      const up = noGrad(() => probe().item());
      p.data[i] = saved - step;
      const down = noGrad(() => probe().item());
      p.data[i] = saved;
      const numeric = (up - down) / (2 * step);
      const error = Math.abs(grad.data[i]! - numeric) / Math.max(1, Math.abs(numeric));
      assert.ok(error <= tolerance, `input ${which} element ${i}: analytic ${grad.data[i]} vs numeric ${numeric}`);
    }
  });
}
