import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import { avalanche, hex64 } from '../../core/hash-mix.ts';
import type { Rng } from '../../core/rng.ts';
import type { Json, Space } from '../../core/types.ts';
import type { Instruction, RegisterProgram } from './instruction.ts';
import { InstructionCacheSlot } from './instruction-cache.ts';
import { AUTOML_ZERO_FIRST_WRITABLE, checkMemoryShape, registerCount, type FirstWritable, type MemoryShape } from './memory.ts';
import { MUTATION_NAMES, mutateProgram, randomProgram, type ComponentRules, type MutationName, type MutationRules } from './mutator.ts';
import { opNamed } from './op-table.ts';
import { programFromJSON, programToJSON, type ProgramSchema } from './program-json.ts';

/** Search settings of one component function. */
export interface ComponentOptions {
  /** Ops its instructions may use (AutoML-Zero names). Empty: the component is never mutated. */
  readonly ops: readonly string[];
  /** Instructions in a new random program. */
  readonly initialSize: number;
  /** Fewest instructions `remove` leaves. Default: `initialSize`. */
  readonly minSize?: number;
  /** Most instructions `insert` makes. Default: `initialSize`. */
  readonly maxSize?: number;
}

/** Options of `registerSpace`. */
export interface RegisterSpaceOptions {
  readonly memory: MemoryShape;
  /** Component functions in execution order, e.g. `{ setup, predict, learn }`. */
  readonly components: { readonly [name: string]: ComponentOptions };
  /** Allowed mutations. Default: alter-param, randomize-instruction, randomize-component. */
  readonly mutations?: readonly MutationName[];
  /** Chance that a child differs from its parent. Default 0.9. */
  readonly mutateProbability?: number;
  /** How new programs start: random instructions (default) or no-ops. */
  readonly initial?: 'random' | 'no-op';
  /** First writable register of each kind. Default AutoML-Zero's: s1, v1, m0. */
  readonly firstWritable?: FirstWritable;
}

/** A space of register-machine programs, with its resolved rules. */
export interface RegisterSpace extends Space<RegisterProgram> {
  readonly memory: MemoryShape;
  readonly firstWritable: FirstWritable;
  readonly rules: MutationRules;
  /** The schema `fromJSON` checks against (also usable for programs outside this space's ops). */
  readonly schema: ProgramSchema;
}

/**
 * A space of linear register-machine programs as in AutoML-Zero: component functions of
 * instructions over scalar, vector and matrix registers, mutated as in the paper. Options
 * are checked at once: every op must exist and fit the memory.
 *
 * @example
 * const space = registerSpace({
 *   memory: { scalars: 4, vectors: 3, matrices: 1, features: 4 },
 *   components: { setup: { ops: DEMO_OPS, initialSize: 10 }, predict: { ops: DEMO_OPS, initialSize: 2 }, learn: { ops: DEMO_OPS, initialSize: 8 } },
 * });
 * const child = space.mutate(space.random(new Rng(1)), new Rng(2));
 */
export function registerSpace(options: RegisterSpaceOptions): RegisterSpace {
  const memory = checkMemoryShape(options.memory, 'registerSpace: memory');
  const firstWritable = options.firstWritable ?? AUTOML_ZERO_FIRST_WRITABLE;
  for (const kind of ['scalar', 'vector', 'matrix'] as const) wholeNumber('registerSpace', `firstWritable.${kind}`, firstWritable[kind], 0, 1024);
  const names = Object.keys(options.components);
  if (names.length === 0) throw new UsageError('registerSpace: components must name at least one component function');
  const components = names.map((name) => componentRules(name, options.components[name]!, memory, firstWritable));
  const mutations = options.mutations ?? ['alter-param', 'randomize-instruction', 'randomize-component'];
  if (mutations.length === 0) throw new UsageError('registerSpace: mutations must list at least one mutation');
  for (const m of mutations) {
    if (!MUTATION_NAMES.includes(m)) throw new UsageError(`registerSpace: unknown mutation '${m}'; known: ${MUTATION_NAMES.join(', ')}`);
  }
  const mutateProbability = options.mutateProbability ?? 0.9;
  if (!(mutateProbability >= 0 && mutateProbability <= 1)) throw new UsageError(`registerSpace: mutateProbability must be in [0, 1], got ${mutateProbability}`);
  const initial = options.initial ?? 'random';
  if (initial !== 'random' && initial !== 'no-op') throw new UsageError(`registerSpace: initial must be 'random' or 'no-op', got '${String(initial)}'`);
  const rules: MutationRules = { components, addressing: { shape: memory, firstWritable }, mutations, mutateProbability };
  const schema: ProgramSchema = {
    memory,
    firstWritable,
    components: components.map((c) => ({ name: c.name, ops: c.ops.map((op) => op.name).concat('NO_OP'), minSize: c.minSize, maxSize: c.maxSize })),
  };
  return {
    memory,
    firstWritable,
    rules,
    schema,
    random: (rng: Rng) => randomProgram(rules, rng, initial),
    mutate: (program: RegisterProgram, rng: Rng) => mutateProgram(program, rules, rng),
    key: programKey,
    toJSON: (program: RegisterProgram): Json => programToJSON(program),
    fromJSON: (json: unknown) => programFromJSON(json, schema),
  };
}

