import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/core/index.ts';
import type { Json } from '../../src/core/index.ts';
import { randomSearch } from '../../src/algorithms/random-search.ts';
import { assertImprovesOnToyProblem, assertSameSeedSameTrials, assertSnapshotResumesExactly, toyProblem } from '../helpers/algorithm-contracts.ts';

describe('randomSearch', () => {
  it('replays the same trials from the same seed, also with feedback out of order', async () => {
    await assertSameSeedSameTrials(() => randomSearch({ space: toyProblem.space }), toyProblem);
  });

  it('gets close to the optimum of the toy problem', async () => {
    await assertImprovesOnToyProblem(() => randomSearch({ space: toyProblem.space }), { maxFinalDistance: 5 });
  });

  it('resumes exactly from a snapshot', () => {
    assertSnapshotResumesExactly((snapshot?: Json) => randomSearch({ space: toyProblem.space, ...(snapshot === undefined ? {} : { snapshot }) }), toyProblem);
  });

  it("rejects another algorithm's snapshot", () => {
    assert.throws(
      () => randomSearch({ space: toyProblem.space, snapshot: { algorithm: 'nsga2', version: 1 } }),
      (e: unknown) => e instanceof UsageError && e.message === `randomSearch: snapshot.algorithm must be 'random-search', got "nsga2"`,
    );
  });
});
