import { SpaceError, UsageError } from '../../core/errors.ts';
import { probability, wholeNumber } from '../../core/options.ts';
import type { Rng } from '../../core/rng.ts';
import type { Json, Space } from '../../core/types.ts';
import { prune } from './draft.ts';
import { isConst, type Graph, type GraphSignature } from './graph.ts';
import { makeGrammar, type ConstantPolicy, type Grammar } from './grammar.ts';
import { graphKey, shapeKey } from './key.ts';
import { subgraphCrossover } from './crossover.ts';
import { changeOp, insertVertex, perturbConstant, removeVertex, switchEdge, switchOutput, type Mutation } from './mutations.ts';
import { toOpSet, type OpSet } from './op-set.ts';
import type { OpSpec } from './ops.ts';
import { checkNesting, nestingViolation, type ForbiddenNesting } from './nesting.ts';
import { randomGraph } from './random-graph.ts';
import { checkGraph, parseGraph, vertexTypes } from './validate.ts';

const MUTATIONS = { insert: insertVertex, remove: removeVertex, switchEdge, changeOp, perturbConstant, switchOutput } satisfies Record<string, Mutation>;

/** The mutation operators of a graph space, by name. */
export type MutationKind = keyof typeof MUTATIONS;
/** Relative chance of each mutation; 0 turns one off. */
export type MutationWeights = Record<MutationKind, number>;

const DEFAULT_WEIGHTS: MutationWeights = { insert: 1, remove: 1, switchEdge: 1, changeOp: 1, perturbConstant: 1, switchOutput: 0.5 };

/** How to build a graph space. */
export interface GraphSpaceOptions {
  /** Number of inputs (ids 0..inputs-1). */
  readonly inputs: number;
  /** The ops programs may use: an op set, or names (aliases allowed) and custom specs. */
  readonly ops: OpSet | readonly (string | OpSpec)[];
  /** Number of outputs; 1 by default. */
  readonly outputs?: number;
  /** Type of each input; all 'real' by default. */
  readonly inputTypes?: readonly string[];
  /** Type of each output; all 'real' by default. */
  readonly outputTypes?: readonly string[];
  /** Most vertices (ops and constants) a program may have; 32 by default. */
  readonly maxVertices?: number;
  /**
   * Whether programs may hold constants (true by default, drawn from N(0, 1)); or how to draw
   * (`init`) and perturb them (multiply by exp(logSigma·N(0,1)), 0.3 by default; flip the sign
   * with chance `signFlip`, 0.1 by default).
   */
  readonly constants?: boolean | { readonly init?: (rng: Rng) => number; readonly logSigma?: number; readonly signFlip?: number };
  /** Range of op vertices in a fresh random program; [1, min(6, maxVertices)] by default. */
  readonly initialVertices?: readonly [number, number];
  /** Relative chance of each mutation (missing ones keep their defaults). */
  readonly mutationWeights?: Partial<MutationWeights>;
  /** Ops that may not appear anywhere inside others (PySR's nested constraints): `{ sin: ['sin', 'cos'] }`. */
  readonly forbiddenNesting?: ForbiddenNesting;
}

/** A space of typed DAG programs, with the extras its users need beyond `Space`. */
export interface GraphSpace extends Space<Graph> {
  readonly ops: OpSet;
  readonly signature: GraphSignature;
  readonly maxVertices: number;
  /** Whether programs may hold constants. */
  readonly constants: boolean;
  /** The key with constant values ignored: programs that differ only in constants share it. */
  shapeKey(g: Graph): string;
  /** Throws a SpaceError unless `g` is a valid, pruned program of this space. */
  validate(g: Graph): void;
  /** A child of `a` in which one argument or output reads a copied subexpression of `b`. */
  crossover(a: Graph, b: Graph, rng: Rng): Graph;
  /** Applies one named mutation, or returns undefined when it cannot apply to `g`. */
  mutateWith(kind: MutationKind, g: Graph, rng: Rng): Graph | undefined;
}

