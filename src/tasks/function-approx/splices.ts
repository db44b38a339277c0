import type { Rng } from '../../core/rng.ts';
import { GraphDraft } from '../../spaces/graph/draft.ts';
import { isConst, type Graph } from '../../spaces/graph/graph.ts';

/*
 * Mutations that splice a whole sub-program into a one-input program, each chosen so the
 * child starts at (or near) its parent's function: the constant fit then moves from the
 * parent's optimum into the room the new ops add, instead of searching from scratch.
 * Plain graph mutations change one vertex at a time, and a single new op rarely pays off
 * before its partners arrive (a Horner step needs a multiply and an add).
 */

/** A splice: the child program, or undefined when it does not fit in `maxVertices`. */
export type Splice = (g: Graph, rng: Rng, maxVertices: number) => Graph | undefined;

/** Uses of the input x by `g`'s vertices redirected to `to`, in a draft. */
function redirectInput(draft: GraphDraft, to: number): void {
  for (let k = 0; k < draft.vertices.length; k++) {
    const v = draft.vertices[k]!;
    if (!isConst(v) && v.args.includes(0) && draft.inputs + k !== to) draft.vertices[k] = { op: v.op, args: v.args.map((a) => (a === 0 ? to : a)) };
  }
  for (let k = 0; k < draft.outputs.length; k++) if (draft.outputs[k] === 0) draft.outputs[k] = to;
}

/** p(x) → p(x·½)²: argument halving and one squaring, exact for f(x) = f(x/2)² targets when p ≈ f. */
export const halveAndSquare: Splice = (g, _rng, maxVertices) => {
  if (g.vertices.length + 4 > maxVertices) return undefined;
  const draft = new GraphDraft(g);
  const half = draft.append({ const: 0.5 });
  const halved = draft.append({ op: 'mul', args: [0, half] });
  redirectInput(draft, halved);
  const out = draft.outputs[0]!;
  draft.outputs[0] = draft.append({ op: 'mul', args: [out, out] });
  return draft.finish();
};

/** p → p·p: one squaring at the output (the fit then aims p at √f). */
export const squareOutput: Splice = (g, _rng, maxVertices) => {
  if (g.vertices.length + 1 > maxVertices) return undefined;
  const draft = new GraphDraft(g);
  const out = draft.outputs[0]!;
  draft.outputs[0] = draft.append({ op: 'mul', args: [out, out] });
  return draft.finish();
};

/**
 * One Horner step at a constant: c → c + 0·v for v the input or an op vertex before the
 * constant's first use, so the child computes its parent's function and the fit can grow the
 * new coefficient (a polynomial's degree, a continued fraction's level).
 */
export const hornerStep: Splice = (g, rng, maxVertices) => {
  if (g.vertices.length + 3 > maxVertices) return undefined;
  const firstUse = new Map<number, number>();
  for (const [k, v] of g.vertices.entries()) {
    if (isConst(v)) continue;
    for (const a of v.args) if (!firstUse.has(a)) firstUse.set(a, g.inputs + k);
  }
  const constants = [...firstUse.keys()].filter((id) => id >= g.inputs && isConst(g.vertices[id - g.inputs]!));
  if (constants.length === 0) return undefined;
  const target = rng.pick(constants);
  const bound = firstUse.get(target)!;
  const sources = [0, ...g.vertices.flatMap((v, k) => (!isConst(v) && g.inputs + k < bound ? [g.inputs + k] : []))];
  const draft = new GraphDraft(g);
  const coefficient = draft.append({ const: 0 });
  const term = draft.append({ op: 'mul', args: [rng.pick(sources), coefficient] });
  const sum = draft.append({ op: 'add', args: [target, term] });
  for (let k = 0; k < draft.vertices.length; k++) {
    const v = draft.vertices[k]!;
    if (!isConst(v) && draft.inputs + k !== sum && v.args.includes(target)) draft.vertices[k] = { op: v.op, args: v.args.map((a) => (a === target ? sum : a)) };
  }
  return draft.finish();
};

/** p → p + c/(x² + d) with c = 0, d = 1 (no pole on the real line): a rational term the fit can switch on. */
export const addPole: Splice = (g, _rng, maxVertices) => {
  if (g.vertices.length + 6 > maxVertices) return undefined;
  const draft = new GraphDraft(g);
  const d = draft.append({ const: 1 });
  const c = draft.append({ const: 0 });
  const square = draft.append({ op: 'mul', args: [0, 0] });
  const pole = draft.append({ op: 'div', args: [c, draft.append({ op: 'add', args: [square, d] })] });
  draft.outputs[0] = draft.append({ op: 'add', args: [draft.outputs[0]!, pole] });
  return draft.finish();
};

/** Every splice, for the space to draw from. */
export const SPLICES: readonly Splice[] = [halveAndSquare, squareOutput, hornerStep, addPole];
