import type { Instruction } from './instruction.ts';
import type { Memory } from './memory.ts';
import { opNamed } from './op-table.ts';
import type { OpRandom, OpSpec } from './op-spec.ts';

/** A component function resolved to its op specs, so the interpreter looks names up once. */
export interface ResolvedComponent {
  readonly instructions: readonly Instruction[];
  readonly specs: readonly OpSpec[];
}

/** Looks up every instruction's op (unknown names throw a SpaceError). */
export function resolveComponent(instructions: readonly Instruction[]): ResolvedComponent {
  return { instructions, specs: instructions.map((ins) => opNamed(ins.op)) };
}

/**
 * Runs a component function instruction by instruction: the reference semantics that the
 * compiled code must reproduce exactly. Slow (one dispatch per instruction) but obvious.
 */
export function interpret(component: ResolvedComponent, memory: Memory, rng: OpRandom): void {
  const { instructions, specs } = component;
  for (let k = 0; k < instructions.length; k++) specs[k]!.run(memory, instructions[k]!, rng);
}
