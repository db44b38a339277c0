import { SpaceError, UsageError } from '../../core/errors.ts';
import { numberIn, probability, wholeNumber } from '../../core/options.ts';
import type { Rng } from '../../core/rng.ts';
import type { Json, Space } from '../../core/types.ts';
import { prune } from '../../spaces/graph/draft.ts';
import { isConst, type Graph, type GraphSignature } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { graphKey } from '../../spaces/graph/key.ts';
import { checkGraph, parseGraph, reachable } from '../../spaces/graph/validate.ts';
import { changeOperand, deleteStatement, insertStatement, type MutationSettings, type StatementMutation } from './mutations.ts';
import { optimizerOps } from './ops.ts';
import { OPTIMIZER_SIGNATURE } from './program.ts';
import { adamwProgram } from './reference-programs.ts';

/** How to build an optimizer program space. */
export interface OptimizerSpaceOptions {
  /** Most statements per program (default 30). */
  readonly maxStatements?: number;
  /** The program `random` starts from (default AdamW). */
  readonly start?: Graph;
  /** Chance that a scalar operand of an inserted statement is a new constant (default 0.25). */
  readonly newConstantChance?: number;
  /** Relative weights of insert, delete and change (default 1 each, as in the paper). */
  readonly weights?: { readonly insert?: number; readonly delete?: number; readonly change?: number };
  /**
   * `random` returns the start program after 1..randomMutations mutations (default 3); with 0
   * it returns the start program itself, so that a search's whole initial population is it.
   */
  readonly randomMutations?: number;
}

/** A space of optimizer programs, with what its users need beyond `Space`. */
export interface OptimizerSpace extends Space<Graph> {
  readonly maxStatements: number;
  /** The function set, as a graph space's (what the guided-evolution graph encoding reads). */
  readonly ops: OpSet;
  readonly signature: GraphSignature;
  /** The program `random` starts from. */
  readonly start: Graph;
  /** Throws a SpaceError unless `g` is a valid program of this space (dead statements allowed). */
  validate(g: Graph): void;
}

const MUTATIONS: readonly [keyof NonNullable<OptimizerSpaceOptions['weights']>, StatementMutation][] = [
  ['insert', insertStatement],
  ['delete', deleteStatement],
  ['change', changeOperand],
];

/** Statements (op vertices, not constants) of a program, dead ones included. */
export function statementCount(g: Graph): number {
  let n = 0;
  for (const v of g.vertices) if (!isConst(v)) n++;
  return n;
}

/** Statements of a program that no output depends on. */
export function deadStatementCount(g: Graph): number {
  const live = reachable(g);
  let n = 0;
  g.vertices.forEach((v, k) => {
    if (!isConst(v) && live[g.inputs + k] === 0) n++;
  });
  return n;
}

class StatementSpace implements OptimizerSpace {
  private readonly weights: readonly number[];
  readonly ops = optimizerOps;
  readonly signature = OPTIMIZER_SIGNATURE;

  constructor(
    readonly maxStatements: number,
    readonly start: Graph,
    private readonly settings: MutationSettings,
    weights: readonly number[],
    private readonly randomMutations: number,
  ) {
    this.weights = weights;
  }

  random(rng: Rng): Graph {
    let g = this.start;
    const n = this.randomMutations === 0 ? 0 : 1 + rng.int(this.randomMutations);
    for (let i = 0; i < n; i++) g = this.mutate(g, rng);
    return g;
  }

  /** One mutation, chosen by weight; one that cannot apply gives way to the others. */
  mutate(g: Graph, rng: Rng): Graph {
    const open = MUTATIONS.map((_, i) => i).filter((i) => this.weights[i]! > 0);
    while (open.length > 0) {
      let r = rng.float() * open.reduce((s, i) => s + this.weights[i]!, 0);
      let k = 0;
      while (k < open.length - 1 && (r -= this.weights[open[k]!]!) >= 0) k++;
      const child = MUTATIONS[open[k]!]![1](g, this.settings, rng);
      if (child !== undefined) return child;
      open.splice(k, 1);
    }
    return g;
  }

  /** The graph space's structural key of the live program: names and dead statements do not count. */
  key(g: Graph): string {
    return graphKey(prune(g), optimizerOps);
  }

  toJSON(g: Graph): Json {
    return { inputs: g.inputs, vertices: g.vertices.map((v): Json => (isConst(v) ? { const: v.const } : { op: v.op, args: [...v.args] })), outputs: [...g.outputs] };
  }

  fromJSON(json: unknown): Graph {
    const g = parseGraph(json, optimizerOps);
    this.validate(g);
    return g;
  }

  validate(g: Graph): void {
    const parsed = parseGraph(g, optimizerOps);
    checkGraph(parsed, optimizerOps, { signature: OPTIMIZER_SIGNATURE, maxVertices: 4 * this.maxStatements, constants: true, pruned: false });
    const statements = statementCount(parsed);
    if (statements > this.maxStatements) throw new SpaceError(`optimizer program: has ${statements} statements, more than the space's maxStatements ${this.maxStatements}`);
  }
}

/**
 * The space of optimizer programs `train(w, g, m, v, lr, step) → (update, m, v)` searched
 * from a start program (AdamW by default), with the paper's three mutations at equal weight.
 *
 * @example
 * const space = optimizerSpace({ maxStatements: 20 });
 * const child = space.mutate(space.start, new Rng(1));
 */
export function optimizerSpace(options: OptimizerSpaceOptions = {}): OptimizerSpace {
  if (typeof options !== 'object' || options === null) throw new UsageError('optimizerSpace: options must be an object');
  const maxStatements = wholeNumber('optimizerSpace', 'maxStatements', options.maxStatements ?? 30, 1, 1000);
  const newConstantChance = probability('optimizerSpace', 'newConstantChance', options.newConstantChance ?? 0.25);
  const randomMutations = wholeNumber('optimizerSpace', 'randomMutations', options.randomMutations ?? 3, 0, 1000);
  const given = options.weights ?? {};
  for (const key of Object.keys(given)) if (!MUTATIONS.some(([name]) => name === key)) throw new UsageError(`optimizerSpace: unknown mutation '${key}'; known: insert, delete, change`);
  const weights = MUTATIONS.map(([name]) => numberIn('optimizerSpace', `weights.${name}`, given[name] ?? 1, 0, 1e9));
  if (weights.every((w) => w === 0)) throw new UsageError('optimizerSpace: at least one mutation weight must be above 0');
  const settings: MutationSettings = { maxStatements, newConstant: (rng) => rng.normal(), newConstantChance };
  const space = new StatementSpace(maxStatements, options.start ?? adamwProgram(), settings, weights, randomMutations);
  try {
    space.validate(space.start);
  } catch (error) {
    throw new UsageError(`optimizerSpace: the start program is not a program of this space: ${(error as Error).message}`);
  }
  return space;
}
