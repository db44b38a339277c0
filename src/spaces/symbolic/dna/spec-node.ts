import type { Rng } from '../../../core/rng.ts';
import type { ChoiceGroup } from './choice-group.ts';
import type { DecisionPoint } from './decision-point.ts';

/**
 * One node of a template's spec tree. Each kind of node (constant, object, array, symbolic
 * class, oneOf, manyOf, number) implements every capability, so shared code never branches
 * on kinds. A node owns the contiguous DNA slots [start, end).
 */
export interface SpecNode {
  readonly start: number;
  readonly end: number;
  /** Distinct assignments of this node's slots; Infinity when a float decision is reachable. */
  readonly cardinality: number;
  /** The value these slots stand for; plain containers are fresh, symbolic instances shared. */
  decode(values: Float64Array): unknown;
  /** Writes the decisions that produce `value` into `values`; returns why it cannot, else undefined. */
  encode(value: unknown, values: Float64Array): string | undefined;
  /** Fills this node's active slots at random; its slots must hold NaN on entry. */
  sample(values: Float64Array, rng: Rng): void;
  /** Steps through every assignment of this node's slots in lexicographic order, in place. */
  enumerate(values: Float64Array): Generator<void, void, undefined>;
}

/** Where a node sits: its key path in the decoded value, its decision id, and what gates it. */
export interface Location {
  /** Key path of the value in the decoded object (`optimizer.lr`). */
  readonly path: string;
  /** Unique id prefix: the path plus `[=c]` for each candidate it lies under (`optimizer[=1].lr`). */
  readonly id: string;
  /** The choice whose value must equal `parentCandidate` for this node to be active. */
  readonly parent: DecisionPoint | undefined;
  readonly parentCandidate: number;
}

/** What a hyper value needs while it builds its node: slots, decisions and child nodes. */
export interface NodeBuilder {
  /** The next free DNA slot. */
  readonly nextSlot: number;
  /** Records a decision at slot `nextSlot` and returns it. */
  addDecision<D extends DecisionPoint>(decision: D): D;
  /** Records a manyOf group. */
  addGroup(group: ChoiceGroup): void;
  /** Builds the node for any value (hyper, symbolic, container or constant) at `at`. */
  node(value: unknown, at: Location): SpecNode;
}

/** A value that builds its own part of a spec (every hyper value does). */
export interface NodeSource {
  /** Builds this value's node at `at`, claiming DNA slots from `builder`. */
  toNode(builder: NodeBuilder, at: Location): SpecNode;
}

/** Sets values[from..to) to NaN: the slots of a branch that is no longer chosen. */
export function clearSlots(values: Float64Array, from: number, to: number): void {
  values.fill(NaN, from, to);
}
