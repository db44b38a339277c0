import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { runParallelExperiments } from '../../../src/tasks/automl-zero/index.ts';

describe('runParallelExperiments', () => {
  it('runs one search per worker thread, each with its own seed, and returns the best with its seed', async () => {
    const progress: number[] = [];
    const found = await runParallelExperiments({ preset: 'demo', seed: 3, workers: 2, timeLimitSeconds: 1, onProgress: (p) => progress.push(p.individuals) });
    assert.ok(found.seed === 3 || found.seed === 4, `seed ${found.seed}`);
    assert.ok(found.result.individuals > 0);
    assert.ok(found.individuals >= found.result.individuals, 'the total counts every worker');
    assert.ok(found.result.selectFitness >= 0 && found.result.selectFitness <= 1);
  });

  it('rejects a bad worker count and an unknown preset at once', () => {
    assert.throws(() => runParallelExperiments({ preset: 'demo', seed: 0, workers: 0 }), UsageError);
    assert.throws(() => runParallelExperiments({ preset: 'nope', seed: 0, workers: 2 }), /preset/);
  });
});
