import { oneOfValues } from '../../core/options.ts';
import { leakyRelu, relu, sigmoid, softplus, tanh } from '../tensor/elementwise.ts';
import { UNARY_OPS } from '../tensor/elementwise-ops.ts';
import type { Tensor } from '../tensor/tensor.ts';

/** The slope of 'leakyRelu' below zero. */
const LEAKY_SLOPE = 0.01;

/**
 * The activations a layer may apply: the tensor op, and the same function as a JavaScript
 * expression over `x` (taken from the elementwise op table, so a compiled predictor computes
 * exactly what the tensor op does).
 */
const ACTIVATIONS = {
  identity: { apply: (x: Tensor) => x, expression: 'x' },
  relu: { apply: relu, expression: UNARY_OPS.relu.forward },
  tanh: { apply: tanh, expression: UNARY_OPS.tanh.forward },
  sigmoid: { apply: sigmoid, expression: UNARY_OPS.sigmoid.forward },
  softplus: { apply: softplus, expression: UNARY_OPS.softplus.forward },
  leakyRelu: { apply: (x: Tensor) => leakyRelu(x, LEAKY_SLOPE), expression: UNARY_OPS.leakyRelu.forward.replaceAll('p0', String(LEAKY_SLOPE)) },
} as const;

/** The name of an activation: identity, relu, tanh, sigmoid, softplus or leakyRelu (slope 0.01). */
export type ActivationName = keyof typeof ACTIVATIONS;

/** Every activation name. */
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

/** Checks an activation option. */
export function checkActivation(owner: string, option: string, value: unknown): ActivationName {
  return oneOfValues(owner, option, value, ACTIVATION_NAMES);
}

/** Applies the named activation to a tensor. */
export function activate(name: ActivationName, x: Tensor): Tensor {
  return ACTIVATIONS[name].apply(x);
}

/** The named activation as a JavaScript expression over `x`. */
export function activationExpression(name: ActivationName): string {
  return ACTIVATIONS[name].expression;
}
