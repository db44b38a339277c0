/**
 * One register-machine instruction, as plain data: an op name, up to two input addresses, an
 * output address and up to three numbers of op data (a constant, an index fraction, a mean
 * and a standard deviation, ...). Fields an op does not use are 0 (and `data` is empty).
 */
export interface Instruction {
  /** AutoML-Zero's op name, e.g. `'VECTOR_INNER_PRODUCT_OP'`. */
  readonly op: string;
  readonly in1: number;
  readonly in2: number;
  readonly out: number;
  readonly data: readonly number[];
}

/** A program: one list of instructions per component function, e.g. setup, predict and learn. */
export type RegisterProgram = { readonly [component: string]: readonly Instruction[] };

const NO_DATA: readonly number[] = Object.freeze([]);

/** Builds an instruction, filling unused fields with zeros. */
export function instruction(op: string, fields: { in1?: number; in2?: number; out?: number; data?: readonly number[] } = {}): Instruction {
  return { op, in1: fields.in1 ?? 0, in2: fields.in2 ?? 0, out: fields.out ?? 0, data: fields.data ?? NO_DATA };
}

/** The no-op instruction, shared. */
export const NO_OP_INSTRUCTION: Instruction = Object.freeze(instruction('NO_OP'));
