import assert from 'node:assert/strict';
import { Rng, Study } from '../../src/core/index.ts';
import type { Algorithm, Json, Measurement, Space, Task, Trial } from '../../src/core/index.ts';
import { distanceTask, integerSpace } from './toy.ts';

/**
 * Checks every algorithm must pass, whatever its space: replaying from a seed (also with
 * feedback out of order), improving on the toy problem, and resuming exactly from a JSON
 * snapshot.
 */

/** A space and a task to run an algorithm on. */
export interface Problem<G> {
  readonly space: Space<G>;
  readonly task: Task<G>;
}

/** Integers in [0, 1000) minimising the distance to 500 (test/helpers/toy.ts). */
export const toyProblem: Problem<number> = { space: integerSpace, task: distanceTask };

async function studyGenotypes<G>(makeAlgorithm: () => Algorithm<G>, problem: Problem<G>, seed: number, budgetTrials: number): Promise<Json[]> {
  const genotypes: Json[] = [];
  const study = new Study({ ...problem, algorithm: makeAlgorithm(), seed, budgetTrials });
  study.on('trial', (trial) => genotypes.push(problem.space.toJSON(trial.genotype)));
  await study.run();
  return genotypes;
}

/**
 * Proposes `steps` genotypes with ids from `firstId`, keeping three trials in flight and
 * feeding back the second-oldest each time, so feedback arrives in another order than the
 * proposals (as with a parallel executor), but the same order on every run.
 */
function driveOutOfOrder<G>(algorithm: Algorithm<G>, problem: Problem<G>, rng: Rng, inFlight: Trial<G>[], firstId: number, steps: number): Json[] {
  const proposed: Json[] = [];
  for (let id = firstId; id < firstId + steps; id++) {
    const genotype = algorithm.propose(rng);
    proposed.push(problem.space.toJSON(genotype));
    inFlight.push(makeTrial(id, genotype, problem));
    if (inFlight.length > 3) algorithm.feedback(inFlight.splice(1, 1)[0] as Trial<G>);
  }
  return proposed;
}

/**
 * Runs a study twice with the same seed, and drives the algorithm twice by hand with
 * feedback out of order, asserting the same genotypes each time; a different seed must
 * give different ones.
 */
export async function assertSameSeedSameTrials<G>(
  makeAlgorithm: () => Algorithm<G>,
  problem: Problem<G>,
  { seed = 11, budgetTrials = 120 }: { seed?: number; budgetTrials?: number } = {},
): Promise<void> {
  const first = await studyGenotypes(makeAlgorithm, problem, seed, budgetTrials);
  assert.equal(first.length, budgetTrials);
  assert.deepEqual(await studyGenotypes(makeAlgorithm, problem, seed, budgetTrials), first, 'same seed, different trials');
  const outOfOrder = () => driveOutOfOrder(makeAlgorithm(), problem, new Rng(seed), [], 0, budgetTrials);
  assert.deepEqual(outOfOrder(), outOfOrder(), 'same seed, different trials with feedback out of order');
  assert.notDeepEqual(await studyGenotypes(makeAlgorithm, problem, seed + 1, budgetTrials), first, 'the seed changes nothing');
}

/**
 * Asserts that on the toy problem, for each seed, the best distance found within the budget
 * is below the best of the first ten trials and at most `maxFinalDistance`.
 */
export async function assertImprovesOnToyProblem(
  makeAlgorithm: () => Algorithm<number>,
  { budgetTrials = 300, seeds = [1, 2, 3], maxFinalDistance = 0 }: { budgetTrials?: number; seeds?: number[]; maxFinalDistance?: number } = {},
): Promise<void> {
  for (const seed of seeds) {
    const distances: number[] = [];
    const study = new Study({ ...toyProblem, algorithm: makeAlgorithm(), seed, budgetTrials });
    study.on('trial', (trial) => distances.push(trial.loss[0] as number));
    await study.run();
    const early = Math.min(...distances.slice(0, 10));
    const final = Math.min(...distances);
    assert.ok(final < early, `seed ${seed}: no improvement on the first ten trials (${early})`);
    assert.ok(final <= maxFinalDistance, `seed ${seed}: best distance ${final} > ${maxFinalDistance}`);
  }
}

