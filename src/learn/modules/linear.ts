import { UsageError } from '../../core/errors.ts';
import { flag, wholeNumber } from '../../core/options.ts';
import { dense } from '../tensor/dense.ts';
import { shapeText, type Tensor } from '../tensor/tensor.ts';
import type { Initializer, InitializerName } from '../tensor/init.ts';
import type { ActivationName } from './activation.ts';
import { checkModuleOptions, initialParameter, moduleParts, type Module, type ModuleOptions } from './module.ts';

/** Options of `linear`. */
export interface LinearOptions extends ModuleOptions {
  /** Width of each input row. */
  readonly inputSize: number;
  /** Width of each output row. */
  readonly outputSize: number;
  /** Add a bias (default true). */
  readonly bias?: boolean;
  /** Initialiser of the weight (default 'glorotUniform'); the bias starts at zero. */
  readonly weightInit?: InitializerName | Initializer;
}

/** A dense layer y = x·W + b. */
export interface Linear extends Module {
  readonly inputSize: number;
  readonly outputSize: number;
  /** [inputSize, outputSize]. */
  readonly weight: Tensor;
  /** [outputSize], or null without a bias. */
  readonly bias: Tensor | null;
  /** x [..., inputSize] → [..., outputSize]. */
  forward(x: Tensor): Tensor;
  /** act(x·W + b) as one fused op (see `dense`): what an MLP runs per layer. */
  forwardActivated(x: Tensor, activation: ActivationName): Tensor;
}

/** A dense layer with weight [inputSize, outputSize] and an optional bias. */
export function linear(options: LinearOptions): Linear {
  const dtype = checkModuleOptions('linear', options);
  const inputSize = wholeNumber('linear', 'inputSize', options.inputSize, 1);
  const outputSize = wholeNumber('linear', 'outputSize', options.outputSize, 1);
  const weight = initialParameter('linear', 'weightInit', options.weightInit ?? 'glorotUniform', [inputSize, outputSize], options, dtype);
  const bias = flag('linear', 'bias', options.bias ?? true) ? initialParameter('linear', 'bias', 'zeros', [outputSize], options, dtype) : null;
  const forwardActivated = (x: Tensor, activation: ActivationName): Tensor => {
    if (x.shape[x.rank - 1] !== inputSize) throw new UsageError(`linear: input rows must have width ${inputSize}, got shape ${shapeText(x.shape)}`);
    return dense(x, weight, bias, activation);
  };
  const forward = (x: Tensor): Tensor => forwardActivated(x, 'identity');
  return { ...moduleParts(bias === null ? { weight } : { weight, bias }), inputSize, outputSize, weight, bias, forward, forwardActivated };
}
