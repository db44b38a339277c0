/**
 * Helpers shared by the workloads on the engine of src/learn/: parameters and constants from
 * the workloads' host tensors, MLP modules loaded with given weights, and Adam with the bench's
 * constants.
 */
import { Rng } from '../../src/core/rng.ts';
import { mlp, type ActivationName, type Mlp } from '../../src/learn/modules/index.ts';
import { adam, optimizer, type Optimizer } from '../../src/learn/optim/index.ts';
import { parameter, tensor, type Tensor } from '../../src/learn/tensor/index.ts';
import type { HostTensor, LinearParams } from './host.ts';
import { ADAM } from './workloads.ts';

/** A constant tensor holding a copy of the host values. */
export function constantOf(t: HostTensor): Tensor {
  return tensor(t.values, t.shape);
}

/** A trainable parameter holding a copy of the host values. */
export function parameterOf(t: HostTensor): Tensor {
  return parameter(tensor(t.values, t.shape));
}

/**
 * An `mlp` module whose weights and biases are copies of `layers` (widths read from them),
 * with `activation` after every hidden layer and `outputActivation` after the last.
 */
export function loadedMlp(layers: readonly LinearParams[], activation: ActivationName, outputActivation: ActivationName = 'identity'): Mlp {
  const sizes = [layers[0]!.weight.shape[0]!, ...layers.map((l) => l.weight.shape[1]!)];
  // The seed only fills weights that are overwritten at once.
  const net = mlp({ sizes, activation, outputActivation, rng: new Rng(0) });
  net.layers.forEach((layer, i) => {
    layer.weight.data.set(layers[i]!.weight.values);
    layer.bias!.data.set(layers[i]!.bias.values);
  });
  return net;
}

/** Adam over `params` with the bench's β1, β2, ε and a constant learning rate. */
export function adamOver(params: readonly Tensor[], learningRate: number): Optimizer {
  return optimizer(params, adam(ADAM), learningRate);
}
