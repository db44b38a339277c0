import { normalizeGraph } from '../../spaces/graph/draft.ts';
import { isConst, type Graph, type Vertex } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { simplify } from '../../spaces/graph/simplify.ts';
import { optimizerOps } from './ops.ts';
import { withoutUnusedSlots } from './program-rule.ts';
import { OPTIMIZER_SIGNATURE } from './program.ts';

/*
 * Simplification of an optimizer program for reading and export. The graph space's
 * `simplify` folds scalar constants (1 − 0.9 → 0.1, 0.9^2 → 0.81), applies the ops' algebra
 * (x + 0, x·1, x − x, max(x, x), −(−x)), merges equal subexpressions and drops dead
 * statements. What it cannot see, because a typed op of the space mixes a scalar and a tensor
 * and its identity sits on the scalar side, is rewritten here: c·x and c + x for the identity
 * c, and interpolate(x, y, 0) = x, interpolate(x, y, 1) = y; and 0·x, a zero tensor, which
 * an addition then drops (Lion's λ·w with λ = 0). Slots the update never reads are passed
 * through first, so their statements die too.
 */

/** For an op of a scalar and a tensor: the scalar's position, its value and which operand the op then equals. */
const SCALAR_SIDE_IDENTITIES: { readonly [op: string]: readonly { readonly at: number; readonly value: number; readonly result: number }[] } = {
  mul_st: [{ at: 0, value: 1, result: 1 }],
  add_st: [{ at: 0, value: 0, result: 1 }],
  sub_ts: [{ at: 1, value: 0, result: 0 }],
  interpolate: [{ at: 2, value: 0, result: 0 }, { at: 2, value: 1, result: 1 }],
};

/** Tensor ops that are zero when the operand at one of these positions is a zero tensor. */
const ZERO_WHEN_ZERO: { readonly [op: string]: readonly number[] } = { mul: [0, 1], mul_st: [1], mul_ts: [0] };
/** Tensor ops that equal one operand when the other is a zero tensor: [zero's position, result]. */
const ZERO_IDENTITIES: { readonly [op: string]: readonly (readonly [number, number])[] } = { add: [[0, 1], [1, 0]], sub: [[1, 0]] };

/** The program with scalar-side identities replaced by the operand they leave (dead vertices dropped). */
function dropScalarSideIdentities(g: Graph): Graph {
  const alias = Array.from({ length: g.inputs + g.vertices.length }, (_, id) => id);
  const zero = new Uint8Array(alias.length);
  const vertices: Vertex[] = [];
  g.vertices.forEach((v, k) => {
    if (isConst(v)) {
      vertices.push(v);
      return;
    }
    const args = v.args.map((a) => alias[a]!);
    const constant = (id: number) => {
      const u = g.vertices[id - g.inputs];
      return u !== undefined && isConst(u) ? u.const : undefined;
    };
    const id = g.inputs + k;
    const rule = SCALAR_SIDE_IDENTITIES[v.op]?.find((r) => constant(args[r.at]!) === r.value);
    const dropped = ZERO_IDENTITIES[v.op]?.find(([at]) => zero[args[at]!] === 1);
    if (rule !== undefined) alias[id] = args[rule.result]!;
    else if (dropped !== undefined) alias[id] = args[dropped[1]]!;
    else if ((v.op === 'mul_st' && constant(args[0]!) === 0) || ZERO_WHEN_ZERO[v.op]?.some((at) => zero[args[at]!] === 1)) zero[id] = 1;
    vertices.push({ op: v.op, args });
  });
  return normalizeGraph(g.inputs, vertices, g.outputs.map((id) => alias[id]!));
}

/**
 * An equivalent program with dead statements removed, constants folded, identities applied
 * and equal subexpressions merged: what `amoeba optimizers show` prints and what export
 * writes. For finite values it updates as the original does (bit for bit: every fold
 * computes what the original's code would); where the original computes Infinity·0 or 0/0,
 * the simplified one may not.
 *
 * @example
 * printProgram(simplifyProgram(program)); // the live program, constants folded
 */
export function simplifyProgram(program: Graph, ops: OpSet = optimizerOps): Graph {
  const options = { inputTypes: OPTIMIZER_SIGNATURE.inputTypes };
  let g = simplify(withoutUnusedSlots(program), ops, options);
  // Each pass may expose a constant to the other (a fold that gives 1, an identity that leaves a foldable operand).
  for (let pass = 0; pass < 4; pass++) {
    const next = simplify(dropScalarSideIdentities(g), ops, options);
    if (next.vertices.length === g.vertices.length) return next;
    g = next;
  }
  return g;
}
