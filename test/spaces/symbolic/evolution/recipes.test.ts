import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hillClimbing, nsga2, randomSearch, regularizedEvolution } from '../../../../src/algorithms/index.ts';
import { hypervolume } from '../../../../src/core/pareto.ts';
import { Study } from '../../../../src/core/study.ts';
import type { Algorithm, Task, Trial } from '../../../../src/core/types.ts';
import { dnaHillClimbing, dnaNsga2, dnaRegularizedEvolution, oneOf, template } from '../../../../src/spaces/symbolic/index.ts';
import type { DNA } from '../../../../src/spaces/symbolic/index.ts';

/** 16 decisions of 4 candidates; the target is i mod 4 at decision i. */
const space = template(Array.from({ length: 16 }, () => oneOf([0, 1, 2, 3])));
const mismatches: Task<DNA> = {
  id: 'test.mismatches',
  objectives: [{ name: 'mismatches', goal: 'min' }],
  evaluate: (dna) => ({ values: [space.decode(dna).filter((v, i) => v !== i % 4).length] }),
};
/** Two conflicting counts: decisions that are not 0, and decisions that are not 3. */
const twoGoals: Task<DNA> = {
  id: 'test.two-goals',
  objectives: [
    { name: 'not zero', goal: 'min' },
    { name: 'not three', goal: 'min' },
  ],
  evaluate: (dna) => {
    const v = space.decode(dna);
    return { values: [v.filter((x) => x !== 0).length, v.filter((x) => x !== 3).length] };
  },
};

const SEEDS = [1, 2, 3, 4, 5, 6];
const BUDGET = 300;

async function run(task: Task<DNA>, algorithm: Algorithm<DNA>, seed: number): Promise<Study<DNA>> {
  const study = new Study({ space, task, algorithm, seed, budgetTrials: BUDGET });
  await study.run();
  return study;
}

async function meanBest(make: () => Algorithm<DNA>): Promise<number> {
  let total = 0;
  for (const seed of SEEDS) total += (await run(mismatches, make(), seed)).best()!.loss[0]!;
  return total / SEEDS.length;
}

async function meanHypervolume(make: () => Algorithm<DNA>): Promise<number> {
  let total = 0;
  for (const seed of SEEDS) total += hypervolume((await run(twoGoals, make(), seed)).front().map((t) => t.loss), [17, 17]);
  return total / SEEDS.length;
}

test('a template runs as a Space<DNA> in the core study with the core algorithms', async () => {
  const study = await run(mismatches, regularizedEvolution({ space, populationSize: 20, tournamentSize: 5 }), 0);
  assert.equal(study.summary().trials, BUDGET);
  assert.equal(space.spec.problem(study.best()!.genotype.values), undefined);
});

test('regularized evolution in the algebra reaches the quality of the core version on the same budget', async () => {
  const algebra = await meanBest(() => dnaRegularizedEvolution(space, { populationSize: 20, tournamentSize: 5 }));
  const core = await meanBest(() => regularizedEvolution({ space, populationSize: 20, tournamentSize: 5 }));
  const random = await meanBest(() => randomSearch({ space }));
  assert.ok(Math.abs(algebra - core) <= 1.5, `mean best mismatches: algebra ${algebra}, core ${core}`);
  assert.ok(algebra < random - 2 && core < random - 2, `both beat random search (${random})`);
});

test('hill climbing in the algebra reaches the quality of the core version on the same budget', async () => {
  const algebra = await meanBest(() => dnaHillClimbing(space));
  const core = await meanBest(() => hillClimbing({ space }));
  assert.ok(Math.abs(algebra - core) <= 1.5, `mean best mismatches: algebra ${algebra}, core ${core}`);
  assert.ok(algebra <= 2 && core <= 2, `both nearly solve the problem: algebra ${algebra}, core ${core}`);
});

test('NSGA-II in the algebra reaches the hypervolume of the core version on the same budget', async () => {
  const algebra = await meanHypervolume(() => dnaNsga2(space, { populationSize: 20 }));
  const core = await meanHypervolume(() => nsga2({ space, populationSize: 20 }));
  const random = await meanHypervolume(() => randomSearch({ space }));
  assert.ok(Math.abs(algebra - core) / core < 0.1, `hypervolume: algebra ${algebra}, core ${core}`);
  assert.ok(algebra > random && core > random, `both beat random search (${random})`);
});

test('regularized evolution keeps the youngest P trials as its population, as the core version does', async () => {
  const algebra = dnaRegularizedEvolution(space, { populationSize: 10, tournamentSize: 3 });
  const trials: Trial<DNA>[] = [];
  const study = new Study({ space, task: mismatches, algorithm: algebra, seed: 1, budgetTrials: 57 });
  study.on('trial', (t) => void trials.push(t));
  await study.run();
  assert.deepEqual(
    algebra.population().map((m) => space.key(m.genotype)),
    trials.slice(-10).map((t) => t.key),
  );
});

test('hill climbing moves to a child as good as the incumbent, as the core version does', () => {
  const climber = dnaHillClimbing(space);
  const trial = (dna: DNA, loss: number): Trial<DNA> => ({ id: 0, genotype: dna, key: space.key(dna), hash: undefined, status: 'done', values: [loss], loss: [loss], error: undefined, cached: false, finishedMs: 0, info: undefined });
  const a = space.fromJSON(Array(16).fill(0));
  const b = space.fromJSON(Array(16).fill(1));
  climber.feedback(trial(a, 5));
  climber.feedback(trial(b, 5));
  assert.equal(space.key(climber.incumbent()!.genotype), space.key(b));
  climber.feedback(trial(a, 6));
  assert.equal(space.key(climber.incumbent()!.genotype), space.key(b));
});
