import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { ReplayBuffer } from '../../../src/tasks/rl-loss/replay-buffer.ts';
import { pendulum } from '../../../src/tasks/rl-loss/pendulum.ts';
import { evaluateGreedy, trainSac } from '../../../src/tasks/rl-loss/train.ts';
import { SAC_LOSSES } from '../../../src/tasks/rl-loss/sac-losses.ts';
import { graphLosses } from '../../../src/tasks/rl-loss/loss-graph.ts';
import { SAC_GRAPH } from '../../../src/tasks/rl-loss/sac-graph.ts';
import { lossSpace } from '../../../src/tasks/rl-loss/loss-space.ts';
import { sacConfig, TrainingDiverged } from '../../../src/tasks/rl-loss/sac.ts';
import type { ActorCriticLosses } from '../../../src/tasks/rl-loss/loss-terms.ts';
import { mul } from '../../../src/learn/tensor/elementwise.ts';
import { EVALUATION_SAC } from '../../../src/tasks/rl-loss/task.ts';

const TINY = { hidden: [16, 16], batchSize: 32, warmupSteps: 50 };

function weights(result: ReturnType<typeof trainSac>): number[] {
  const { actor, critics } = result.agent.networks;
  return [...actor.parameters(), ...critics.q1.parameters(), ...critics.q2Target.parameters()].flatMap((p) => Array.from(p.data));
}

describe('SAC', () => {
  it('keeps the last transitions in its replay buffer and samples rows intact', () => {
    const buffer = new ReplayBuffer(3, 2, 1);
    for (let i = 0; i < 5; i++) buffer.add([i, 10 * i], [i / 10], -i, [i + 1, 10 * i + 10], i === 4);
    assert.equal(buffer.size, 3);
    const batch = buffer.sample(20, new Rng(1));
    for (let b = 0; b < 20; b++) {
      const i = batch.state.data[2 * b]!;
      assert.ok(i >= 2 && i <= 4, `row ${b} holds transition ${i}, which was overwritten`);
      assert.equal(batch.state.data[2 * b + 1], 10 * i);
      assert.equal(batch.reward.data[b], -i);
      assert.equal(batch.nextState.data[2 * b], i + 1);
      assert.ok(Math.abs(batch.action.data[b]! - i / 10) < 1e-6);
      assert.equal(batch.done.data[b], i === 4 ? 1 : 0);
    }
  });

  it('trains the same agent bit for bit from the same seed, and another from another seed', () => {
    const run = (seed: number) => trainSac({ env: pendulum(), losses: SAC_LOSSES, steps: 150, seed, sac: TINY });
    const a = run(1);
    const b = run(1);
    assert.deepEqual(weights(a), weights(b));
    assert.equal(a.agent.alpha, b.agent.alpha);
    assert.equal(a.updates, 100);
    assert.notDeepEqual(weights(run(2)), weights(a));
    assert.ok(a.agent.alpha < 1, `α should fall from 1 while the policy is near-uniform, got ${a.agent.alpha}`);
  });

  it('trains exactly as the hand-written losses when given SAC as a loss graph', () => {
    const graph = lossSpace().fromJSON(SAC_GRAPH);
    const hand = trainSac({ env: pendulum(), losses: SAC_LOSSES, steps: 250, seed: 5, sac: TINY });
    const fromGraph = trainSac({ env: pendulum(), losses: graphLosses(graph), steps: 250, seed: 5, sac: TINY });
    assert.deepEqual(weights(fromGraph), weights(hand));
    assert.deepEqual(fromGraph.episodeReturns, hand.episodeReturns);
    assert.equal(fromGraph.agent.alpha, hand.agent.alpha);
  });

  it('improves clearly on its untrained policy within 1000 steps (the full solve is bench/rl-loss-sac.ts)', () => {
    let untrained = NaN;
    const trained = trainSac({ env: pendulum(), losses: SAC_LOSSES, steps: 1000, seed: 1, sac: EVALUATION_SAC, onStart: (agent) => void (untrained = evaluateGreedy(agent, pendulum(), 5, 3)) });
    const after = evaluateGreedy(trained.agent, pendulum(), 5, 3);
    assert.ok(after > untrained + 250, `greedy return ${after.toFixed(1)} after training, ${untrained.toFixed(1)} before`);
  });

  it('stops with TrainingDiverged when a loss blows up', () => {
    const exploding: ActorCriticLosses = { actor: SAC_LOSSES.actor, critic: (terms) => mul(SAC_LOSSES.critic(terms), 1e12) };
    assert.throws(() => trainSac({ env: pendulum(), losses: exploding, steps: 80, seed: 1, sac: TINY }), TrainingDiverged);
  });

  it('names a bad hyperparameter', () => {
    assert.throws(() => sacConfig({ tau: 2 }), /tau/);
    assert.throws(() => sacConfig({ hidden: [] }), /hidden/);
    assert.throws(() => sacConfig({ lr: 1 } as never), /unknown option 'lr'/);
  });

  it('greedy evaluation gives every policy the same start states', () => {
    const trained = trainSac({ env: pendulum(), losses: SAC_LOSSES, steps: 60, seed: 3, sac: TINY });
    assert.equal(evaluateGreedy(trained.agent, pendulum(), 2, 9), evaluateGreedy(trained.agent, pendulum(), 2, 9));
  });
});
