import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/core/errors.ts';
import { Study } from '../../src/core/study.ts';
import type { Task } from '../../src/core/types.ts';
import { threadExecutor } from '../../src/executors/index.ts';
import { FIXTURES_URL, integers } from './fixtures/register.ts';
import { CountingAlgorithm } from '../helpers/toy.ts';

/** The study's own copy of the task is never called: the workers rebuild theirs from the registry. */
const unused: Task<number> = { id: 'test-distance', objectives: [{ name: 'distance', goal: 'min' }], evaluate: () => assert.fail('evaluated on the main thread') };

describe('threadExecutor', () => {
  // One pool for every behaviour: starting workers under tsx is the slow part of this test.
  // The time limit is far above what the trivial evaluations need, so that a loaded machine
  // that pauses a worker cannot make an ordinary trial time out; only the hang reaches it.
  it('evaluates on workers in batches; a throw, a hang (past a 2 s timeout) and a worker exit each fail only their own trial', async () => {
    const algorithm = new CountingAlgorithm();
    const executor = threadExecutor<number>({
      task: { id: 'test-distance', config: { target: 7, throwOn: 5, hangOn: 3, exitOn: 9 } },
      space: { id: 'test-integers', config: null },
      modules: [FIXTURES_URL],
      workers: 2,
      batchSize: 3,
      timeoutMs: 2_000,
    });
    const summary = await new Study({ space: integers, task: unused, algorithm, budgetTrials: 24, executor }).run();
    assert.equal(summary.trials, 24);
    assert.deepEqual(algorithm.seen.map((t) => t.id).sort((a, b) => a - b), [...Array(24).keys()]);
    const failed = algorithm.seen.filter((t) => t.status === 'failed').sort((a, b) => a.genotype - b.genotype);
    assert.deepEqual(failed.map((t) => t.genotype), [3, 5, 9]);
    assert.equal(failed[0]!.error, 'timeout');
    assert.equal(failed[1]!.error, 'refused 5');
    assert.match(failed[2]!.error!, /exit/i);
    for (const t of algorithm.seen) if (t.status === 'done') assert.deepEqual(t.values, [Math.abs(t.genotype - 7)]);
    // Each result names the worker thread that computed it.
    const workers = new Set(algorithm.seen.filter((t) => t.status === 'done').map((t) => t.info?.worker));
    assert.ok([...workers].every((w) => typeof w === 'string' && /^thread-\d+$/.test(w)), [...workers].join());
  });

  it('stops the study with a usage error when the workers cannot rebuild the task', async () => {
    const executor = threadExecutor<number>({ task: { id: 'no-such-task', config: null }, space: { id: 'test-integers', config: null }, modules: [FIXTURES_URL], workers: 1 });
    await assert.rejects(
      new Study({ space: integers, task: unused, algorithm: new CountingAlgorithm(), budgetTrials: 3, executor }).run(),
      (e: unknown) => e instanceof UsageError && /worker threads cannot rebuild task 'no-such-task'.*unknown task 'no-such-task'/.test(e.message),
    );
  });

  it('checks its options at once, naming the bad one', () => {
    const base = { task: { id: 't', config: null }, space: { id: 's', config: null }, modules: [] };
    assert.throws(() => threadExecutor({ ...base, workers: 0 }), (e: unknown) => e instanceof UsageError && /workers must be a whole number >= 1, got 0/.test(e.message));
    assert.throws(() => threadExecutor({ ...base, batchSize: 1.5 }), /batchSize must be a whole number >= 1, got 1.5/);
    assert.throws(() => threadExecutor({ ...base, timeoutMs: -1 }), /timeoutMs must be a number of milliseconds > 0, got -1/);
  });
});
