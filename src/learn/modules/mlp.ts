import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import type { Tensor } from '../tensor/tensor.ts';
import type { Initializer, InitializerName } from '../tensor/init.ts';
import { checkActivation, type ActivationName } from './activation.ts';
import { linear, type Linear } from './linear.ts';
import { checkModuleOptions, moduleParts, type Module, type ModuleOptions } from './module.ts';
import { compilePredictor, type Predictor } from './predictor.ts';

/** Options of `mlp`. */
export interface MlpOptions extends ModuleOptions {
  /** Layer widths, input first and output last: [4, 32, 32, 1] is two hidden layers of 32. */
  readonly sizes: readonly number[];
  /** Activation after each hidden layer: one for all, or one per hidden layer (default 'relu'). */
  readonly activation?: ActivationName | readonly ActivationName[];
  /** Activation after the last layer (default 'identity'). */
  readonly outputActivation?: ActivationName;
  /** Initialiser of every weight (default 'glorotUniform'); biases start at zero. */
  readonly weightInit?: InitializerName | Initializer;
}

/** A multilayer perceptron: dense layers with an activation after each. */
export interface Mlp extends Module {
  readonly sizes: readonly number[];
  readonly layers: readonly Linear[];
  /** The activation after each layer, the output's last. */
  readonly activations: readonly ActivationName[];
  /** x [..., sizes[0]] → [..., sizes[last]]. */
  forward(x: Tensor): Tensor;
  /** A batch-1 forward with no tensors, reading the current weights (see `Predictor`). */
  predictor(): Predictor;
}

function checkSizes(value: unknown): number[] {
  if (!Array.isArray(value) || value.length < 2) throw new UsageError('mlp: sizes must list at least the input and output widths, e.g. [4, 32, 1]');
  return value.map((size, i) => wholeNumber('mlp', `sizes[${i}]`, size, 1));
}

function hiddenActivations(value: MlpOptions['activation'], hidden: number): ActivationName[] {
  if (Array.isArray(value)) {
    if (value.length !== hidden) throw new UsageError(`mlp: activation lists ${value.length} names for ${hidden} hidden layers`);
    return value.map((a, i) => checkActivation('mlp', `activation[${i}]`, a));
  }
  const one = checkActivation('mlp', 'activation', value ?? 'relu');
  return Array.from({ length: hidden }, () => one);
}

/** An MLP with the given layer sizes; every layer is a `linear` named `layers.<i>`. */
export function mlp(options: MlpOptions): Mlp {
  const dtype = checkModuleOptions('mlp', options);
  const sizes = checkSizes(options.sizes);
  const activations = [...hiddenActivations(options.activation, sizes.length - 2), checkActivation('mlp', 'outputActivation', options.outputActivation ?? 'identity')];
  const layers = sizes.slice(1).map((outputSize, i) =>
    linear({ inputSize: sizes[i]!, outputSize, rng: options.rng, dtype, weightInit: options.weightInit ?? 'glorotUniform' }));
  const forward = (x: Tensor): Tensor => layers.reduce((h, layer, i) => layer.forwardActivated(h, activations[i]!), x);
  const predictor = (): Predictor => compilePredictor(layers.map((layer, i) => ({
    weight: layer.weight.data, bias: layer.bias?.data ?? null, inputs: layer.inputSize, outputs: layer.outputSize, activation: activations[i]!,
  })), dtype);
  return { ...moduleParts({ layers }), sizes, layers, activations, forward, predictor };
}
