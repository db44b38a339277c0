import type { Rng } from '../../core/rng.ts';
import { linear, lstmCell, mlp, type Linear, type LstmCell, type Module } from '../../learn/modules/index.ts';
import type { Policy } from './episode.ts';

/*
 * The neural baselines' policies: an MLP and an LSTM from the learn/ engine whose weights an
 * evolution strategy sets through one flat vector. The MLP runs through its batch-1 predictor;
 * the LSTM through a batch-1 step written here over the cell's own weight arrays (the tensor
 * path allocates a dozen tensors a step), checked against `lstmCell.forward` in the tests.
 */

/** A policy whose weights are one flat vector (what evolution strategies search). */
export interface NetworkPolicy extends Policy {
  readonly kind: 'mlp' | 'lstm';
  /** How many weights `setWeights` takes. */
  readonly size: number;
  /** Copies `weights` into the network's parameters, in `parameters()` order. */
  setWeights(weights: ArrayLike<number>): void;
  /** The current weights as one vector. */
  getWeights(): Float64Array;
}

function flatParameters(module: Module): { size: number; set(w: ArrayLike<number>): void; get(): Float64Array } {
  const arrays = module.parameters().map((p) => p.data);
  const size = arrays.reduce((n, a) => n + a.length, 0);
  return {
    size,
    set(w) {
      let k = 0;
      for (const a of arrays) for (let i = 0; i < a.length; i++) a[i] = w[k++]!;
    },
    get() {
      const out = new Float64Array(size);
      let k = 0;
      for (const a of arrays) for (let i = 0; i < a.length; i++) out[k++] = a[i]!;
      return out;
    },
  };
}

/** An MLP policy 4 → hidden… → 1 with tanh units and a tanh output (an action in [−1, 1]). */
export function mlpPolicy(hidden: readonly number[], rng: Rng): NetworkPolicy {
  const net = mlp({ sizes: [4, ...hidden, 1], activation: 'tanh', outputActivation: 'tanh', rng });
  const predict = net.predictor();
  const flat = flatParameters(net);
  return { kind: 'mlp', size: flat.size, setWeights: flat.set, getWeights: flat.get, start() {}, act: (o) => predict(o)[0]! };
}

/** An LSTM policy: one LSTM cell of `hidden` units over the observation, a linear head and tanh. */
export function lstmPolicy(hidden: number, rng: Rng): NetworkPolicy {
  const cell = lstmCell({ inputSize: 4, hiddenSize: hidden, rng });
  const head = linear({ inputSize: hidden, outputSize: 1, rng });
  const flat = flatParameters({ parameters: () => [...cell.parameters(), ...head.parameters()], namedParameters: () => ({}) });
  const step = lstmStepper(cell, head);
  return { kind: 'lstm', size: flat.size, setWeights: flat.set, getWeights: flat.get, start: () => step.reset(), act: (o) => step.act(o) };
}

/** A batch-1 LSTM step over the cell's weight arrays: gates i, f, g, o in PyTorch's order. */
export function lstmStepper(cell: LstmCell, head: Linear): { reset(): void; act(observation: ArrayLike<number>): number; readonly h: Float64Array; readonly c: Float64Array } {
  const n = cell.hiddenSize;
  const inputs = cell.inputSize;
  const wx = cell.inputWeight.data;
  const wh = cell.recurrentWeight.data;
  const b = cell.bias.data;
  const wo = head.weight.data;
  const bo = head.bias?.data;
  const h = new Float64Array(n);
  const c = new Float64Array(n);
  const z = new Float64Array(4 * n);
  const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
  return {
    h,
    c,
    reset() {
      h.fill(0);
      c.fill(0);
    },
    act(x) {
      for (let j = 0; j < 4 * n; j++) {
        let s = b[j]!;
        for (let i = 0; i < inputs; i++) s += x[i]! * wx[i * 4 * n + j]!;
        for (let i = 0; i < n; i++) s += h[i]! * wh[i * 4 * n + j]!;
        z[j] = s;
      }
      let out = bo === undefined ? 0 : bo[0]!;
      for (let j = 0; j < n; j++) {
        c[j] = sigmoid(z[n + j]!) * c[j]! + sigmoid(z[j]!) * Math.tanh(z[2 * n + j]!);
        h[j] = sigmoid(z[3 * n + j]!) * Math.tanh(c[j]!);
        out += h[j]! * wo[j]!;
      }
      return Math.tanh(out);
    },
  };
}
