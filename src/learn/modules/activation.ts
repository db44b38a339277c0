import { oneOfValues } from '../../core/options.ts';
import { ACTIVATION_NAMES, LEAKY_SLOPE, activationExpression as expressionOf, type ActivationName } from '../tensor/dense.ts';
import { leakyRelu, relu, sigmoid, softplus, tanh } from '../tensor/elementwise.ts';
import type { DType, Tensor } from '../tensor/tensor.ts';

export type { ActivationName };
export { ACTIVATION_NAMES };

/**
 * The activations a layer may apply, as tensor ops; `dense` fuses the same functions into a
 * layer's product (tensor/dense.ts holds the names and their expressions).
 */
const APPLY: Record<ActivationName, (x: Tensor) => Tensor> = {
  identity: (x) => x,
  relu,
  tanh,
  sigmoid,
  softplus,
  leakyRelu: (x) => leakyRelu(x, LEAKY_SLOPE),
};

/** Checks an activation option. */
export function checkActivation(owner: string, option: string, value: unknown): ActivationName {
  return oneOfValues(owner, option, value, ACTIVATION_NAMES);
}

/** Applies the named activation to a tensor. */
export function activate(name: ActivationName, x: Tensor): Tensor {
  return APPLY[name](x);
}

/** The named activation as a JavaScript expression over `x`, as the tensor op computes it for `dtype`. */
export function activationExpression(name: ActivationName, dtype: DType): string {
  return expressionOf(name, dtype);
}
