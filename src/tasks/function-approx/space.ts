import { wholeNumber } from '../../core/options.ts';
import type { Space } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { opSet, type OpSet } from '../../spaces/graph/op-set.ts';
import { graphSpace } from '../../spaces/graph/space.ts';
import { SPLICES } from './splices.ts';

/** Options of `approxSpace`. */
export interface ApproxSpaceOptions {
  /** Op names (aliases allowed) the programs may use. */
  readonly ops: readonly string[];
  /** Most vertices (ops and constants) per program (default 24). */
  readonly maxVertices?: number;
  /** Also mutate by splicing in sub-programs (squarings, Horner steps, halving; default true). */
  readonly splices?: boolean;
}

/** The space of function-approximation programs, with its op set. */
export interface ApproxSpace extends Space<Graph> {
  readonly ops: OpSet;
  readonly maxVertices: number;
}

/** Chance that a mutation is a splice (`splices.ts`) rather than a one-vertex graph mutation. */
const SPLICE_CHANCE = 0.2;

/** Default of `ApproxSpaceOptions.maxVertices`. */
export const DEFAULT_APPROX_MAX_VERTICES = 24;

/**
 * Programs of one real input over `ops`, as AutoNumerics-Zero searches them. The task fits
 * every constant, so mutations change structure only (no constant perturbation), and two
 * programs that differ only in their constants share a key: a mutation that merely moves a
 * constant counts as no change. A fifth of the mutations splice in a sub-program instead
 * (`splices.ts`).
 *
 * @example
 * const space = approxSpace({ ops: ['add', 'sub', 'mul', 'div'], maxVertices: 24 });
 */
export function approxSpace(options: ApproxSpaceOptions): ApproxSpace {
  const maxVertices = wholeNumber('approxSpace', 'maxVertices', options.maxVertices ?? DEFAULT_APPROX_MAX_VERTICES, 1);
  const ops = opSet(options.ops);
  const graphs = graphSpace({ inputs: 1, ops, maxVertices, mutationWeights: { perturbConstant: 0 } });
  return {
    ops,
    maxVertices,
    random: (rng) => graphs.random(rng),
    mutate: (g, rng) => {
      const spliced = options.splices !== false && rng.chance(SPLICE_CHANCE) ? rng.pick(SPLICES)(g, rng, maxVertices) : undefined;
      return spliced ?? graphs.mutate(g, rng);
    },
    key: (g) => graphs.shapeKey(g),
    toJSON: (g) => graphs.toJSON(g),
    fromJSON: (json) => graphs.fromJSON(json),
  };
}
