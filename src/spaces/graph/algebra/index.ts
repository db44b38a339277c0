import { isConst, type Graph } from '../graph.ts';
import { opSet, type OpSet } from '../op-set.ts';
import { simplify } from '../simplify.ts';
import { parseGraph } from '../validate.ts';
import { AlgebraBuilder } from './builder.ts';
import { AlgebraLimit } from './expression.ts';
import { expressionsOf } from './from-graph.ts';
import { WRITING_OPS, toGraph } from './to-graph.ts';

/** A program rewritten by `simplifyAlgebra`, and the ops it is written in. */
export interface AlgebraResult {
  readonly program: Graph;
  /** The source's ops plus those the rewrite may use (sub, neg, square, cube, pow and IEEE div). */
  readonly ops: OpSet;
}

/** The source's ops plus the ones a rewritten program may be written with. */
export function algebraOps(ops: OpSet): OpSet {
  return opSet([...ops.specs, ...WRITING_OPS]);
}

/**
 * An algebraically simplified program of real-valued ops: sums and products in canonical
 * form with like terms collected (x + x → 2·x, x·x → x², x/x → 1), constants folded, signs
 * normalised (−(−x) → x, −1·(a − b) → b − a, cos(−x) → cos(x)), and, where it comes out
 * shorter, products of sums multiplied out so that terms cancel. Ops the algebra does not
 * know stay function calls over simplified arguments; quotients are written with IEEE `div`.
 * The rules hold for finite values away from the protected ops' guards; callers that need
 * equality on data check it there (as symbolic regression's tidier does). Returns the program unchanged (in the widened ops)
 * when it cannot be rewritten, such as a tree too large to expand.
 */
export function simplifyAlgebra(g: Graph, ops: OpSet): AlgebraResult {
  const checked = parseGraph(g, ops);
  const out = algebraOps(ops);
  const candidates: Graph[] = [simplify(checked, ops)];
  for (const [expand, monic] of [[false, false], [false, true], [true, false]] as const) {
    try {
      const expressions = expressionsOf(checked, ops, new AlgebraBuilder(expand, monic));
      candidates.push(simplify(toGraph(checked.inputs, expressions), out));
    } catch (error) {
      if (!(error instanceof AlgebraLimit)) throw error;
    }
  }
  const size = treeSize;
  // The first of the smallest: the algebra's unexpanded form is preferred to the expanded one.
  const rewritten = candidates.slice(1);
  const best = rewritten.reduce<Graph | undefined>((b, c) => (b === undefined || size(c) < size(b) ? c : b), undefined);
  return { program: best !== undefined && size(best) <= size(candidates[0]!) ? best : candidates[0]!, ops: out };
}

/** Nodes of the program written out as expression trees (a shared vertex counts each time it is read): its printed size. */
export function treeSize(g: Graph): number {
  const sizes = new Float64Array(g.inputs + g.vertices.length).fill(1);
  g.vertices.forEach((v, k) => {
    if (!isConst(v)) for (const a of v.args) sizes[g.inputs + k]! += sizes[a]!;
  });
  return g.outputs.reduce((total, id) => total + sizes[id]!, 0);
}
