import type { Emitter } from './emitter.ts';
import { Emitter as EmitterClass, type EmitterOptions } from './emitter.ts';
import type { Instruction } from './instruction.ts';
import { resolveComponent, type ResolvedComponent } from './interpreter.ts';
import type { Memory, MemoryShape } from './memory.ts';
import { fractionToIndex, type OpRandom, type OpSpec } from './op-spec.ts';
import { checkInstruction } from './validate.ts';

/**
 * Emits the live instructions of a component as straight-line JS (no dispatch per
 * instruction), appending the run-time value of every constant it references to
 * `constants` in reference order. Index data become literals in the code.
 */
export function emitComponent(e: Emitter, component: ResolvedComponent, constants: number[], live?: readonly boolean[]): string {
  let code = '';
  const { instructions, specs } = component;
  for (let k = 0; k < instructions.length; k++) {
    if (live !== undefined && !live[k]) continue;
    const spec = specs[k]!;
    const ins = instructions[k]!;
    // Addresses and indices become code, so they are checked before they are written.
    checkInstruction(`instruction ${k} (${spec.name})`, spec, ins, e.shape);
    const args: string[] = [];
    for (let d = 0; d < spec.data.length; d++) {
      if (spec.data[d] === 'index') {
        args.push(String(fractionToIndex(ins.data[d]!, e.features)));
      } else {
        args.push(e.constant());
        constants.push(ins.data[d]!);
      }
    }
    code += spec.emit(e, ins, args);
  }
  return code;
}

/**
 * Appends the constants `emitComponent` would reference, in the same order, without
 * emitting: compiled code is shared between programs that differ only in constants.
 */
export function collectConstants(component: ResolvedComponent, constants: number[], live?: readonly boolean[]): void {
  const { instructions, specs } = component;
  for (let k = 0; k < instructions.length; k++) {
    if (live !== undefined && !live[k]) continue;
    const spec = specs[k]!;
    for (let d = 0; d < spec.data.length; d++) if (spec.data[d] === 'value') constants.push(instructions[k]!.data[d]!);
  }
}

/**
 * A string equal for two components exactly when `emitComponent` writes the same code for
 * them: ops, the addresses they use and resolved indices, but not constant values.
 */
export function componentSignature(component: ResolvedComponent, features: number, live?: readonly boolean[]): string {
  let key = '';
  const { instructions, specs } = component;
  for (let k = 0; k < instructions.length; k++) {
    if (live !== undefined && !live[k]) continue;
    key += instructionSignature(specs[k]!, instructions[k]!, features);
  }
  return key;
}

/** The part of one instruction that shapes its code: op, used addresses, resolved indices. */
export function instructionSignature(spec: OpSpec, ins: Instruction, features: number): string {
  let key = String(spec.id);
  if (spec.in1 !== undefined) key += `,${ins.in1}`;
  if (spec.in2 !== undefined) key += `,${ins.in2}`;
  if (spec.out !== undefined) key += `,${ins.out}`;
  for (let d = 0; d < spec.data.length; d++) if (spec.data[d] === 'index') key += `,${fractionToIndex(ins.data[d]!, features)}`;
  return `${key};`;
}

/** The parameter list every compiled register function takes, in this order. */
export const COMPILED_PARAMETERS = ['s', 'v', 'm', 't', 'c', 'rng'] as const;

/** A compiled component function: runs on a memory with the given random source. */
export type CompiledComponent = (memory: Memory, rng: OpRandom) => void;

/**
 * Compiles one component function to a JS function over the memory's Float64Arrays; its
 * effect equals `interpret` exactly. For whole training loops, tasks emit their own template
 * around `emitComponent` instead, so the loop itself is compiled too.
 */
export function compileComponent(instructions: readonly Instruction[], shape: MemoryShape, options: EmitterOptions = {}): CompiledComponent {
  const e = new EmitterClass(shape, options);
  const constants: number[] = [];
  const body = emitComponent(e, resolveComponent(instructions), constants);
  const source = `'use strict';\n${e.prologue()}${body}${e.epilogue()}`;
  const fn = new Function(...COMPILED_PARAMETERS, source) as (s: Float64Array, v: Float64Array, m: Float64Array, t: Float64Array, c: Float64Array, rng: OpRandom) => void;
  const values = Float64Array.from(constants);
  return (memory, rng) => fn(memory.s, memory.v, memory.m, memory.scratch, values, rng);
}
