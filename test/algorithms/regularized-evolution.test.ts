import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng, UsageError } from '../../src/core/index.ts';
import type { Json, Space } from '../../src/core/index.ts';
import { regularizedEvolution } from '../../src/algorithms/regularized-evolution.ts';
import {
  assertImprovesOnToyProblem,
  assertSameSeedSameTrials,
  assertSnapshotResumesExactly,
  given,
  lineageSpace,
  lineageTask,
  makeTrial,
  toyProblem,
} from '../helpers/algorithm-contracts.ts';
import type { Lineage } from '../helpers/algorithm-contracts.ts';

const problem = { space: lineageSpace, task: lineageTask };
const trial = (id: number, g: Lineage) => makeTrial(id, g, problem, Infinity);

describe('regularizedEvolution', () => {
  it('replays the same trials from the same seed, also with feedback out of order', async () => {
    await assertSameSeedSameTrials(() => regularizedEvolution({ ...toyProblem, populationSize: 20, tournamentSize: 5 }), toyProblem);
  });

  it('finds the optimum of the toy problem', async () => {
    await assertImprovesOnToyProblem(() => regularizedEvolution({ ...toyProblem, populationSize: 20, tournamentSize: 5 }));
  });

  it('resumes exactly from a snapshot', () => {
    const make = (snapshot?: Json) =>
      regularizedEvolution({ space: lineageSpace, populationSize: 10, tournamentSize: 3, crossoverProbability: 0.3, initial: [given(1), given(2)], ...(snapshot === undefined ? {} : { snapshot }) });
    assertSnapshotResumesExactly(make, problem, { stepsBefore: 1 });
    assertSnapshotResumesExactly(make, problem, { stepsBefore: 40 });
  });

  it('keeps exactly P members and removes the oldest', () => {
    const search = regularizedEvolution({ space: lineageSpace, populationSize: 5, tournamentSize: 2 });
    for (let id = 0; id < 12; id++) {
      search.feedback(trial(id, given(id)));
      const expected = Array.from({ length: Math.min(id + 1, 5) }, (_, k) => id - Math.min(id, 4) + k);
      assert.deepEqual(search.population().map((m) => m.genotype.value), expected);
    }
  });

  it('holds at most P members whatever the order of proposals and feedback', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.boolean(), { maxLength: 60 }), fc.integer(), (p, actions, seed) => {
        const search = regularizedEvolution({ space: lineageSpace, populationSize: p, tournamentSize: 1 });
        const rng = new Rng(seed);
        const pending: Lineage[] = [];
        let fed = 0;
        for (const proposeNext of actions) {
          if (proposeNext || pending.length === 0) pending.push(search.propose(rng));
          else search.feedback(trial(fed++, pending.splice(rng.int(pending.length), 1)[0]!));
          assert.equal(search.population().length, Math.min(fed, p));
        }
      }),
    );
  });

  it('proposes the initial programs first, then random ones up to P proposals', () => {
    const search = regularizedEvolution({ space: lineageSpace, populationSize: 5, tournamentSize: 2, initial: [given(7), given(8)] });
    const rng = new Rng(1);
    const origins: string[] = [];
    for (let id = 0; id < 8; id++) {
      const g = search.propose(rng);
      origins.push(g.origin);
      search.feedback(trial(id, g));
    }
    assert.deepEqual(origins, ['given', 'given', 'random', 'random', 'random', 'mutant', 'mutant', 'mutant']);
  });

  it('keeps proposing at random while no trial has come back', () => {
    const search = regularizedEvolution({ space: lineageSpace, populationSize: 2, tournamentSize: 1 });
    const rng = new Rng(2);
    const origins = Array.from({ length: 6 }, () => search.propose(rng).origin);
    assert.deepEqual(origins, Array(6).fill('random'));
  });

  it('mutates the best member when the tournament covers the whole population', () => {
    const search = regularizedEvolution({ space: lineageSpace, populationSize: 4, tournamentSize: 4 });
    const rng = new Rng(3);
    for (const [id, value] of [480, 120, 499, 900].entries()) {
      search.propose(rng);
      search.feedback(trial(id, given(value)));
    }
    for (let i = 0; i < 20; i++) assert.deepEqual(search.propose(rng).parents, [499]);
  });

  it('minimises the chosen loss index or scalarized losses', () => {
    const twoLosses = { ...lineageTask, objectives: [{ name: 'a', goal: 'min' as const }, { name: 'b', goal: 'min' as const }], evaluate: (g: Lineage) => ({ values: [g.value, -g.value] }) };
    const parentsUnder = (objective: number | ((loss: readonly number[]) => number)) => {
      const search = regularizedEvolution({ space: lineageSpace, populationSize: 3, tournamentSize: 3, objective });
      const rng = new Rng(4);
      for (const [id, value] of [10, 50, 30].entries()) {
        search.propose(rng);
        search.feedback(makeTrial(id, given(value), { space: lineageSpace, task: twoLosses }, Infinity));
      }
      return search.propose(rng).parents;
    };
    assert.deepEqual(parentsUnder(0), [10]);
    assert.deepEqual(parentsUnder(1), [50]);
    assert.deepEqual(parentsUnder((loss) => Math.abs(loss[0]! - 31)), [30]);
  });

  it('crosses over two tournament winners before mutating when asked', () => {
    const search = regularizedEvolution({ space: lineageSpace, populationSize: 2, tournamentSize: 1, crossoverProbability: 1 });
    const rng = new Rng(5);
    for (const [id, value] of [100, 300].entries()) {
      search.propose(rng);
      search.feedback(trial(id, given(value)));
    }
    // Each child mutates the average of two single-member tournaments: 100, 200 or 300.
    const mutated = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const child = search.propose(rng);
      assert.equal(child.origin, 'mutant');
      mutated.add(child.parents[0]!);
    }
    assert.deepEqual([...mutated].sort(), [100, 200, 300]);
  });

  it('rejects bad options with a message naming the option', () => {
    const base = { space: lineageSpace, populationSize: 10, tournamentSize: 3 };
    const message = (options: object) => {
      try {
        regularizedEvolution({ ...base, ...options });
      } catch (error) {
        assert.ok(error instanceof UsageError);
        return error.message;
      }
      return 'no error';
    };
    assert.equal(message({ tournamentSize: 20 }), 'regularizedEvolution: tournamentSize must be <= populationSize, got 20 > 10');
    assert.equal(message({ populationSize: 0 }), 'regularizedEvolution: populationSize must be a whole number >= 1, got 0');
    assert.equal(message({ withReplacement: 'yes' }), "regularizedEvolution: withReplacement must be true or false, got 'yes'");
    assert.equal(message({ objective: -1 }), 'regularizedEvolution: objective must be a loss index (a whole number >= 0) or a function, got -1');
    assert.equal(message({ initial: Array(11).fill(given(1)) }), 'regularizedEvolution: initial must hold at most populationSize (10) programs, got 11');
    const noCrossover: Space<Lineage> = { ...lineageSpace };
    delete noCrossover.crossover;
    assert.equal(
      message({ space: noCrossover, crossoverProbability: 0.5 }),
      'regularizedEvolution: crossoverProbability is 0.5 but the space has no crossover; set it to 0',
    );
    assert.equal(message({ space: undefined }), 'regularizedEvolution: space is required: an object with random, mutate, key, toJSON, fromJSON methods');
  });

  it('reports an objective index beyond the losses when trials come back', () => {
    const search = regularizedEvolution({ space: lineageSpace, populationSize: 3, tournamentSize: 1, objective: 2 });
    assert.throws(() => search.feedback(trial(0, given(1))), { message: 'regularizedEvolution: objective 2 is out of range: trials have 1 loss value(s)' });
  });

  it('refuses a snapshot with more members than the population size', () => {
    const big = regularizedEvolution({ space: lineageSpace, populationSize: 6, tournamentSize: 1 });
    for (let id = 0; id < 6; id++) big.feedback(trial(id, given(id)));
    assert.throws(
      () => regularizedEvolution({ space: lineageSpace, populationSize: 4, tournamentSize: 1, snapshot: big.snapshot() }),
      /snapshot.population holds 6 members but populationSize is 4/,
    );
  });
});
