import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../src/core/index.ts';
import type { Json } from '../../src/core/index.ts';
import { hillClimbing } from '../../src/algorithms/hill-climbing.ts';
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

const problem = { space: lineageSpace, task: lineageTask };

describe('hillClimbing', () => {
  it('replays the same trials from the same seed, also with feedback out of order', async () => {
    await assertSameSeedSameTrials(() => hillClimbing({ space: toyProblem.space }), toyProblem);
  });

  it('finds the optimum of the toy problem', async () => {
    // Steps of 1..3 toward 500 are accepted half the time: about one unit of progress per trial.
    await assertImprovesOnToyProblem(() => hillClimbing({ space: toyProblem.space }), { budgetTrials: 800 });
  });

  it('resumes exactly from a snapshot', () => {
    const make = (snapshot?: Json) => hillClimbing({ space: lineageSpace, initial: [given(3), given(4)], ...(snapshot === undefined ? {} : { snapshot }) });
    assertSnapshotResumesExactly(make, problem, { stepsBefore: 1 });
    assertSnapshotResumesExactly(make, problem, { stepsBefore: 30 });
  });

  it('proposes the initial programs, then mutations of the incumbent once a trial is back', () => {
    const search = hillClimbing({ space: lineageSpace, initial: [given(480)] });
    const rng = new Rng(1);
    const first = search.propose(rng);
    assert.equal(search.propose(rng).origin, 'random');
    search.feedback(makeTrial(0, first, problem, Infinity));
    for (let i = 0; i < 5; i++) assert.deepEqual(search.propose(rng).parents, [480]);
  });

  it('only ever replaces the incumbent with a trial at least as good', () => {
    const search = hillClimbing({ space: lineageSpace });
    const rng = new Rng(2);
    let previous = Infinity;
    for (let id = 0; id < 150; id++) {
      search.feedback(makeTrial(id, search.propose(rng), problem, 5));
      const fitness = search.incumbent()!.fitness;
      assert.ok(fitness <= previous);
      previous = fitness;
    }
  });

  it('moves to an equally good trial only with acceptEqual', () => {
    for (const acceptEqual of [true, false]) {
      const search = hillClimbing({ space: lineageSpace, acceptEqual });
      search.feedback(makeTrial(0, given(490), problem, Infinity));
      search.feedback(makeTrial(1, given(510), problem, Infinity));
      assert.equal(search.incumbent()!.genotype.value, acceptEqual ? 510 : 490);
    }
  });
});
