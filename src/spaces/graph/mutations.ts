import type { Rng } from '../../core/rng.ts';
import { GraphDraft } from './draft.ts';
import { CONSTANT_TYPE, canonicalConstant, isConst, type Graph } from './graph.ts';
import { drawConstant, idsOfType, type Grammar } from './grammar.ts';

/*
 * The six graph mutations. Each returns a new valid, pruned graph within maxVertices, or
 * undefined when it cannot apply (no constant to perturb, no room to insert). A vertex may
 * only read smaller ids, so every new edge points below its consumer: no cycles. Types are
 * kept: a slot of type T only ever receives an id of type T.
 */

/** What a mutation works on: the parent, the type of each of its ids, and the space. */
export interface MutationInput {
  readonly g: Graph;
  readonly types: readonly string[];
  readonly grammar: Grammar;
  readonly rng: Rng;
}

/** One mutation operator. */
export type Mutation = (input: MutationInput) => Graph | undefined;

/** Chance that a slot refilled by a mutation gets a brand-new constant. */
const NEW_CONSTANT_CHANCE = 0.15;

/**
 * An id of `type` below `bound` for a slot, or a new constant appended to the draft (when
 * constants are on and `reserve` more vertices still fit after it); undefined when none fits.
 */
function pickArgument(input: MutationInput, draft: GraphDraft, type: string, bound: number, reserve: number, exclude = -1): number | undefined {
  const { grammar, rng, types } = input;
  const constantFits = type === CONSTANT_TYPE && grammar.constants !== undefined && draft.vertices.length + 1 + reserve <= grammar.maxVertices;
  const ids = idsOfType(types, type, bound).filter((id) => id !== exclude);
  if (constantFits && (ids.length === 0 || rng.chance(NEW_CONSTANT_CHANCE))) return draft.append({ const: drawConstant(grammar.constants!, rng) });
  return ids.length > 0 ? rng.pick(ids) : undefined;
}

function opVertexIds(g: Graph): number[] {
  const ids: number[] = [];
  for (const [k, v] of g.vertices.entries()) if (!isConst(v)) ids.push(g.inputs + k);
  return ids;
}

/** Splices a new op vertex into a random edge (or output), so everything stays reachable. */
export const insertVertex: Mutation = (input) => {
  const { g, types, grammar, rng } = input;
  if (g.vertices.length >= grammar.maxVertices) return undefined;
  const edges: [consumer: number, slot: number][] = [];
  for (const id of opVertexIds(g)) for (let j = 0; j < (g.vertices[id - g.inputs] as { args: readonly number[] }).args.length; j++) edges.push([id, j]);
  for (let k = 0; k < g.outputs.length; k++) edges.push([-1, k]);
  const [consumer, slot] = rng.pick(edges);
  const consumerVertex = consumer === -1 ? undefined : (g.vertices[consumer - g.inputs] as { op: string; args: readonly number[] });
  const carried = consumerVertex === undefined ? g.outputs[slot]! : consumerVertex.args[slot]!;
  const type = types[carried]!;
  const bound = consumer === -1 ? types.length : consumer;
  const candidates = (grammar.opsByType.get(type) ?? []).filter((op) => op.argTypes.includes(type));
  for (const op of rng.shuffle(candidates)) {
    const draft = new GraphDraft(g);
    const own = rng.pick(op.argTypes.flatMap((t, i) => (t === type ? [i] : [])));
    const args: number[] = [];
    for (const [i, t] of op.argTypes.entries()) {
      const arg = i === own ? carried : pickArgument(input, draft, t, bound, 1);
      if (arg === undefined) break;
      args.push(arg);
    }
    if (args.length !== op.arity) continue;
    const inserted = draft.append({ op: op.name, args });
    if (consumerVertex === undefined) draft.outputs[slot] = inserted;
    else draft.replace(consumer, { op: consumerVertex.op, args: consumerVertex.args.map((a, j) => (j === slot ? inserted : a)) });
    return draft.finish();
  }
  return undefined;
};

