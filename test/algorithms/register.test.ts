import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng, SpaceError, UsageError, algorithms } from '../../src/core/index.ts';
import type { Json, Space } from '../../src/core/index.ts';
import { ALGORITHM_CONFIG_KEYS } from '../../src/algorithms/index.ts';
import type { RegularizedEvolution } from '../../src/algorithms/index.ts';
import type { RestartingAlgorithm } from '../../src/algorithms/restarts.ts';
import { makeTrial, toyProblem } from '../helpers/algorithm-contracts.ts';
import { integerSpace } from '../helpers/toy.ts';

const strictIntegers: Space<number> = {
  ...integerSpace,
  fromJSON: (j) => {
    if (typeof j !== 'number') throw new SpaceError('a genotype must be a number');
    return j;
  },
};
const build = (name: string, config: Json) => algorithms.get(name)(strictIntegers as Space<unknown>, config);

describe('algorithm registry entries', () => {
  it('registers every algorithm by name when the facade is imported', () => {
    const names = algorithms.list().map((entry) => entry.name);
    for (const name of Object.keys(ALGORITHM_CONFIG_KEYS)) assert.ok(names.includes(name), `${name} is not registered`);
  });

  it('builds each algorithm from an empty config and runs it', () => {
    for (const name of Object.keys(ALGORITHM_CONFIG_KEYS)) {
      if (name === 'reinforce') continue; // it needs a DNA space; the recipe contract test runs it over its example
      const needs: { readonly [name: string]: Json } = { nsga2: { populationSize: 4 }, restarts: { algorithm: { id: 'random-search', config: null }, patienceTrials: 5 } };
      const algorithm = build(name, needs[name] ?? null);
      const rng = new Rng(1);
      for (let id = 0; id < 30; id++) algorithm.feedback(makeTrial(id, algorithm.propose(rng) as number, toyProblem));
    }
  });

  it('passes config fields to the factory, rebuilding initial programs from JSON', () => {
    const search = build('regularized-evolution', { populationSize: 3, tournamentSize: 2, initial: [11, 12] }) as RegularizedEvolution<number>;
    const rng = new Rng(2);
    assert.deepEqual([search.propose(rng), search.propose(rng)], [11, 12]);
  });

  it('gives regularized evolution a tournament no larger than its population by default', () => {
    assert.doesNotThrow(() => build('regularized-evolution', { populationSize: 4 }));
  });

  it('wraps the space with retryUntilChanged when the config asks', () => {
    const search = build('hill-climbing', { retryUntilChanged: 50, initial: [999] });
    const rng = new Rng(3);
    search.feedback(makeTrial(0, search.propose(rng) as number, toyProblem));
    for (let i = 0; i < 50; i++) assert.notEqual(search.propose(rng), 999);
  });

  it('restarts the inner algorithm from its recipe, and resumes it from the snapshot', () => {
    const config = { algorithm: { id: 'hill-climbing', config: { initial: [999] } }, patienceTrials: 1 };
    const search = build('restarts', config);
    const rng = new Rng(6);
    const proposals: number[] = [];
    for (let id = 0; id < 8; id++) {
      const g = search.propose(rng) as number;
      proposals.push(g);
      search.feedback(makeTrial(id, g, toyProblem, 1000));
    }
    // The inner hill climber starts at its initial program again after each restart.
    const restarts = (search as RestartingAlgorithm<number>).restarts();
    assert.ok(restarts >= 1, 'no restart in 8 trials with patience 1');
    assert.ok(proposals.filter((g) => g === 999).length >= restarts + 1);
    const snapshot = JSON.parse(JSON.stringify(search.snapshot())) as Json;
    const restored = build('restarts', { ...config, snapshot });
    assert.deepEqual(restored.snapshot(), search.snapshot());
    assert.equal(restored.propose(Rng.fromState(rng.state())), search.propose(rng));
  });

  it('resumes from a snapshot given in the config', () => {
    const first = build('regularized-evolution', { populationSize: 5, tournamentSize: 2 });
    const rng = new Rng(4);
    for (let id = 0; id < 12; id++) first.feedback(makeTrial(id, first.propose(rng) as number, toyProblem));
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as Json;
    assert.deepEqual(build('regularized-evolution', { populationSize: 5, tournamentSize: 2, snapshot }).snapshot(), first.snapshot());
  });

  it('reports config mistakes in one message naming the algorithm and the key', () => {
    const message = (name: string, config: Json) => {
      try {
        build(name, config);
      } catch (error) {
        assert.ok(error instanceof UsageError);
        return error.message;
      }
      return 'no error';
    };
    assert.equal(
      message('regularized-evolution', { popSize: 10 }),
      "algorithm 'regularized-evolution': unknown config key 'popSize'; known: populationSize, tournamentSize, withReplacement, objective, crossoverProbability, initial, snapshot, retryUntilChanged",
    );
    assert.equal(message('nsga2', [1]), "algorithm 'nsga2': config must be an object, got an array");
    assert.equal(message('nsga2', { populationSize: '10' }), "nsga2: populationSize must be a whole number >= 1, got '10'");
    assert.equal(message('hill-climbing', { initial: [1, 'two'] }), "algorithm 'hill-climbing': initial[1]: a genotype must be a number");
    assert.equal(message('random-search', { retryUntilChanged: 'yes' }), "algorithm 'random-search': retryUntilChanged must be true, false or a number of tries, got 'yes'");
    assert.match(message('no-such-search', {}), /^unknown algorithm 'no-such-search'; known: .*regularized-evolution/);
    assert.equal(message('restarts', { algorithm: 'random-search', patienceTrials: 5 }), "algorithm 'restarts': algorithm must be { id, config } naming a registered algorithm, got 'random-search'");
    assert.equal(message('restarts', { algorithm: { id: 'random-search', seed: 1 }, patienceTrials: 5 }), "algorithm 'restarts': unknown key 'algorithm.seed'; known: id, config");
    assert.equal(message('restarts', { algorithm: { id: 'random-search' } }), 'withRestarts: patienceTrials must be a whole number >= 1, got undefined');
  });
});
