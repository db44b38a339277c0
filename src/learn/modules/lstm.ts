import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import { add, mul, sigmoid, tanh } from '../tensor/elementwise.ts';
import { matmul } from '../tensor/matmul.ts';
import { concat, reshape, slice } from '../tensor/shape-ops.ts';
import { parameter, shapeText, zeros, type Tensor } from '../tensor/tensor.ts';
import { glorotUniform, orthogonal } from '../tensor/init.ts';
import { checkModuleOptions, moduleParts, type Module, type ModuleOptions } from './module.ts';

/*
 * The LSTM of Hochreiter and Schmidhuber with a forget gate (Gers et al. 2000). The four
 * gates share one product: z = x·Wx + h·Wh + b, split into input, forget, candidate and output
 * gates in that order (PyTorch's order). The forget gate's bias starts at 1 so that early in
 * training the cell keeps its memory (Jozefowicz et al. 2015).
 */

/** Options of `lstmCell` and `lstm`. */
export interface LstmOptions extends ModuleOptions {
  /** Width of each input row. */
  readonly inputSize: number;
  /** Width of the hidden and cell states. */
  readonly hiddenSize: number;
}

/** The hidden and cell states, each [batch, hiddenSize]. */
export interface LstmState {
  readonly h: Tensor;
  readonly c: Tensor;
}

/** One LSTM step. */
export interface LstmCell extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** [inputSize, 4·hiddenSize]: the input's share of the gates (Glorot uniform). */
  readonly inputWeight: Tensor;
  /** [hiddenSize, 4·hiddenSize]: the hidden state's share (orthogonal). */
  readonly recurrentWeight: Tensor;
  /** [4·hiddenSize]: zero but for the forget gate's 1. */
  readonly bias: Tensor;
  /** Zero states for a batch. */
  initialState(batch: number): LstmState;
  /** x [batch, inputSize] and the state before → the state after. */
  forward(x: Tensor, state: LstmState): LstmState;
  /** As `forward`, from x·inputWeight already computed ([batch, 4·hiddenSize]). */
  step(projectedInput: Tensor, state: LstmState): LstmState;
}

/** An LSTM over a whole sequence. */
export interface Lstm extends Module {
  readonly cell: LstmCell;
  /** x [batch, time, inputSize] → every step's hidden state [batch, time, hiddenSize] and the final state. */
  forward(x: Tensor, initial?: LstmState): { outputs: Tensor; state: LstmState };
}

/** One LSTM step with parameters inputWeight, recurrentWeight and bias. */
export function lstmCell(options: LstmOptions): LstmCell {
  const dtype = checkModuleOptions('lstmCell', options);
  const inputSize = wholeNumber('lstmCell', 'inputSize', options.inputSize, 1);
  const hiddenSize = wholeNumber('lstmCell', 'hiddenSize', options.hiddenSize, 1);
  const inputWeight = parameter(glorotUniform([inputSize, 4 * hiddenSize], options.rng, dtype));
  // Orthogonal per gate, so each gate's recurrent map keeps norms.
  const recurrentWeight = parameter(concat([0, 1, 2, 3].map(() => orthogonal([hiddenSize, hiddenSize], options.rng, dtype)), 1));
  const bias = parameter(zeros([4 * hiddenSize], dtype));
  bias.data.fill(1, hiddenSize, 2 * hiddenSize);
  const gate = (z: Tensor, which: number): Tensor => slice(z, [0, which * hiddenSize], [-1, hiddenSize]);
  const step = (projectedInput: Tensor, state: LstmState): LstmState => {
    const z = add(add(projectedInput, matmul(state.h, recurrentWeight)), bias);
    const c = add(mul(sigmoid(gate(z, 1)), state.c), mul(sigmoid(gate(z, 0)), tanh(gate(z, 2))));
    return { h: mul(sigmoid(gate(z, 3)), tanh(c)), c };
  };
  const forward = (x: Tensor, state: LstmState): LstmState => {
    if (x.rank !== 2 || x.shape[1] !== inputSize) throw new UsageError(`lstmCell: x must be [batch, ${inputSize}], got ${shapeText(x.shape)}`);
    return step(matmul(x, inputWeight), state);
  };
  const initialState = (batch: number): LstmState => ({ h: zeros([batch, hiddenSize], dtype), c: zeros([batch, hiddenSize], dtype) });
  return { ...moduleParts({ inputWeight, recurrentWeight, bias }), inputSize, hiddenSize, inputWeight, recurrentWeight, bias, initialState, forward, step };
}

/** An LSTM over sequences [batch, time, features], its cell named `cell`. */
export function lstm(options: LstmOptions): Lstm {
  const cell = lstmCell(options);
  const { inputSize, hiddenSize } = cell;
  const forward = (x: Tensor, initial?: LstmState): { outputs: Tensor; state: LstmState } => {
    if (x.rank !== 3 || x.shape[2] !== inputSize || x.shape[1] === 0) throw new UsageError(`lstm: x must be [batch, time ≥ 1, ${inputSize}], got ${shapeText(x.shape)}`);
    const [batch, time] = [x.shape[0]!, x.shape[1]!];
    // One product projects every step's input; only the recurrent part runs step by step.
    const projected = matmul(x, cell.inputWeight);
    let state = initial ?? cell.initialState(batch);
    const outputs: Tensor[] = [];
    for (let t = 0; t < time; t++) {
      state = cell.step(reshape(slice(projected, [0, t, 0], [-1, 1, -1]), [batch, 4 * hiddenSize]), state);
      outputs.push(reshape(state.h, [batch, 1, hiddenSize]));
    }
    return { outputs: concat(outputs, 1), state };
  };
  return { ...moduleParts({ cell }), cell, forward };
}
