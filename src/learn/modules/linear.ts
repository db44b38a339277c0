import { UsageError } from '../../core/errors.ts';
import { flag, wholeNumber } from '../../core/options.ts';
import { add } from '../tensor/elementwise.ts';
import { matmul } from '../tensor/matmul.ts';
import { reshape } from '../tensor/shape-ops.ts';
import { shapeText, type Tensor } from '../tensor/tensor.ts';
import type { Initializer, InitializerName } from '../tensor/init.ts';
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
}

/** A dense layer with weight [inputSize, outputSize] and an optional bias. */
export function linear(options: LinearOptions): Linear {
  const dtype = checkModuleOptions('linear', options);
  const inputSize = wholeNumber('linear', 'inputSize', options.inputSize, 1);
  const outputSize = wholeNumber('linear', 'outputSize', options.outputSize, 1);
  const weight = initialParameter('linear', 'weightInit', options.weightInit ?? 'glorotUniform', [inputSize, outputSize], options, dtype);
  const bias = flag('linear', 'bias', options.bias ?? true) ? initialParameter('linear', 'bias', 'zeros', [outputSize], options, dtype) : null;
  const forward = (x: Tensor): Tensor => {
    // matmul needs a matrix: a single row is lifted to [1, inputSize] and back.
    if (x.shape[x.rank - 1] !== inputSize) throw new UsageError(`linear: input rows must have width ${inputSize}, got shape ${shapeText(x.shape)}`);
    if (x.rank === 1) return reshape(forward(reshape(x, [1, x.size])), [outputSize]);
    const y = matmul(x, weight);
    return bias === null ? y : add(y, bias);
  };
  return { ...moduleParts(bias === null ? { weight } : { weight, bias }), inputSize, outputSize, weight, bias, forward };
}
