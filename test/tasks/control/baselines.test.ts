import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { linear, lstmCell } from '../../../src/learn/modules/index.ts';
import { tensor } from '../../../src/learn/tensor/index.ts';

import { interval, trainNetwork } from '../../../src/tasks/control/compare.ts';
import { centredRanks, evolutionStrategy } from '../../../src/tasks/control/evolution-strategy.ts';
import { lstmStepper, mlpPolicy } from '../../../src/tasks/control/network-policies.ts';
import { controlTask } from '../../../src/tasks/control/policy-task.ts';
import { scorePolicy } from '../../../src/tasks/control/episode.ts';

describe('neural baselines', () => {
  it('the batch-1 LSTM step equals the engine cell and head over a sequence', () => {
    const rng = new Rng(3);
    const cell = lstmCell({ inputSize: 4, hiddenSize: 5, rng });
    const head = linear({ inputSize: 5, outputSize: 1, rng });
    const stepper = lstmStepper(cell, head);
    let state = cell.initialState(1);
    for (let t = 0; t < 6; t++) {
      const x = [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)];
      const action = stepper.act(x);
      state = cell.forward(tensor(Float32Array.from(x), [1, 4]), state);
      const out = head.forward(state.h).data[0]!;
      assert.ok(Math.abs(action - Math.tanh(out)) < 1e-5, `step ${t}: ${action} vs ${Math.tanh(out)}`);
      for (let j = 0; j < 5; j++) assert.ok(Math.abs(stepper.h[j]! - state.h.data[j]!) < 1e-5);
    }
  });

  it('an MLP policy takes its weights from one vector and gives them back', () => {
    const policy = mlpPolicy([6], new Rng(1));
    assert.equal(policy.size, 4 * 6 + 6 + 6 + 1);
    const weights = Float64Array.from({ length: policy.size }, (_, i) => Math.fround((i % 7) / 10 - 0.3));
    policy.setWeights(weights);
    assert.deepEqual(policy.getWeights(), weights);
    const a = policy.act(Float64Array.from([0.1, 0.2, 0.3, 0.4]));
    assert.ok(a > -1 && a < 1);
  });

  it('the evolution strategy climbs a concave function, never returning worse than its start', () => {
    const fitness = (x: Float64Array): number => -((x[0]! - 3) ** 2) - (x[1]! + 1) ** 2;
    const result = evolutionStrategy({ fitness, initial: [0, 0], rng: new Rng(2), evaluations: 3000, learningRate: 0.1 });
    assert.ok(result.bestFitness > -0.01, `best ${result.bestFitness} at ${[...result.best]}`);
    assert.ok(result.evaluations <= 3000);
    const ranks = centredRanks(Float64Array.from([5, -1, 2, 2]));
    [0.5, -0.5, -1 / 6, 1 / 6].forEach((r, i) => assert.ok(Math.abs(ranks[i]! - r) < 1e-15, `rank ${i}: ${ranks[i]}`));
  });

  it('ES training of an MLP on cart-pole ends better than its initial weights', () => {
    const config = { env: 'cartpole' as const, episodes: 3 };
    const task = controlTask(config);
    const initial = mlpPolicy([16], new Rng(9));
    const before = scorePolicy(initial, task.episodes, task.episodeOptions).meanReturn;
    const trained = trainNetwork('mlp', config, 7, 200);
    assert.ok(trained.searchReturn >= before, `${trained.searchReturn} vs ${before}`);
    assert.equal(scorePolicy(trained.policy, task.episodes, task.episodeOptions).meanReturn, trained.searchReturn);
  });

  it('a 95% interval over seeds uses Student t', () => {
    const i = interval([1, 2, 3, 4]);
    assert.equal(i.mean, 2.5);
    assert.ok(Math.abs(i.halfWidth - 3.182 * Math.sqrt(5 / 3 / 4)) < 1e-12);
    assert.deepEqual(interval([7]), { mean: 7, halfWidth: 0 });
  });
});