function componentRules(name: string, c: ComponentOptions, memory: MemoryShape, firstWritable: FirstWritable): ComponentRules {
  const where = `registerSpace: component '${name}'`;
  if (c === null || typeof c !== 'object' || !Array.isArray(c.ops)) throw new UsageError(`${where} must be { ops: [...], initialSize }`);
  const ops = c.ops.map((op) => {
    const spec = opNamed(op);
    for (const kind of [spec.in1, spec.in2]) {
      if (kind !== undefined && registerCount(memory, kind) === 0) throw new UsageError(`${where}: op ${spec.name} reads a ${kind} register but the memory has none`);
    }
    if (spec.out !== undefined && registerCount(memory, spec.out) <= firstWritable[spec.out]) {
      throw new UsageError(`${where}: op ${spec.name} writes a ${spec.out} register but none is writable (memory has ${registerCount(memory, spec.out)}, first writable is ${firstWritable[spec.out]})`);
    }
    return spec;
  });
  const initialSize = c.initialSize;
  if (!Number.isInteger(initialSize) || initialSize < 0) throw new UsageError(`${where}: initialSize must be a whole number >= 0, got ${initialSize}`);
  const minSize = c.minSize ?? initialSize;
  const maxSize = c.maxSize ?? initialSize;
  if (!Number.isInteger(minSize) || !Number.isInteger(maxSize) || minSize < 0 || !(minSize <= initialSize && initialSize <= maxSize)) {
    throw new UsageError(`${where}: sizes must satisfy 0 <= minSize <= initialSize <= maxSize, got ${minSize} <= ${initialSize} <= ${maxSize}`);
  }
  if (ops.length === 0 && initialSize > 0) throw new UsageError(`${where}: initialSize is ${initialSize} but no ops are allowed; give ops or use initialSize 0`);
  return { name, ops, initialSize, minSize, maxSize };
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
// Children share most instruction objects with their parent, so each is hashed once.
const instructionHashes = new InstructionCacheSlot<readonly [number, number]>('register.hash');

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x5bd1e995);
  return h ^ (h >>> 15);
}

function instructionHash(ins: Instruction): readonly [number, number] {
  let cached = instructionHashes.get(ins);
  if (cached === undefined) {
    let h1 = mix(0x9e3779b9, opNamed(ins.op).id);
    let h2 = mix(0x85ebca6b, h1);
    h1 = mix(mix(mix(h1, ins.in1), ins.in2), ins.out);
    h2 = mix(mix(mix(h2 ^ 0x27d4eb2f, ins.in1) ^ 0x27d4eb2f, ins.in2) ^ 0x27d4eb2f, ins.out);
    const data = ins.data;
    for (let i = 0; i < data.length; i++) {
      bits[0] = data[i]!;
      h1 = mix(mix(h1, words[0]!), words[1]!);
      h2 = mix(mix(h2 ^ 0x165667b1, words[1]!), words[0]!);
    }
    cached = [h1, h2];
    instructionHashes.set(ins, cached);
  }
  return cached;
}

/**
 * A 64-bit hash (16 hex digits) of every instruction, constants included bit for bit:
 * equal for identical programs, and different otherwise but for a tiny chance.
 */
export function programKey(program: RegisterProgram): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x1b873593;
  for (const name of Object.keys(program)) {
    for (let i = 0; i < name.length; i++) h1 = mix(h1, name.charCodeAt(i));
    const list = program[name]!;
    h1 = mix(h1, list.length);
    h2 = mix(h2, list.length + 0x3c6ef372);
    for (const ins of list) {
      const [a, b] = instructionHash(ins);
      h1 = mix(h1, a);
      h2 = mix(h2, b ^ h1);
    }
  }
  return hex64(avalanche(h1), avalanche(h2));
}
