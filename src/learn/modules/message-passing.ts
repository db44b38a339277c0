import { UsageError } from '../../core/errors.ts';
import { flag, wholeNumber } from '../../core/options.ts';
import { add } from '../tensor/elementwise.ts';
import { messageSum } from '../tensor/message-sum.ts';
import { parameter, shapeText, zeros, type Tensor } from '../tensor/tensor.ts';
import { glorotUniform } from '../tensor/init.ts';
import type { ActivationName } from './activation.ts';
import { mlp, type Mlp } from './mlp.ts';
import { checkModuleOptions, moduleParts, type Module, type ModuleOptions } from './module.ts';

/*
 * GIN (Xu et al. 2019) over directed, typed edges, for a batch of graphs stored as one
 * disjoint union: h'ᵥ = MLP((1 + ε)·hᵥ + Σₜ (Σ_{u →ₜ v} hᵤ)·Wₜ). The sum is injective over
 * multisets, which is what lets GIN tell neighbourhoods apart; one weight per edge type keeps
 * the argument positions of an op apart, so a − b and b − a differ. All types are applied at
 * once: the sums are gathered per (target, type), laid side by side as [nodes, types·d] and
 * multiplied by the weights stacked as [types·d, d].
 */

/** Directed edges of a batch of graphs: edge i runs from node sources[i] to targets[i] and has type types[i]. */
export interface TypedEdges {
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  readonly types: Int32Array;
}

/** Options of `messagePassing`. */
export interface MessagePassingOptions extends ModuleOptions {
  /** Width of the node rows in. */
  readonly inputSize: number;
  /** Width of the node rows out (default inputSize). */
  readonly outputSize?: number;
  /** Widths of the update MLP's hidden layers (default [outputSize]). */
  readonly hiddenSizes?: readonly number[];
  /** Number of edge types; each edge's type lies in 0..edgeTypes−1. */
  readonly edgeTypes: number;
  /** The update MLP's hidden activation (default 'relu'). */
  readonly activation?: ActivationName;
  /** The update MLP's output activation (default 'identity'; 'relu' between stacked layers is usual). */
  readonly outputActivation?: ActivationName;
  /** Learn ε (default true); otherwise ε stays 0. */
  readonly learnEpsilon?: boolean;
}

/** A GIN layer over typed edges. */
export interface MessagePassing extends Module {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly edgeTypes: number;
  /** [edgeTypes, inputSize, inputSize]: the map applied to each type's summed messages. */
  readonly edgeWeight: Tensor;
  /** [1]: the weight of a node's own row is 1 + ε; null when ε is fixed at 0. */
  readonly epsilon: Tensor | null;
  /** The update, named `update`. */
  readonly update: Mlp;
  /** h [nodes, inputSize] and the edges → [nodes, outputSize]. */
  forward(h: Tensor, edges: TypedEdges): Tensor;
}

function checkEdges(edges: TypedEdges, nodes: number, edgeTypes: number): void {
  const { sources, targets, types } = edges;
  if (!(sources instanceof Int32Array && targets instanceof Int32Array && types instanceof Int32Array)) {
    throw new UsageError('messagePassing: edge sources, targets and types must be Int32Arrays');
  }
  if (targets.length !== sources.length || types.length !== sources.length) {
    throw new UsageError(`messagePassing: ${sources.length} sources, ${targets.length} targets and ${types.length} types must be as many`);
  }
  for (let i = 0; i < sources.length; i++) {
    if (!(sources[i]! >= 0 && sources[i]! < nodes && targets[i]! >= 0 && targets[i]! < nodes)) {
      throw new UsageError(`messagePassing: edge ${i} (${sources[i]} → ${targets[i]}) names a node outside 0..${nodes - 1}`);
    }
    if (!(types[i]! >= 0 && types[i]! < edgeTypes)) throw new UsageError(`messagePassing: edge ${i} has type ${types[i]}, outside 0..${edgeTypes - 1}`);
  }
}

/** A GIN-style layer: each node's row plus its typed, weighted incoming sums, through an MLP. */
export function messagePassing(options: MessagePassingOptions): MessagePassing {
  const owner = 'messagePassing';
  const dtype = checkModuleOptions(owner, options);
  const inputSize = wholeNumber(owner, 'inputSize', options.inputSize, 1);
  const outputSize = wholeNumber(owner, 'outputSize', options.outputSize ?? inputSize, 1);
  const edgeTypes = wholeNumber(owner, 'edgeTypes', options.edgeTypes, 1);
  if (options.hiddenSizes !== undefined && !Array.isArray(options.hiddenSizes)) throw new UsageError(`${owner}: hiddenSizes must be an array of widths`);
  const hiddenSizes = options.hiddenSizes ?? [outputSize];
  const edgeWeight = parameter(glorotUniform([edgeTypes, inputSize, inputSize], options.rng, dtype));
  const epsilon = flag(owner, 'learnEpsilon', options.learnEpsilon ?? true) ? parameter(zeros([1], dtype)) : null;
  const update = mlp({
    sizes: [inputSize, ...hiddenSizes, outputSize], rng: options.rng, dtype,
    activation: options.activation ?? 'relu', outputActivation: options.outputActivation ?? 'identity',
  });
  const forward = (h: Tensor, edges: TypedEdges): Tensor => {
    if (h.rank !== 2 || h.shape[1] !== inputSize) throw new UsageError(`${owner}: h must be [nodes, ${inputSize}], got ${shapeText(h.shape)}`);
    const nodes = h.shape[0]!;
    checkEdges(edges, nodes, edgeTypes);
    const slots = new Int32Array(edges.targets.length);
    for (let i = 0; i < slots.length; i++) slots[i] = edges.targets[i]! * edgeTypes + edges.types[i]!;
    return update.forward(messageSum(h, epsilon === null ? null : add(epsilon, 1), edgeWeight, { sources: edges.sources, slots }));
  };
  const parts = epsilon === null ? { edgeWeight, update } : { edgeWeight, epsilon, update };
  return { ...moduleParts(parts), inputSize, outputSize, edgeTypes, edgeWeight, epsilon, update, forward };
}
