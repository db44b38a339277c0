import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng, UsageError } from '../../src/core/index.ts';
import type { Json } from '../../src/core/index.ts';
import { regularizedEvolution } from '../../src/algorithms/regularized-evolution.ts';
import { withRestarts } from '../../src/algorithms/restarts.ts';
import { assertSnapshotResumesExactly, lineageSpace, lineageTask, makeTrial } from '../helpers/algorithm-contracts.ts';

const problem = { space: lineageSpace, task: lineageTask };
const evolution = (snapshot?: Json) =>
  regularizedEvolution({ space: lineageSpace, populationSize: 6, tournamentSize: 2, ...(snapshot === undefined ? {} : { snapshot }) });

describe('withRestarts', () => {
  it('starts a fresh inner search after patienceTrials trials without progress', () => {
    const search = withRestarts(evolution, { patienceTrials: 5 });
    const rng = new Rng(3);
    // Equal losses are never progress: a fresh search sets its best, then five more trials restart it.
    for (let id = 0; id < 21; id++) search.feedback({ ...makeTrial(id, search.propose(rng), problem, Infinity), loss: [1] });
    assert.equal(search.restarts(), 3);
  });

  it('counts only gains of at least minImprovement as progress', () => {
    const run = (minImprovement: number) => {
      const search = withRestarts(evolution, { patienceTrials: 5, minImprovement });
      const rng = new Rng(3);
      // Each trial is 0.001 better than the last: progress by default, stagnation at 0.01.
      for (let id = 0; id < 12; id++) search.feedback({ ...makeTrial(id, search.propose(rng), problem, Infinity), loss: [1 - id * 0.001] });
      return search.restarts();
    };
    assert.equal(run(0), 0);
    assert.equal(run(0.01), 2);
    assert.throws(() => withRestarts(evolution, { patienceTrials: 5, minImprovement: -1 }), UsageError);
  });

  it('resumes exactly from a snapshot, restarts included', () => {
    const make = (snapshot?: Json) => withRestarts(evolution, { patienceTrials: 8, ...(snapshot === undefined ? {} : { snapshot }) });
    assertSnapshotResumesExactly(make, problem, { stepsBefore: 3 });
    assertSnapshotResumesExactly(make, problem, { stepsBefore: 90, stepsAfter: 90 });
  });

  it('rejects a snapshot that is not its own', () => {
    assert.throws(() => withRestarts(evolution, { patienceTrials: 8, snapshot: { algorithm: 'regularized-evolution' } }), UsageError);
  });
});
