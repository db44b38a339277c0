/**
 * The row kernels of rows-wasm-module.ts, instantiated over the kernel memory on first use.
 * Addresses are in bytes, counts in elements; see the module for each kernel's contract.
 */
import { kernelMemory } from './kernel-memory.ts';
import { buildRowsModule, rowsExports } from './rows-wasm-module.ts';

/** The row kernels, callable on byte addresses in the kernel memory. */
export interface RowKernels {
  /** C = C + bias (row-wise), in place. */
  readonly biasIdentity: (c: number, bias: number, rows: number, columns: number) => void;
  /** C = relu(C + bias), in place. */
  readonly biasRelu: (c: number, bias: number, rows: number, columns: number) => void;
  /** gz = y > 0 ? g : 0, and gb += the column sums of gz. */
  readonly reluGradientBias: (y: number, g: number, gz: number, gb: number, rows: number, columns: number) => void;
  /** gb += the column sums of g. */
  readonly columnSums: (g: number, gb: number, rows: number, columns: number) => void;
  /** Row to[e] of y += row from[e] of x, for each e in order. */
  readonly gatherAdd: (x: number, y: number, from: number, to: number, count: number, width: number) => void;
  /** Row to[e] of y += row e of x, for each e in order (`from` is ignored). */
  readonly addRowsAt: (x: number, y: number, from: number, to: number, count: number, width: number) => void;
  /** Row e of y += row from[e] of x, for each e in order (`to` is ignored). */
  readonly addRowsFrom: (x: number, y: number, from: number, to: number, count: number, width: number) => void;
  /** y = a·x. */
  readonly scale: (x: number, y: number, n: number, a: number) => void;
  /** y += a·x. */
  readonly axpy: (x: number, y: number, n: number, a: number) => void;
  /** Σ x·y. */
  readonly dot: (x: number, y: number, n: number) => number;
}

let loaded: RowKernels | undefined;

/** The row kernels, compiled once per process. */
export function rowKernels(): RowKernels {
  if (loaded === undefined) {
    const module = new WebAssembly.Module(buildRowsModule());
    const exports = new WebAssembly.Instance(module, { env: { memory: kernelMemory().memory } }).exports;
    const get = <T>(name: string): T => exports[name] as T;
    loaded = {
      biasIdentity: get(rowsExports.biasIdentity), biasRelu: get(rowsExports.biasRelu),
      reluGradientBias: get(rowsExports.reluGradientBias), columnSums: get(rowsExports.columnSums),
      gatherAdd: get(rowsExports.gatherAdd), addRowsAt: get(rowsExports.addRowsAt), addRowsFrom: get(rowsExports.addRowsFrom), scale: get(rowsExports.scale), axpy: get(rowsExports.axpy), dot: get(rowsExports.dot),
    };
  }
  return loaded;
}
