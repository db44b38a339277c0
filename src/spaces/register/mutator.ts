import type { Rng } from '../../core/rng.ts';
import type { Instruction, RegisterProgram } from './instruction.ts';
import { NO_OP_INSTRUCTION } from './instruction.ts';
import { opNamed } from './op-table.ts';
import type { OpSpec } from './op-spec.ts';
import { alterParam, randomizeInstruction, type Addressing } from './randomize.ts';

/** The mutations of AutoML-Zero (mutator.proto), by name. */
export const MUTATION_NAMES = ['alter-param', 'randomize-instruction', 'randomize-component', 'insert', 'remove', 'trade', 'identity', 'randomize-program'] as const;

/** One mutation: see `mutateProgram`. */
export type MutationName = (typeof MUTATION_NAMES)[number];

/** A component function's search settings, resolved: its ops and size bounds. */
export interface ComponentRules {
  readonly name: string;
  readonly ops: readonly OpSpec[];
  readonly initialSize: number;
  /** Fewest instructions `remove` leaves. */
  readonly minSize: number;
  /** Most instructions `insert` makes (inclusive). */
  readonly maxSize: number;
}

/** Everything mutation needs: the components, the addressing and the allowed mutations. */
export interface MutationRules {
  readonly components: readonly ComponentRules[];
  readonly addressing: Addressing;
  readonly mutations: readonly MutationName[];
  readonly mutateProbability: number;
}

function randomInstruction(rules: ComponentRules, addressing: Addressing, rng: Rng): Instruction {
  return randomizeInstruction(rng.pick(rules.ops), addressing, rng);
}

/** A program whose components hold `initialSize` random instructions each (or no-ops). */
export function randomProgram(rules: MutationRules, rng: Rng, initial: 'random' | 'no-op' = 'random'): RegisterProgram {
  const program: { [name: string]: Instruction[] } = {};
  for (const c of rules.components) {
    program[c.name] = Array.from({ length: c.initialSize }, () => (initial === 'random' && c.ops.length > 0 ? randomInstruction(c, rules.addressing, rng) : NO_OP_INSTRUCTION));
  }
  return program;
}

/**
 * A mutated copy of `program` (AutoML-Zero's Mutator): with probability `mutateProbability`
 * one mutation, drawn uniformly from the allowed ones, applied to a component function drawn
 * uniformly from those that have ops; otherwise an unchanged copy. `insert` and `remove`
 * respect each component's size bounds; `trade` inserts then removes, keeping the size.
 */
export function mutateProgram(program: RegisterProgram, rules: MutationRules, rng: Rng): RegisterProgram {
  const copy: { [name: string]: readonly Instruction[] } = { ...program };
  if (!(rules.mutateProbability >= 1 || rng.float() < rules.mutateProbability)) return copy;
  const mutation = rng.pick(rules.mutations);
  if (mutation === 'identity') return copy;
  const mutable = rules.components.filter((c) => c.ops.length > 0);
  if (mutable.length === 0) return copy;
  if (mutation === 'randomize-program') {
    for (const c of mutable) copy[c.name] = randomizeAll(copy[c.name]!, c, rules.addressing, rng);
    return copy;
  }
  const c = rng.pick(mutable);
  const current = copy[c.name]!;
  const a = rules.addressing;
  switch (mutation) {
    case 'alter-param':
      if (current.length > 0) copy[c.name] = replaceAt(current, rng.int(current.length), (ins) => alterParam(opNamed(ins.op), ins, a, rng));
      break;
    case 'randomize-instruction':
      if (current.length > 0) copy[c.name] = replaceAt(current, rng.int(current.length), () => randomInstruction(c, a, rng));
      break;
    case 'randomize-component':
      copy[c.name] = randomizeAll(current, c, a, rng);
      break;
    case 'insert':
      if (current.length < c.maxSize) copy[c.name] = insertRandom(current, c, a, rng);
      break;
    case 'remove':
      if (current.length > c.minSize) copy[c.name] = removeRandom(current, rng);
      break;
    case 'trade':
      copy[c.name] = removeRandom(insertRandom(current, c, a, rng), rng);
      break;
  }
  return copy;
}

function replaceAt(list: readonly Instruction[], index: number, make: (old: Instruction) => Instruction): Instruction[] {
  const next = list.slice();
  next[index] = make(list[index]!);
  return next;
}

function randomizeAll(list: readonly Instruction[], c: ComponentRules, a: Addressing, rng: Rng): Instruction[] {
  return list.map(() => randomInstruction(c, a, rng));
}

function insertRandom(list: readonly Instruction[], c: ComponentRules, a: Addressing, rng: Rng): Instruction[] {
  const next = list.slice();
  next.splice(rng.int(list.length + 1), 0, randomInstruction(c, a, rng));
  return next;
}

function removeRandom(list: readonly Instruction[], rng: Rng): Instruction[] {
  const next = list.slice();
  next.splice(rng.int(list.length), 1);
  return next;
}
