import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { algorithms } from '../../../src/core/registries.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { Json, Trial } from '../../../src/core/types.ts';
import type { RegisterProgram } from '../../../src/spaces/register/index.ts';
import { registerSpace } from '../../../src/spaces/register/index.ts';
import { DEMO_PRESET } from '../../../src/tasks/automl-zero/index.ts';
import { experimentEvolution, type ExperimentEvolution } from '../../../src/tasks/automl-zero/experiment-evolution.ts';

const space = registerSpace({ ...DEMO_PRESET.space, memory: DEMO_PRESET.memory });
const OPTIONS = { space, populationSize: 4, tournamentSize: 2, experimentTrainSteps: 1000, sufficientFitness: 0.99 };

/** A finished trial of `program` whose result reports the given info. */
function trial(id: number, program: RegisterProgram, info: { [key: string]: number }, cached = false): Trial<RegisterProgram> {
  return { id, genotype: program, key: String(id), hash: 'h', status: 'done', values: [0.5], loss: [-0.5], error: undefined, cached, finishedMs: id, info };
}

/** Proposes and feeds back `n` trials, each reporting 100 evaluation and 10 fingerprint steps. */
function feed(algorithm: ExperimentEvolution, n: number, from = 0, rng = new Rng(1)): void {
  for (let i = from; i < from + n; i++) algorithm.feedback(trial(i, algorithm.propose(rng), { trainSteps: 100, fecSteps: 10 }, i % 3 === 0));
}

describe('experimentEvolution', () => {
  it('sums the training steps its trials report: fingerprints always, evaluations unless the cache answered', () => {
    const algorithm = experimentEvolution(OPTIONS);
    feed(algorithm, 6);
    const stats = algorithm.stats();
    assert.equal(stats.individuals, 6);
    assert.equal(stats.fecHits, 2, 'trials 0 and 3 came from the cache');
    assert.equal(stats.fecMisses, 4);
    assert.equal(stats.searchSteps, 6 * 10 + 4 * 100);
  });

  it('ends at the first generation boundary after its budget of steps beyond the initial population', () => {
    const algorithm = experimentEvolution(OPTIONS);
    const rng = new Rng(2);
    // Each generation of 4 trials adds 4·10 + 2 or 3 evaluations · 100 steps: about 300.
    let generations = 1;
    feed(algorithm, 4, 0, rng);
    while (!algorithm.isDone()) {
      assert.ok(generations < 10);
      feed(algorithm, 1, 4 * generations, rng);
      assert.equal(algorithm.isDone(), false, 'only a generation boundary can end it');
      feed(algorithm, 3, 4 * generations + 1, rng);
      generations++;
    }
    const spent = algorithm.stats().searchSteps;
    assert.ok(algorithm.stats().budgetSpent && spent - 4 * 10 - 2 * 100 >= 1000, `${spent} steps`);
  });

  it('ends as soon as a trial reports a select fitness above the sufficient fitness, keeping the best judged', () => {
    const algorithm = experimentEvolution(OPTIONS);
    const rng = new Rng(3);
    const a = algorithm.propose(rng);
    algorithm.feedback(trial(0, a, { trainSteps: 100, fecSteps: 10, selectFitness: 0.9, selectSteps: 500 }));
    assert.equal(algorithm.isDone(), false);
    const b = algorithm.propose(rng);
    algorithm.feedback(trial(1, b, { trainSteps: 100, fecSteps: 10, selectFitness: 0.995, selectSteps: 500 }));
    assert.equal(algorithm.isDone(), true);
    assert.equal(algorithm.stats().judged?.program, b);
    assert.equal(algorithm.stats().selectSteps, 1000);
  });

  it('resumes from its snapshot exactly: the same proposals and the same counts', () => {
    const first = experimentEvolution(OPTIONS);
    feed(first, 7);
    first.feedback(trial(7, first.propose(new Rng(9)), { trainSteps: 1, fecSteps: 1, selectFitness: 0.5, selectSteps: 3 }));
    const snapshot = JSON.parse(JSON.stringify(first.snapshot())) as Json;
    const { space: _space, ...config } = OPTIONS;
    const resumed = algorithms.get('automl-zero-evolution')(space, { ...config, snapshot }) as ExperimentEvolution;
    assert.deepEqual(JSON.parse(JSON.stringify(resumed.stats())), JSON.parse(JSON.stringify(first.stats())));
    const [r1, r2] = [new Rng(5), new Rng(5)];
    for (let i = 0; i < 5; i++) assert.deepEqual(space.toJSON(resumed.propose(r1)), space.toJSON(first.propose(r2)));
  });

  it('is registered with a config whose unknown keys are UsageErrors', () => {
    assert.throws(() => algorithms.get('automl-zero-evolution')(space, { populationSize: 4, tournamentSize: 2, experimentTrainSteps: 10, sufficientFitness: 0.9, budget: 1 }), /unknown config key 'budget'/);
    assert.throws(() => algorithms.get('automl-zero-evolution')(space, { populationSize: 4, tournamentSize: 2, experimentTrainSteps: -1, sufficientFitness: 0.9 }), /experimentTrainSteps must be a whole number/);
  });
});
