import { UsageError } from '../../core/errors.ts';
import type { Rng } from '../../core/rng.ts';
import { CONSTANT_TYPE, canonicalConstant, type GraphSignature } from './graph.ts';
import type { OpSet } from './op-set.ts';
import type { OpSpec } from './ops.ts';

/** How a space makes and changes constants. */
export interface ConstantPolicy {
  /** Draws a fresh constant. */
  readonly init: (rng: Rng) => number;
  /** Perturbation multiplies by exp(logSigma · N(0, 1)). */
  readonly logSigma: number;
  /** Probability that a perturbation also flips the sign. */
  readonly signFlip: number;
}

/**
 * What random generation and mutation may build in one space: which ops can be used (all
 * their argument types can be produced), by result type, and how many op vertices it takes
 * at least to produce a value of each type.
 */
export interface Grammar {
  readonly ops: OpSet;
  readonly signature: GraphSignature;
  readonly maxVertices: number;
  readonly constants: ConstantPolicy | undefined;
  /** Usable ops grouped by result type. */
  readonly opsByType: ReadonlyMap<string, readonly OpSpec[]>;
  /** Fewest op vertices needed to make a value of a type (0 for input and constant types). */
  readonly minOps: ReadonlyMap<string, number>;
}

/** The fewest op vertices that produce each type, by fixpoint over the op set. */
function minimumOps(ops: OpSet, terminalTypes: ReadonlySet<string>): Map<string, number> {
  const need = new Map<string, number>([...terminalTypes].map((t) => [t, 0]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const op of ops.specs) {
      let cost = 1;
      for (const t of op.argTypes) cost += need.get(t) ?? Infinity;
      if (cost < (need.get(op.type) ?? Infinity)) {
        need.set(op.type, cost);
        changed = true;
      }
    }
  }
  return need;
}

/**
 * Works out what a space can build and checks that every output type can be produced within
 * maxVertices; throws a UsageError naming the output that cannot.
 */
export function makeGrammar(ops: OpSet, signature: GraphSignature, maxVertices: number, constants: ConstantPolicy | undefined): Grammar {
  const terminals = new Set(signature.inputTypes);
  if (constants !== undefined) terminals.add(CONSTANT_TYPE);
  const minOps = minimumOps(ops, terminals);
  const opsByType = new Map<string, OpSpec[]>();
  for (const op of ops.specs) {
    if (!op.argTypes.every((t) => minOps.has(t))) continue;
    const group = opsByType.get(op.type) ?? [];
    group.push(op);
    opsByType.set(op.type, group);
  }
  let needed = 0;
  for (const [k, type] of signature.outputTypes.entries()) {
    const n = minOps.get(type);
    if (n === undefined) throw new UsageError(`output ${k} has type '${type}', which no input, constant or op of this space can produce`);
    needed += n;
  }
  if (needed > maxVertices) throw new UsageError(`the outputs need at least ${needed} op vertices, more than maxVertices ${maxVertices}`);
  return { ops, signature, maxVertices, constants, opsByType, minOps };
}

/** A fresh constant from the policy, checked finite (a user's init may misbehave). */
export function drawConstant(policy: ConstantPolicy, rng: Rng): number {
  const value = policy.init(rng);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new UsageError(`constants.init must return a finite number, got ${value}`);
  return canonicalConstant(value);
}

/** Ids below `bound` whose type is `type`. */
export function idsOfType(types: readonly string[], type: string, bound: number): number[] {
  const ids: number[] = [];
  for (let id = 0; id < bound; id++) if (types[id] === type) ids.push(id);
  return ids;
}
