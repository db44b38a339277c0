import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SpaceError, UsageError } from '../../../../src/core/errors.ts';
import { Rng } from '../../../../src/core/rng.ts';
import type { Algorithm, Json, Trial } from '../../../../src/core/types.ts';
import { dnaHillClimbing, dnaNsga2, dnaRegularizedEvolution, evolution, mutateUniform, oneOf, pipe, selectLast, selectTop, selectTournament, template } from '../../../../src/spaces/symbolic/index.ts';
import type { DNA } from '../../../../src/spaces/symbolic/index.ts';

const space = template({ a: oneOf([0, 1, 2, 3]), b: oneOf([{ c: oneOf([0, 1]) }, 'none']), d: oneOf([0, 1, 2]) });
const score = (dna: DNA): number => {
  const v = space.decode(dna);
  return v.a + v.d + (typeof v.b === 'object' ? v.b.c : 0);
};

function trial(id: number, dna: DNA, loss: number): Trial<DNA> {
  const ok = Number.isFinite(loss);
  return { id, genotype: dna, key: space.key(dna), hash: undefined, status: ok ? 'done' : 'failed', values: [loss], loss: [ok ? loss : Infinity], error: ok ? undefined : 'failed', cached: false, finishedMs: 0, info: undefined };
}

/** Runs ask/tell for `n` steps and returns the proposed keys. */
function drive(algorithm: Algorithm<DNA>, rng: Rng, n: number, firstId = 0): string[] {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const dna = algorithm.propose(rng);
    keys.push(space.key(dna));
    algorithm.feedback(trial(firstId + i, dna, -score(dna)));
  }
  return keys;
}

const resume = (snapshot: Json | undefined) => (snapshot === undefined ? {} : { snapshot });
const recipes: [string, (snapshot?: Json) => Algorithm<DNA>][] = [
  ['regularized evolution', (snapshot) => dnaRegularizedEvolution(space, { populationSize: 8, tournamentSize: 3, ...resume(snapshot) })],
  ['hill climbing', (snapshot) => dnaHillClimbing(space, resume(snapshot))],
  ['NSGA-II', (snapshot) => dnaNsga2(space, { populationSize: 6, ...resume(snapshot) })],
  ['regularized evolution with operators', (snapshot) => dnaRegularizedEvolution(space, { populationSize: 8, tournamentSize: 3, mutator: mutateUniform({ decisions: 2 }), ...resume(snapshot) })],
  [
    'operator evolution',
    (snapshot) => evolution(space, { init: 8, reproduce: pipe(selectTournament(3, { ties: 'newer' }), mutateUniform()), update: selectLast(8), ...resume(snapshot) }),
  ],
];

for (const [name, make] of recipes) {
  test(`${name}: the same seed gives the same proposals`, () => {
    assert.deepEqual(drive(make(), new Rng(3), 60), drive(make(), new Rng(3), 60));
  });

  test(`${name}: a snapshot resumes exactly`, () => {
    const original = make();
    const rng = new Rng(11);
    drive(original, rng, 25);
    const state = JSON.parse(JSON.stringify(original.snapshot()));
    const rngState = rng.state();
    const expected = drive(original, rng, 25, 25);
    assert.deepEqual(drive(make(state), Rng.fromState(rngState), 25, 25), expected);
  });

  test(`${name}: every proposal is a valid DNA`, () => {
    const algorithm = make();
    const rng = new Rng(5);
    for (let i = 0; i < 50; i++) {
      const dna = algorithm.propose(rng);
      assert.equal(space.spec.problem(dna.values), undefined);
      algorithm.feedback(trial(i, dna, i % 7 === 0 ? NaN : -score(dna)));
    }
  });
}

test('an operator evolution snapshot holds its population', () => {
  const original = evolution(space, { init: 4, reproduce: pipe(selectTop(1), mutateUniform()), update: selectLast(4) });
  drive(original, new Rng(2), 10);
  const state = JSON.parse(JSON.stringify(original.snapshot()));
  const resumed = evolution(space, { init: 0, reproduce: () => [], update: (x) => x, snapshot: state });
  assert.deepEqual(
    resumed.population().map((m) => space.key(m.dna)),
    original.population().map((m) => space.key(m.dna)),
  );
});

test('the first init proposals are random, then the population reproduces', () => {
  const proposed: string[] = [];
  const algorithm = evolution(space, { init: 3, reproduce: (pop) => [{ dna: pop[0]!.dna, loss: undefined }], update: selectLast(5) });
  const rng = new Rng(1);
  for (let i = 0; i < 6; i++) {
    const dna = algorithm.propose(rng);
    proposed.push(space.key(dna));
    algorithm.feedback(trial(i, dna, 0));
  }
  assert.deepEqual(proposed.slice(3), [proposed[0], proposed[0], proposed[0]], 'each child copies the oldest member');
  assert.notEqual(new Set(proposed.slice(0, 3)).size, 1, 'the first three are random');
});

test('failed trials join the population with infinite loss, so they lose every tournament', () => {
  const algorithm = evolution(space, { init: 1, reproduce: pipe(selectTop(1), mutateUniform()), update: selectLast(3) });
  const rng = new Rng(0);
  const good = algorithm.propose(rng);
  algorithm.feedback(trial(0, good, 1));
  algorithm.feedback(trial(1, algorithm.propose(rng), NaN));
  assert.deepEqual(algorithm.population().map((m) => m.loss), [[1], [Infinity]]);
});

test('an empty population falls back to random proposals', () => {
  const algorithm = evolution(space, { init: 0, reproduce: () => [], update: () => [] });
  const rng = new Rng(0);
  for (let i = 0; i < 5; i++) algorithm.feedback(trial(i, algorithm.propose(rng), 0));
  assert.equal(algorithm.population().length, 0);
});

test('bad options and snapshots are clear errors', () => {
  assert.throws(() => evolution({} as never, { init: 1, reproduce: (x) => x, update: (x) => x }), (e: unknown) => e instanceof UsageError && /space must be a template/.test(e.message));
  assert.throws(() => evolution(space, { init: -1, reproduce: (x) => x, update: (x) => x }), /init must be a whole number >= 0/);
  assert.throws(() => evolution(space, { init: 1, reproduce: 3 as never, update: (x) => x }), /reproduce and update must be operators/);
  assert.throws(() => dnaRegularizedEvolution(space, { populationSize: 0 }), /populationSize must be a whole number >= 1/);
  const restore = (snapshot: unknown) => evolution(space, { init: 1, reproduce: (x) => x, update: (x) => x, snapshot: snapshot as never });
  assert.throws(() => restore({ algorithm: 'other' }), (e: unknown) => e instanceof SpaceError && /not an evolution snapshot/.test(e.message));
  assert.throws(() => restore({ algorithm: 'evolution', proposals: 1, population: [{ dna: [9], loss: [0] }], queue: [] }), /decision 'a'\) must be a candidate index/);
});
