import type { Emitter } from './emitter.ts';
import type { Instruction } from './instruction.ts';
import type { Memory, RegisterKind } from './memory.ts';

/** The random draws an op may make: the core `Rng` provides both. */
export interface OpRandom {
  /** Uniform in [0, 1). */
  float(): number;
  /** Standard normal. */
  normal(): number;
}

/**
 * What an op's data numbers mean. `value` entries are constants (passed to compiled code at
 * run time); `index` entries are fractions in [0, 1) that pick an entry, `floor(F * x)`, and
 * are fixed in the compiled code.
 */
export type DataRole = 'value' | 'index';

/**
 * One op of the instruction set: its operand kinds, its reference semantics (`run`, used by
 * the interpreter) and its JS emitter (`emit`, used by the compiler). Both must agree bit for
 * bit, including the order of floating-point additions.
 */
export interface OpSpec {
  /** AutoML-Zero's enum name, e.g. `'SCALAR_SUM_OP'`. */
  readonly name: string;
  /** AutoML-Zero's enum number (the paper's OPn). */
  readonly id: number;
  readonly in1: RegisterKind | undefined;
  readonly in2: RegisterKind | undefined;
  readonly out: RegisterKind | undefined;
  /** The meaning of each data number, in order; empty for ops without data. */
  readonly data: readonly DataRole[];
  /** How `randomizeInstruction` draws the data and how `alterParam` changes it. */
  readonly dataKind: 'none' | 'constant' | 'vector-entry' | 'matrix-entry' | 'gaussian' | 'uniform';
  /** True when the op draws random numbers (so it must run even if its output is unused). */
  readonly random: boolean;
  /** True when the op writes only part of its output register (so it also reads it). */
  readonly partial: boolean;
  /** One line of documented semantics. */
  readonly doc: string;
  /** Executes the instruction on `memory`. */
  run(memory: Memory, ins: Instruction, rng: OpRandom): void;
  /**
   * JS statements with the same effect. `args[k]` is the k-th data entry as JS: a constant's
   * name for `value` entries, the resolved integer index for `index` entries.
   */
  emit(e: Emitter, ins: Instruction, args: readonly string[]): string;
  /** Readable form in AutoML-Zero's notation, e.g. `s1 = dot(v1, v0)`. */
  format(ins: Instruction, features: number): string;
}

/** Resolves an index fraction in [0, 1) to an entry of a length-`size` axis. */
export function fractionToIndex(fraction: number, size: number): number {
  const index = Math.floor(size * fraction);
  return index < 0 ? 0 : index >= size ? size - 1 : index;
}

/** Shortest readable form of a number in printed programs. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(Number(value.toPrecision(6)));
}
