import type { Rng } from '../../core/rng.ts';
import { normalizeGraph } from './draft.ts';
import { CONSTANT_TYPE, type Graph, type Vertex } from './graph.ts';
import { drawConstant, type Grammar } from './grammar.ts';
import type { OpSpec } from './ops.ts';

/** Chance that a leaf reuses an already built vertex of its type, which makes the tree a DAG. */
const REUSE_CHANCE = 0.1;
/** Chance that a leaf of type 'real' is a new constant rather than an input. */
const CONSTANT_CHANCE = 0.25;

/** Splits `total` into parts of at least `mins[i]`, handing out the rest one unit at a time. */
function splitBudget(total: number, mins: readonly number[], rng: Rng): number[] {
  const parts = mins.slice();
  let extra = total - mins.reduce((s, m) => s + m, 0);
  while (extra-- > 0 && parts.length > 0) parts[rng.int(parts.length)]!++;
  return parts;
}

/**
 * Grows a typed expression DAG top-down, GP-style: every vertex is made for the argument slot
 * that uses it, so all of them reach an output.
 */
class Grower {
  readonly vertices: Vertex[] = [];
  readonly types: string[];
  private pendingOps: number;

  constructor(
    private readonly grammar: Grammar,
    private readonly rng: Rng,
    opTarget: number,
  ) {
    this.types = grammar.signature.inputTypes.slice();
    this.pendingOps = opTarget;
  }

  private append(vertex: Vertex, type: string): number {
    this.vertices.push(vertex);
    this.types.push(type);
    return this.types.length - 1;
  }

  private constantFits(type: string): boolean {
    const { constants, maxVertices } = this.grammar;
    return type === CONSTANT_TYPE && constants !== undefined && this.vertices.length + Math.max(0, this.pendingOps) + 1 <= maxVertices;
  }

  private need(op: OpSpec): number {
    return op.argTypes.reduce((s, t) => s + this.grammar.minOps.get(t)!, 1);
  }

  /** A leaf of `type`: an input, a reused vertex or a new constant; undefined when none fits. */
  private leaf(type: string): number | undefined {
    const { rng } = this;
    const inputs: number[] = [];
    const built: number[] = [];
    for (let id = 0; id < this.types.length; id++) {
      if (this.types[id] === type) (id < this.grammar.signature.inputTypes.length ? inputs : built).push(id);
    }
    if (built.length > 0 && rng.chance(REUSE_CHANCE)) return rng.pick(built);
    if (this.constantFits(type) && (inputs.length === 0 || rng.chance(CONSTANT_CHANCE))) {
      return this.append({ const: drawConstant(this.grammar.constants!, rng) }, type);
    }
    if (inputs.length > 0) return rng.pick(inputs);
    return built.length > 0 ? rng.pick(built) : undefined;
  }

  /** An id of type `type` whose expression uses about `budget` op vertices. */
  grow(type: string, budget: number): number {
    const ops = this.grammar.opsByType.get(type) ?? [];
    if (budget <= 0 || ops.length === 0) {
      const id = this.leaf(type);
      if (id !== undefined) return id;
    }
    let fitting = ops.filter((op) => this.need(op) <= budget);
    if (fitting.length === 0) {
      const least = Math.min(...ops.map((op) => this.need(op)));
      fitting = ops.filter((op) => this.need(op) === least);
      if (fitting.length === 0) throw new Error(`graph space: nothing can produce type '${type}'`);
    }
    const op = this.rng.pick(fitting);
    this.pendingOps--;
    const budgets = splitBudget(budget - 1, op.argTypes.map((t) => this.grammar.minOps.get(t)!), this.rng);
    const args = op.argTypes.map((t, i) => this.grow(t, budgets[i]!));
    return this.append({ op: op.name, args }, op.type);
  }
}

/**
 * A random valid graph with `opTarget` op vertices (plus constants; fewer when the constants
 * would not fit), all reaching an output, within maxVertices.
 */
export function randomGraph(grammar: Grammar, rng: Rng, opTarget: number): Graph {
  const { inputTypes, outputTypes } = grammar.signature;
  // Leaves that must be constants (no input of their type) take room too: when the program
  // overflows, try again a size smaller.
  for (let target = opTarget, attempt = 0; attempt < 50; attempt++, target = Math.max(0, target - 1)) {
    const grower = new Grower(grammar, rng, target);
    const budgets = splitBudget(target, outputTypes.map((t) => grammar.minOps.get(t)!), rng);
    const outputs = outputTypes.map((t, k) => grower.grow(t, budgets[k]!));
    if (grower.vertices.length <= grammar.maxVertices) return normalizeGraph(inputTypes.length, grower.vertices, outputs);
  }
  throw new Error(`graph space: could not build a graph within maxVertices ${grammar.maxVertices}`);
}
