import { add, minimum, mul, square, sub } from '../../learn/tensor/elementwise.ts';
import { mean } from '../../learn/tensor/reduce.ts';
import { stopGradient } from '../../learn/tensor/autograd.ts';
import type { ActorCriticLosses } from './loss-terms.ts';

/**
 * SAC's losses (Haarnoja et al. 2018), written by hand:
 *   y = r + γ·(1 − done)·(min(Q1′(s′, ã′), Q2′(s′, ã′)) − α·log π(ã′|s′)),  ã′ ~ π(·|s′)
 *   critic = ½·(mean((Q1(s, a) − sg(y))²) + mean((Q2(s, a) − sg(y))²))
 *   actor  = mean(α·log π(ã|s) − min(Q1(s, ã), Q2(s, ã))),  ã ~ π(·|s)
 * The graph form in `sac-graph.ts` must train exactly as these do.
 */
export const SAC_LOSSES: ActorCriticLosses = {
  critic(terms) {
    const { state, action, reward, nextState, done } = terms.batch;
    const next = terms.policy(nextState);
    const softValue = sub(minimum(terms.q('q1Target', nextState, next.action), terms.q('q2Target', nextState, next.action)), mul(terms.alpha, next.logProb));
    const target = stopGradient(add(reward, mul(mul(terms.gamma, sub(1, done)), softValue)));
    const q1 = terms.q('q1', state, action);
    const q2 = terms.q('q2', state, action);
    return mul(add(mean(square(sub(q1, target))), mean(square(sub(q2, target)))), 0.5);
  },
  actor(terms) {
    const { state } = terms.batch;
    const sample = terms.policy(state);
    const q = minimum(terms.q('q1', state, sample.action), terms.q('q2', state, sample.action));
    return mean(sub(mul(terms.alpha, sample.logProb), q));
  },
};
