import { SpaceError } from '../../core/errors.ts';
import { mean } from '../../learn/tensor/reduce.ts';
import { scalar, type Tensor } from '../../learn/tensor/tensor.ts';
import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import { ACTOR_OPS, CRITIC_OPS, LOSS_OPS } from './loss-ops.ts';
import type { ActorCriticLosses, LossTerms } from './loss-terms.ts';

/*
 * A candidate is one typed DAG with two outputs, the actor loss and the critic loss, over the
 * batch inputs below; the two may share subexpressions. Each output compiles to a function of
 * the update's `LossTerms` that runs only the vertices that output needs, in vertex order,
 * with tensor ops from `LOSS_OPS`, so gradients flow into the networks. An output that is a
 * batch column rather than a scalar is averaged over the batch.
 */

/** The graph inputs, in id order, with the names formulas print. */
export const LOSS_INPUTS = [
  { name: 's', type: 'state' },
  { name: 'a', type: 'action' },
  { name: 'r', type: 'real' },
  { name: 's′', type: 'state' },
  { name: 'done', type: 'real' },
  { name: 'γ', type: 'real' },
  { name: 'α', type: 'real' },
] as const;

/** Output 0 is the actor loss, output 1 the critic loss. */
export const ACTOR_OUTPUT = 0;
export const CRITIC_OUTPUT = 1;

function inputValues(terms: LossTerms): Tensor[] {
  const { state, action, reward, nextState, done } = terms.batch;
  return [state, action, reward, nextState, done, terms.gamma, terms.alpha];
}

/** The ids `output` depends on, in increasing order. */
function needed(g: Graph, output: number): number[] {
  const marks = new Uint8Array(g.inputs + g.vertices.length);
  marks[g.outputs[output]!] = 1;
  for (let id = marks.length - 1; id >= g.inputs; id--) {
    const v = g.vertices[id - g.inputs]!;
    if (marks[id] === 1 && !isConst(v)) for (const a of v.args) marks[a] = 1;
  }
  const ids: number[] = [];
  for (let id = g.inputs; id < marks.length; id++) if (marks[id] === 1) ids.push(id);
  return ids;
}

/** True when the output reaches an op in `ops` along a path that no stop_gradient cuts. */
function reachesWithGradient(g: Graph, output: number, ops: ReadonlySet<string>): boolean {
  const stack = [g.outputs[output]!];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id < g.inputs || seen.has(id)) continue;
    seen.add(id);
    const v = g.vertices[id - g.inputs]!;
    if (isConst(v)) continue;
    if (ops.has(v.op)) return true;
    if (v.op !== 'stop_gradient') stack.push(...v.args);
  }
  return false;
}

/**
 * Why a loss graph cannot train SAC's networks, or undefined when it can: the actor loss must
 * pass gradients to the actor (through ã or log π), the critic loss to an online critic.
 */
export function untrainableReason(g: Graph): string | undefined {
  if (g.outputs.length !== 2) return `a loss graph has 2 outputs (actor, critic), this one ${g.outputs.length}`;
  if (!reachesWithGradient(g, ACTOR_OUTPUT, ACTOR_OPS)) return 'the actor loss passes no gradient to the actor (no ã or log π outside stop-gradient)';
  if (!reachesWithGradient(g, CRITIC_OUTPUT, CRITIC_OPS)) return 'the critic loss passes no gradient to the critics (no Q1 or Q2 outside stop-gradient)';
  return undefined;
}

function compileOutput(g: Graph, output: number): (terms: LossTerms) => Tensor {
  const ids = needed(g, output);
  const steps = ids.map((id) => {
    const v = g.vertices[id - g.inputs]!;
    if (isConst(v)) {
      const value = v.const;
      return { id, run: () => scalar(value) };
    }
    const op = LOSS_OPS.get(v.op);
    if (op === undefined) throw new SpaceError(`loss graph: op '${v.op}' is not in the loss language`);
    const args = v.args;
    return { id, run: (values: Tensor[], terms: LossTerms) => op.apply(args.map((a) => values[a]!), terms) };
  });
  const out = g.outputs[output]!;
  return (terms) => {
    const values = inputValues(terms);
    for (const step of steps) values[step.id] = step.run(values, terms);
    const value = values[out]!;
    return value.size === 1 ? value : mean(value);
  };
}

/** The two losses of a graph, ready for `SacAgent.update`. Throws when the graph cannot train (see `untrainableReason`). */
export function graphLosses(g: Graph): ActorCriticLosses {
  const reason = untrainableReason(g);
  if (reason !== undefined) throw new SpaceError(`loss graph: ${reason}`);
  return { actor: compileOutput(g, ACTOR_OUTPUT), critic: compileOutput(g, CRITIC_OUTPUT) };
}
