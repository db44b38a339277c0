import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng, Study, UsageError, hypervolume } from '../../src/core/index.ts';
import type { Json, Space, Task } from '../../src/core/index.ts';
import { nsga2 } from '../../src/algorithms/nsga2.ts';
import { assertSameSeedSameTrials, assertSnapshotResumesExactly, given, lineageSpace, makeTrial } from '../helpers/algorithm-contracts.ts';
import type { Lineage } from '../helpers/algorithm-contracts.ts';
import { integerSpace } from '../helpers/toy.ts';

/** Schaffer's problem on x/100: losses t² and (t - 2)²; the Pareto set is x in [0, 200]. */
const schaffer: Task<number> = {
  id: 'schaffer',
  objectives: [
    { name: 'f1', goal: 'min' },
    { name: 'f2', goal: 'min' },
  ],
  evaluate: (x) => ({ values: [(x / 100) ** 2, (x / 100 - 2) ** 2] }),
};
const schafferProblem = { space: integerSpace, task: schaffer };
const lineageSchaffer: Task<Lineage> = { id: schaffer.id, objectives: schaffer.objectives, evaluate: (g) => schaffer.evaluate(g.value, { trialId: 0, seed: 0 }) };
const lineageProblem = { space: lineageSpace, task: lineageSchaffer };

const reference = [5, 5];
const optimalVolume = hypervolume(
  Array.from({ length: 201 }, (_, x) => [(x / 100) ** 2, (x / 100 - 2) ** 2]),
  reference,
);