function countOption(name: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  return wholeNumber('graphSpace', name, value, min);
}

function typeList(name: string, value: readonly string[] | undefined, length: number): string[] {
  if (value === undefined) return new Array<string>(length).fill('real');
  if (!Array.isArray(value) || value.length !== length || !value.every((t) => typeof t === 'string' && t !== '')) {
    throw new UsageError(`graphSpace: ${name} must list ${length} non-empty type names, got ${JSON.stringify(value)}`);
  }
  return [...value];
}

function constantPolicy(option: GraphSpaceOptions['constants']): ConstantPolicy | undefined {
  if (option === false) return undefined;
  const given = option === true || option === undefined ? {} : option;
  const policy = { init: given.init ?? ((rng: Rng) => rng.normal()), logSigma: given.logSigma ?? 0.3, signFlip: given.signFlip ?? 0.1 };
  if (typeof policy.init !== 'function') throw new UsageError('graphSpace: constants.init must be a function (rng) => number');
  if (!(policy.logSigma >= 0 && Number.isFinite(policy.logSigma))) throw new UsageError(`graphSpace: constants.logSigma must be a finite number >= 0, got ${policy.logSigma}`);
  probability('graphSpace', 'constants.signFlip', policy.signFlip);
  return policy;
}

function mutationWeights(given: Partial<MutationWeights> | undefined): MutationWeights {
  const weights = { ...DEFAULT_WEIGHTS };
  for (const [kind, w] of Object.entries(given ?? {})) {
    if (!(kind in DEFAULT_WEIGHTS)) throw new UsageError(`graphSpace: unknown mutation '${kind}'; known: ${Object.keys(DEFAULT_WEIGHTS).join(', ')}`);
    if (typeof w !== 'number' || !(w >= 0) || !Number.isFinite(w)) throw new UsageError(`graphSpace: mutation weight '${kind}' must be a finite number >= 0, got ${String(w)}`);
    weights[kind as MutationKind] = w;
  }
  if (Object.values(weights).every((w) => w === 0)) throw new UsageError('graphSpace: at least one mutation weight must be above 0');
  return weights;
}

/** Tries per proposal at a program that breaks no nesting rule before the parent is kept. */
const NESTING_TRIES = 20;

class TypedGraphSpace implements GraphSpace {
  readonly ops: OpSet;
  readonly signature: GraphSignature;
  readonly constants: boolean;

  constructor(
    private readonly grammar: Grammar,
    private readonly initialVertices: readonly [number, number],
    private readonly weights: MutationWeights,
    private readonly nesting: ForbiddenNesting | undefined,
  ) {
    this.ops = grammar.ops;
    this.signature = grammar.signature;
    this.constants = grammar.constants !== undefined;
  }

  get maxVertices(): number {
    return this.grammar.maxVertices;
  }

  random(rng: Rng): Graph {
    return this.allowed(() => randomGraph(this.grammar, rng, rng.intBetween(this.initialVertices[0], this.initialVertices[1])), () => randomGraph(this.grammar, rng, Math.min(1, this.initialVertices[1])));
  }

  mutate(g: Graph, rng: Rng): Graph {
    return this.allowed(() => this.anyMutation(g, rng), () => g);
  }

  /** A program `make` builds that breaks no nesting rule, trying up to NESTING_TRIES times; else `fallback()`. */
  private allowed(make: () => Graph, fallback: () => Graph): Graph {
    if (this.nesting === undefined) return make();
    for (let i = 0; i < NESTING_TRIES; i++) {
      const g = make();
      if (nestingViolation(g, this.nesting) === undefined) return g;
    }
    return fallback();
  }

  private anyMutation(g: Graph, rng: Rng): Graph {
    const input = { g, types: vertexTypes(g, this.ops, this.signature.inputTypes), grammar: this.grammar, rng };
    const kinds = (Object.keys(MUTATIONS) as MutationKind[]).filter((k) => this.weights[k] > 0);
    while (kinds.length > 0) {
      let r = rng.float() * kinds.reduce((s, k) => s + this.weights[k], 0);
      let i = 0;
      while (i < kinds.length - 1 && (r -= this.weights[kinds[i]!]) >= 0) i++;
      const child = MUTATIONS[kinds[i]!](input);
      if (child !== undefined) return child;
      kinds.splice(i, 1);
    }
    return g; // nothing applies (e.g. a lone input at maxVertices 0 ops): the program stays
  }