/** Removes a vertex, handing its uses to one of its same-typed args (or an earlier same-typed id). */
export const removeVertex: Mutation = ({ g, types, rng }) => {
  for (const k of rng.shuffle([...g.vertices.keys()])) {
    const id = g.inputs + k;
    const v = g.vertices[k]!;
    const type = types[id]!;
    const sameTypedArgs = isConst(v) ? [] : [...new Set(v.args)].filter((a) => types[a] === type);
    const options = sameTypedArgs.length > 0 ? sameTypedArgs : idsOfType(types, type, id);
    if (options.length === 0) continue;
    const draft = new GraphDraft(g);
    draft.redirect(id, rng.pick(options)); // the vertex is now unreachable, so finish prunes it
    return draft.finish();
  }
  return undefined;
};

/** Points one argument of an op vertex at another earlier id of the right type, or a new constant. */
export const switchEdge: Mutation = (input) => {
  const { g, rng } = input;
  const slots: [number, number][] = [];
  for (const id of opVertexIds(g)) for (let j = 0; j < (g.vertices[id - g.inputs] as { args: readonly number[] }).args.length; j++) slots.push([id, j]);
  for (const [id, j] of rng.shuffle(slots)) {
    const v = g.vertices[id - g.inputs] as { op: string; args: readonly number[] };
    const spec = input.grammar.ops.find(v.op)!;
    const draft = new GraphDraft(g);
    const arg = pickArgument(input, draft, spec.argTypes[j]!, id, 0, v.args[j]!);
    if (arg === undefined) continue;
    draft.replace(id, { op: v.op, args: v.args.map((a, i) => (i === j ? arg : a)) });
    return draft.finish();
  }
  return undefined;
};

/** Changes an op vertex's op to another of the same result type, keeping what args fit. */
export const changeOp: Mutation = (input) => {
  const { g, types, grammar, rng } = input;
  for (const id of rng.shuffle(opVertexIds(g))) {
    const v = g.vertices[id - g.inputs] as { op: string; args: readonly number[] };
    const spec = grammar.ops.find(v.op)!;
    const alternatives = (grammar.opsByType.get(spec.type) ?? []).filter((op) => op.name !== spec.name);
    for (const op of rng.shuffle(alternatives)) {
      const draft = new GraphDraft(g);
      const old = op.arity < v.args.length ? rng.shuffle(v.args) : v.args.slice();
      const used = old.map(() => false);
      const args: number[] = [];
      for (const t of op.argTypes) {
        const m = old.findIndex((a, i) => !used[i] && types[a] === t);
        if (m >= 0) used[m] = true;
        const arg = m >= 0 ? old[m] : pickArgument(input, draft, t, id, 0);
        if (arg === undefined) break;
        args.push(arg);
      }
      if (args.length !== op.arity) continue;
      draft.replace(id, { op: op.name, args });
      return draft.finish();
    }
  }
  return undefined;
};

/** Multiplies a constant by log-normal noise, sometimes flipping its sign (0 is redrawn). */
export const perturbConstant: Mutation = ({ g, grammar, rng }) => {
  const policy = grammar.constants;
  const ids = g.vertices.flatMap((v, k) => (isConst(v) ? [g.inputs + k] : []));
  if (policy === undefined || ids.length === 0) return undefined;
  const id = rng.pick(ids);
  const value = (g.vertices[id - g.inputs] as { const: number }).const;
  let next = value === 0 ? drawConstant(policy, rng) : value * Math.exp(policy.logSigma * rng.normal());
  if (rng.chance(policy.signFlip)) next = -next;
  if (!Number.isFinite(next) || next === value) next = drawConstant(policy, rng);
  const draft = new GraphDraft(g);
  draft.replace(id, { const: canonicalConstant(next) });
  return draft.finish();
};

/** Points one output at another id of its type. */
export const switchOutput: Mutation = ({ g, types, grammar, rng }) => {
  for (const k of rng.shuffle([...g.outputs.keys()])) {
    const options = idsOfType(types, grammar.signature.outputTypes[k]!, types.length).filter((id) => id !== g.outputs[k]);
    if (options.length === 0) continue;
    const draft = new GraphDraft(g);
    draft.outputs[k] = rng.pick(options);
    return draft.finish();
  }
  return undefined;
};
