/**
 * The four workloads of bench/nn.ts, specified so that any engine does exactly the same math:
 * each carries its shapes, its initial parameters and its data as plain Float32Arrays drawn
 * from a seeded Rng, and its FLOP count per step. An engine must start from these values (not
 * from its own initialiser), so two engines' first-step outputs agree to float32 rounding.
 *
 * Conventions shared by all four:
 * - a Linear layer computes y = x·W + b with W of shape [in, out]; batches are rows;
 * - FLOPs count 2 per multiply-add of the matrix products only (elementwise ops, softmax,
 *   optimizer updates are not counted); a pass that is differentiated counts 3× its forward
 *   (forward, input gradients, weight gradients: the usual convention), a pass without
 *   gradients 1×;
 * - Adam is the bias-corrected rule m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 *   w ← w − lr·m̂/(√v̂ + ε) with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t), and β1 = 0.9, β2 = 0.999, ε = 1e-8;
 * - a step ends with its outputs (named in `outputs`) read back into JS numbers.
 */
import { UsageError } from '../../src/core/errors.ts';
import { mixSeed, Rng } from '../../src/core/rng.ts';
import { discriminatorWorkload, type DiscriminatorWorkload } from './workload-discriminator.ts';
import { sacWorkload, type SacWorkload } from './workload-sac.ts';
import { mlpForwardFlops, mlp, uniform, type HostTensor, type LinearParams } from './host.ts';

export type { DiscriminatorWorkload } from './workload-discriminator.ts';
export type { SacWorkload } from './workload-sac.ts';

/** The Adam constants every workload's optimizer uses. */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/** What every workload carries besides its kind-specific spec. */
export interface WorkloadHeader {
  /** Registry name, used by `--workload`. */
  readonly id: string;
  /** The issue's letter: a, b, c or d. */
  readonly letter: string;
  /** One line for the table. */
  readonly title: string;
  /** Matrix-product FLOPs of one step, by the convention above. */
  readonly flopsPerStep: number;
  /** Names of the scalars a step reads back, in order. */
  readonly outputs: readonly string[];
}

/**
 * (c) MNIST MLP 784-128-10, ReLU hidden, batch 128, mean softmax cross-entropy over one-hot
 * labels, one Adam step (lr 1e-3) on all four tensors. Outputs: the loss before the update.
 * Draws: layers (W1, W2 Glorot-uniform, zero biases), then images U(0,1) [128, 784], then
 * labels uniform over 0..9. The same batch is used at every step.
 */
export interface MnistWorkload extends WorkloadHeader {
  readonly kind: 'mnist';
  readonly widths: readonly number[];
  readonly batch: number;
  readonly learningRate: number;
  readonly layers: readonly LinearParams[];
  readonly images: HostTensor;
  /** One-hot, [batch, 10]. */
  readonly labels: HostTensor;
}

/**
 * (d) Policy MLP 4 → 32 → 32 → 1, tanh after both hidden layers, linear output, batch 1,
 * forward only, no gradients. Step k feeds observation row k mod 64 from JS (so the input
 * crosses into the engine every step) and reads the action back. Draws: layers, then
 * observations U(−1,1) [64, 4].
 */
export interface PolicyWorkload extends WorkloadHeader {
  readonly kind: 'policy';
  readonly widths: readonly number[];
  readonly layers: readonly LinearParams[];
  readonly observations: HostTensor;
}

/** Any workload; engines switch on `kind`. */
export type Workload = DiscriminatorWorkload | SacWorkload | MnistWorkload | PolicyWorkload;

function mnistWorkload(rng: Rng): MnistWorkload {
  const widths = [784, 128, 10];
  const batch = 128;
  const layers = mlp(rng, widths);
  const images = uniform(rng, [batch, 784], 0, 1);
  const labels = new Float32Array(batch * 10);
  for (let i = 0; i < batch; i++) labels[i * 10 + rng.int(10)] = 1;
  return {
    kind: 'mnist', id: 'mnist', letter: 'c', title: 'MNIST MLP 784-128-10, batch 128, Adam step',
    flopsPerStep: 3 * mlpForwardFlops(widths, batch), outputs: ['loss'],
    widths, batch, learningRate: 1e-3, layers, images, labels: { shape: [batch, 10], values: labels },
  };
}

function policyWorkload(rng: Rng): PolicyWorkload {
  const widths = [4, 32, 32, 1];
  const layers = mlp(rng, widths);
  return {
    kind: 'policy', id: 'policy', letter: 'd', title: 'policy MLP 4-32-32-1 tanh, batch 1, forward',
    flopsPerStep: mlpForwardFlops(widths, 1), outputs: ['action'],
    widths, layers, observations: uniform(rng, [64, 4], -1, 1),
  };
}

/** A registered workload: its id, letter and how to build it from a seed. */
export interface WorkloadFactory {
  readonly id: string;
  readonly letter: string;
  build(rng: Rng): Workload;
}

/** Every workload, in table order. Each draws from its own stream, so selecting some changes none. */
export const WORKLOADS: readonly WorkloadFactory[] = [
  { id: 'discriminator', letter: 'a', build: (rng) => discriminatorWorkload(rng) },
  { id: 'sac-64', letter: 'b', build: (rng) => sacWorkload(rng, 64) },
  { id: 'sac-256', letter: 'b', build: (rng) => sacWorkload(rng, 256) },
  { id: 'mnist', letter: 'c', build: (rng) => mnistWorkload(rng) },
  { id: 'policy', letter: 'd', build: (rng) => policyWorkload(rng) },
];

/** The workloads named by ids or letters (all when `names` is empty), built from `seed`. */
export function buildWorkloads(seed: number, names: readonly string[]): Workload[] {
  const unknown = names.filter((n) => !WORKLOADS.some((w) => w.id === n || w.letter === n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown workload ${unknown.join(', ')}: choose from ${WORKLOADS.map((w) => `${w.id} (${w.letter})`).join(', ')}`);
  }
  return WORKLOADS.map((factory, index) => ({ factory, index }))
    .filter(({ factory }) => names.length === 0 || names.includes(factory.id) || names.includes(factory.letter))
    .map(({ factory, index }) => factory.build(new Rng(mixSeed(seed, index))));
}