  crossover(a: Graph, b: Graph, rng: Rng): Graph {
    return this.allowed(() => subgraphCrossover(a, b, this.grammar, rng), () => a);
  }

  mutateWith(kind: MutationKind, g: Graph, rng: Rng): Graph | undefined {
    return MUTATIONS[kind]({ g, types: vertexTypes(g, this.ops, this.signature.inputTypes), grammar: this.grammar, rng });
  }

  key(g: Graph): string {
    return graphKey(g, this.ops);
  }

  shapeKey(g: Graph): string {
    return shapeKey(g, this.ops);
  }

  toJSON(g: Graph): Json {
    return {
      inputs: g.inputs,
      vertices: g.vertices.map((v): Json => (isConst(v) ? { const: v.const } : { op: v.op, args: [...v.args] })),
      outputs: [...g.outputs],
    };
  }

  /** Validates program data; dead vertices are pruned rather than rejected. */
  fromJSON(json: unknown): Graph {
    const g = prune(parseGraph(json, this.ops));
    checkGraph(g, this.ops, { signature: this.signature, maxVertices: this.grammar.maxVertices, constants: this.constants, pruned: true });
    this.checkNesting(g);
    return g;
  }

  validate(g: Graph): void {
    const parsed = parseGraph(g, this.ops);
    checkGraph(parsed, this.ops, { signature: this.signature, maxVertices: this.grammar.maxVertices, constants: this.constants, pruned: true });
    this.checkNesting(parsed);
  }

  private checkNesting(g: Graph): void {
    const violation = this.nesting === undefined ? undefined : nestingViolation(g, this.nesting);
    if (violation !== undefined) throw new SpaceError(`the program nests ${violation}, which this space forbids`);
  }
}

/**
 * A space of typed DAG programs over an op set. Options are validated at once; a bad one
 * throws a UsageError naming it.
 *
 * @example
 * const space = graphSpace({ inputs: 1, ops: ['add', 'mul', 'sin'], maxVertices: 16 });
 * const g = space.mutate(space.random(new Rng(1)), new Rng(2));
 */
export function graphSpace(options: GraphSpaceOptions): GraphSpace {
  if (typeof options !== 'object' || options === null) throw new UsageError('graphSpace: options must be an object');
  const inputs = countOption('inputs', options.inputs, 0, NaN);
  if (Number.isNaN(inputs)) throw new UsageError('graphSpace: inputs is required (the number of program inputs)');
  const outputs = countOption('outputs', options.outputs, 1, 1);
  const maxVertices = countOption('maxVertices', options.maxVertices, 1, 32);
  const ops = toOpSet(options.ops);
  const signature = { inputTypes: typeList('inputTypes', options.inputTypes, inputs), outputTypes: typeList('outputTypes', options.outputTypes, outputs) };
  const grammar = makeGrammar(ops, signature, maxVertices, constantPolicy(options.constants));
  const initial = options.initialVertices ?? [Math.min(1, maxVertices), Math.min(6, maxVertices)];
  const [low, high] = initial;
  if (!Array.isArray(initial) || initial.length !== 2 || !Number.isInteger(low) || !Number.isInteger(high) || low < 0 || low > high || high > maxVertices) {
    throw new UsageError(`graphSpace: initialVertices must be [min, max] whole numbers with 0 <= min <= max <= maxVertices (${maxVertices}), got ${JSON.stringify(initial)}`);
  }
  const nesting = options.forbiddenNesting === undefined ? undefined : checkNesting(options.forbiddenNesting, ops, 'graphSpace');
  return new TypedGraphSpace(grammar, [low, high], mutationWeights(options.mutationWeights), nesting);
}