/** A finished trial built by hand; every `failEvery`-th one fails with an infinite loss. */
export function makeTrial<G>(id: number, genotype: G, problem: Problem<G>, failEvery = 7): Trial<G> {
  const failed = id % failEvery === failEvery - 1;
  const outcome = problem.task.evaluate(genotype, { trialId: id, seed: id });
  assert.ok(!(outcome instanceof Promise), 'makeTrial needs a task that evaluates synchronously');
  const values = failed ? problem.task.objectives.map(() => NaN) : (outcome as Measurement).values;
  const loss = failed ? values.map(() => Infinity) : values.map((v, i) => (problem.task.objectives[i]?.goal === 'max' ? -v : v));
  return {
    id,
    genotype,
    key: problem.space.key(genotype),
    hash: undefined,
    status: failed ? 'failed' : 'done',
    values,
    loss,
    error: failed ? 'failed on purpose' : undefined,
    cached: false,
    finishedMs: id,
    info: undefined,
  };
}

/**
 * Drives an algorithm by hand with feedback out of order (see `driveOutOfOrder`), takes a
 * snapshot through real JSON text after `stepsBefore` proposals, rebuilds it with
 * `makeAlgorithm(snapshot)`, and asserts that the original and the restored algorithm then
 * propose the same genotypes (the trials in flight fed back to both) and end with the same
 * snapshot.
 */
export function assertSnapshotResumesExactly<G>(
  makeAlgorithm: (snapshot?: Json) => Algorithm<G>,
  problem: Problem<G>,
  { stepsBefore = 60, stepsAfter = 60, seed = 5 }: { stepsBefore?: number; stepsAfter?: number; seed?: number } = {},
): void {
  const original = makeAlgorithm();
  const rng = new Rng(seed);
  const inFlight: Trial<G>[] = [];
  driveOutOfOrder(original, problem, rng, inFlight, 0, stepsBefore);
  const snapshot = JSON.parse(JSON.stringify(original.snapshot())) as Json;
  const restored = makeAlgorithm(snapshot);
  assert.deepEqual(withoutClockReadings(restored.snapshot()), withoutClockReadings(original.snapshot()), 'a restored algorithm must snapshot the same');
  const restoredInFlight = inFlight.slice();
  // save() keeps a normal deviate drawn but not returned yet; state() alone would drop it.
  const restoredRng = Rng.restore(rng.save());
  const expected = driveOutOfOrder(original, problem, rng, inFlight, stepsBefore, stepsAfter);
  assert.deepEqual(driveOutOfOrder(restored, problem, restoredRng, restoredInFlight, stepsBefore, stepsAfter), expected, 'proposals differ after resuming');
  assert.deepEqual(withoutClockReadings(restored.snapshot()), withoutClockReadings(original.snapshot()));
}

/**
 * A snapshot without its wall-clock readings (keys ending in `Ms` or ` ms`, and shares of
 * run time): an algorithm may report how long its own work took, which no replay repeats.
 */
function withoutClockReadings(json: Json): Json {
  if (Array.isArray(json)) return json.map(withoutClockReadings);
  if (json === null || typeof json !== 'object') return json;
  const kept: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(json)) {
    if (!/(Ms| ms|share of run time)$/.test(key)) kept[key] = withoutClockReadings(value);
  }
  return kept;
}

/** A toy genotype that records how it was made, so tests can see what an algorithm did. */
export interface Lineage {
  readonly value: number;
  readonly origin: 'random' | 'given' | 'mutant' | 'child';
  /** Values of the parents it came from (one for a mutant, two for a crossover child). */
  readonly parents: readonly number[];
}

/** Integers in [0, 1000) as `Lineage`s; mutation adds 1..3, crossover averages. */
export const lineageSpace: Space<Lineage> = {
  random: (rng) => ({ value: rng.int(1000), origin: 'random', parents: [] }),
  mutate: (g, rng) => ({ value: g.value + rng.intBetween(1, 3), origin: 'mutant', parents: [g.value] }),
  crossover: (a, b) => ({ value: Math.floor((a.value + b.value) / 2), origin: 'child', parents: [a.value, b.value] }),
  key: (g) => String(g.value),
  toJSON: (g) => ({ value: g.value, origin: g.origin, parents: [...g.parents] }),
  fromJSON: (j) => j as Lineage,
};

/** Distance of a lineage's value to 500, minimised. */
export const lineageTask: Task<Lineage> = {
  id: 'lineage-distance',
  objectives: [{ name: 'distance', goal: 'min' }],
  evaluate: (g) => ({ values: [Math.abs(g.value - 500)] }),
};

/** A program given by hand (origin 'given'). */
export const given = (value: number): Lineage => ({ value, origin: 'given', parents: [] });
