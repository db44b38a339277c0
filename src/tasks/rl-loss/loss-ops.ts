import { stopGradient } from '../../learn/tensor/autograd.ts';
import { abs, add, div, exp, log, maximum, minimum, mul, sqrt, square, sub } from '../../learn/tensor/elementwise.ts';
import { mean, sum } from '../../learn/tensor/reduce.ts';
import type { Tensor } from '../../learn/tensor/tensor.ts';
import { graphOps } from '../../spaces/graph/register.ts';
import { defineOp, type OpSpec } from '../../spaces/graph/ops.ts';
import { standardOps } from '../../spaces/graph/op-set.ts';
import { infixCall, latexCall } from '../../spaces/graph/print-forms.ts';
import type { LossTerms } from './loss-terms.ts';
import type { CriticName } from './sac-networks.ts';

/*
 * The op table of loss graphs. Values are tensors: batch columns [B, 1], actions [B, n],
 * states [B, m] and scalars [] (constants, γ, α, means), combined with broadcasting. Three
 * value types keep programs well formed: 'state' (s, s′), 'action' (a, ã) and 'real'
 * (everything else). Each op is its graph-space spec (types, printing, and a scalar
 * reference for the space's algebra) beside its tensor implementation; the graph-space
 * side of the network ops has no scalar meaning and evaluates to NaN.
 */

/** One op of the loss language: its graph-space spec and what it computes on tensors. */
export interface LossOp {
  readonly spec: OpSpec;
  readonly apply: (args: readonly Tensor[], terms: LossTerms) => Tensor;
}

const noScalar = () => NaN;

function arithmetic(name: string, apply: LossOp['apply']): LossOp {
  return { spec: standardOps.get(name)!, apply };
}

function critic(name: string, printed: string, which: CriticName): LossOp {
  return {
    spec: defineOp({
      name, arity: 2, argTypes: ['state', 'action'], cost: 20, emit: () => 'NaN', evaluate: noScalar,
      infix: infixCall(printed), latex: latexCall(printed.replace('′', "'")), description: `${printed}(state, action): the critic's value, [B, 1]`,
    }),
    apply: ([state, action], terms) => terms.q(which, state!, action!),
  };
}

const OPS: readonly LossOp[] = [
  arithmetic('add', ([a, b]) => add(a!, b!)),
  arithmetic('sub', ([a, b]) => sub(a!, b!)),
  arithmetic('mul', ([a, b]) => mul(a!, b!)),
  arithmetic('div', ([a, b]) => div(a!, b!)),
  arithmetic('min', ([a, b]) => minimum(a!, b!)),
  arithmetic('max', ([a, b]) => maximum(a!, b!)),
  arithmetic('square', ([a]) => square(a!)),
  arithmetic('abs', ([a]) => abs(a!)),
  arithmetic('log', ([a]) => log(a!)),
  arithmetic('exp', ([a]) => exp(a!)),
  {
    spec: defineOp({
      name: 'batch_mean', arity: 1, cost: 2, emit: ([a]) => `(${a})`, evaluate: (a) => a,
      infix: infixCall('mean'), latex: latexCall('\\operatorname{mean}'), description: 'the mean over the batch (a scalar)',
    }),
    apply: ([a]) => mean(a!),
  },
  {
    spec: defineOp({
      name: 'l2_distance', arity: 2, commutative: true, cost: 4, emit: ([a, b]) => `Math.abs(${a} - ${b})`, evaluate: (a, b) => Math.abs(a - b),
      infix: infixCall('dist'), latex: latexCall('\\operatorname{dist}'), description: '‖a − b‖₂ over the whole batch (a scalar; √(Σ(a−b)² + 1e-12))',
    }),
    apply: ([a, b]) => sqrt(add(sum(square(sub(a!, b!))), 1e-12)),
  },
  {
    spec: defineOp({
      name: 'stop_gradient', arity: 1, cost: 0, emit: ([a]) => `(${a})`, evaluate: (a) => a,
      infix: infixCall('sg'), latex: latexCall('\\operatorname{sg}'), description: 'the same value, passing no gradient back',
    }),
    apply: ([a]) => stopGradient(a!),
  },
  critic('Q1', 'Q1', 'q1'),
  critic('Q2', 'Q2', 'q2'),
  critic('Q1_target', 'Q1′', 'q1Target'),
  critic('Q2_target', 'Q2′', 'q2Target'),
  {
    spec: defineOp({
      name: 'policy_sample', arity: 1, argTypes: ['state'], type: 'action', cost: 20, emit: () => 'NaN', evaluate: noScalar,
      infix: infixCall('ã~π'), latex: latexCall('\\tilde{a}\\sim\\pi'), description: 'ã ~ π(·|state), reparameterised (one draw per state per update)',
    }),
    apply: ([state], terms) => terms.policy(state!).action,
  },
  {
    spec: defineOp({
      name: 'policy_log_prob', arity: 1, argTypes: ['state'], cost: 20, emit: () => 'NaN', evaluate: noScalar,
      infix: infixCall('logπ'), latex: latexCall('\\log\\pi'), description: 'log π(ã|state) of the same draw ã, [B, 1]',
    }),
    apply: ([state], terms) => terms.policy(state!).logProb,
  },
];

/** Every op of the loss language, by canonical name. */
export const LOSS_OPS: ReadonlyMap<string, LossOp> = new Map(OPS.map((op) => [op.spec.name, op]));

/** The loss language's op names, as a graph space config lists them. */
export const LOSS_OP_NAMES: readonly string[] = [...LOSS_OPS.keys()];

/** Ops that read the actor: a loss must reach one of them (not through stop_gradient) to train the actor. */
export const ACTOR_OPS: ReadonlySet<string> = new Set(['policy_sample', 'policy_log_prob']);
/** Ops that read the online critics: a critic loss must reach one of them to train anything. */
export const CRITIC_OPS: ReadonlySet<string> = new Set(['Q1', 'Q2']);

for (const [name, op] of LOSS_OPS) if (!standardOps.has(name) && !graphOps.has(name)) graphOps.register(name, op.spec, op.spec.description);