describe('nsga2', () => {
  it('replays the same trials from the same seed, also with feedback out of order', async () => {
    await assertSameSeedSameTrials(() => nsga2({ space: integerSpace, populationSize: 10 }), schafferProblem);
  });

  it('resumes exactly from a snapshot', () => {
    const make = (snapshot?: Json) => nsga2({ space: lineageSpace, populationSize: 8, offspringSize: 5, initial: [given(3)], ...(snapshot === undefined ? {} : { snapshot }) });
    assertSnapshotResumesExactly(make, lineageProblem, { stepsBefore: 2 });
    assertSnapshotResumesExactly(make, lineageProblem, { stepsBefore: 37 });
  });

  it('converges onto the known front of a two-objective problem, growing its hypervolume', async () => {
    for (const seed of [1, 2, 3]) {
      const search = nsga2({ space: integerSpace, populationSize: 20 });
      const volumes: number[] = [];
      const study = new Study({ ...schafferProblem, algorithm: search, seed, budgetTrials: 400 });
      study.on('trial', () => {
        if (search.generation() > volumes.length) volumes.push(hypervolume(search.parents().map((p) => p.loss), reference) / optimalVolume);
      });
      await study.run();
      assert.equal(volumes.length, 20);
      const first = volumes[0]!;
      const last = volumes.at(-1)!;
      assert.ok(last > first + 0.05, `seed ${seed}: hypervolume ${first.toFixed(3)} -> ${last.toFixed(3)}`);
      assert.ok(last > 0.94, `seed ${seed}: final hypervolume ${last.toFixed(3)} of the optimum`);
      for (const parent of search.parents()) assert.ok(parent.genotype <= 200, `seed ${seed}: parent ${parent.genotype} is off the front`);
    }
  });

  it('proposes the initial programs, then random ones until the first generation is back', () => {
    const search = nsga2({ space: lineageSpace, populationSize: 4, initial: [given(250)] });
    const rng = new Rng(1);
    const proposed = Array.from({ length: 6 }, () => search.propose(rng));
    assert.deepEqual(proposed.map((g) => g.origin), ['given', 'random', 'random', 'random', 'random', 'random']);
    proposed.slice(0, 4).forEach((g, id) => search.feedback(makeTrial(id, g, lineageProblem, Infinity)));
    assert.equal(search.generation(), 1);
    assert.equal(search.parents().length, 4);
    assert.equal(search.propose(rng).origin, 'mutant');
  });

  it('mutates a crossover of two tournament winners with the crossover probability', () => {
    const search = nsga2({ space: lineageSpace, populationSize: 4, crossoverProbability: 1 });
    const rng = new Rng(6);
    for (let id = 0; id < 4; id++) search.feedback(makeTrial(id, search.propose(rng), lineageProblem, Infinity));
    const values = search.parents().map((p) => p.genotype.value);
    const averages = new Set(values.flatMap((a) => values.map((b) => Math.floor((a + b) / 2))));
    for (let i = 0; i < 20; i++) assert.ok(averages.has(search.propose(rng).parents[0]!));
  });

  it('serves proposals beyond the pending generation from the current parents', () => {
    const search = nsga2({ space: lineageSpace, populationSize: 4, offspringSize: 3, crossoverProbability: 0 });
    const rng = new Rng(2);
    let id = 0;
    for (let i = 0; i < 4; i++) search.feedback(makeTrial(id++, search.propose(rng), lineageProblem, Infinity));
    const parentValues = new Set(search.parents().map((p) => p.genotype.value));
    const outstanding = Array.from({ length: 7 }, () => search.propose(rng));
    for (const g of outstanding) {
      assert.equal(g.origin, 'mutant');
      assert.ok(parentValues.has(g.parents[0]!));
    }
    outstanding.forEach((g, k) => {
      search.feedback(makeTrial(id++, g, lineageProblem, Infinity));
      assert.equal(search.generation(), 1 + Math.floor((k + 1) / 3));
    });
  });

  it('never loses the best loss of an objective with elitism', () => {
    const search = nsga2({ space: integerSpace, populationSize: 6 });
    const rng = new Rng(3);
    let best = Infinity;
    for (let id = 0; id < 200; id++) {
      search.feedback(makeTrial(id, search.propose(rng), schafferProblem, Infinity));
      if (search.generation() === 0) continue;
      const now = Math.min(...search.parents().map((p) => p.loss[0]!));
      assert.ok(now <= best);
      best = now;
    }
  });

  it('selects parents from the offspring alone without elitism', () => {
    const search = nsga2({ space: lineageSpace, populationSize: 3, offspringSize: 4, elitism: false });
    const rng = new Rng(4);
    let id = 0;
    for (let i = 0; i < 3; i++) search.feedback(makeTrial(id++, search.propose(rng), lineageProblem, Infinity));
    const offspring = Array.from({ length: 4 }, () => search.propose(rng));
    offspring.forEach((g) => search.feedback(makeTrial(id++, g, lineageProblem, Infinity)));
    for (const parent of search.parents()) assert.ok(offspring.includes(parent.genotype));
  });

  it('handles three objectives and failed trials', () => {
    const three: Task<number> = { ...schaffer, objectives: [...schaffer.objectives, { name: 'f3', goal: 'max' }], evaluate: (x) => ({ values: [x % 7, (x / 100) ** 2, x] }) };
    const search = nsga2({ space: integerSpace, populationSize: 10 });
    const rng = new Rng(5);
    for (let id = 0; id < 60; id++) search.feedback(makeTrial(id, search.propose(rng), { space: integerSpace, task: three }, 5));
    assert.equal(search.parents().length, 10);
    assert.ok(search.parents().every((p) => p.loss.length === 3 && p.loss.every(Number.isFinite)));
  });

  it('rejects bad options with a message naming the option', () => {
    assert.throws(() => nsga2({ space: integerSpace, populationSize: 10, offspringSize: 5, elitism: false }), {
      message: 'nsga2: offspringSize must be >= populationSize without elitism, got 5 < 10',
    });
    assert.throws(() => nsga2({ space: integerSpace, populationSize: 10, crossoverProbability: 0.9 }), {
      message: 'nsga2: crossoverProbability is 0.9 but the space has no crossover; set it to 0',
    });
    assert.throws(() => nsga2({ space: integerSpace, populationSize: 2.5 }), UsageError);
    const noCrossover: Space<Lineage> = { ...lineageSpace };
    delete noCrossover.crossover;
    assert.doesNotThrow(() => nsga2({ space: noCrossover, populationSize: 4 }));
  });
});
