import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { queueExecutor, startQueueWorker } from '../../../src/executors/queue/index.ts';

const base = { redis: 'redis://127.0.0.1:6379', study: 'sr-1', task: { id: 't', config: null }, space: { id: 's', config: null } };
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UsageError && pattern.test(e.message);

describe('queue options', () => {
  it('queueExecutor checks its options at once, naming the bad one', () => {
    assert.throws(() => queueExecutor({ ...base, capacity: 0 }), usage(/queueExecutor: capacity must be a whole number >= 1, got 0/));
    assert.throws(() => queueExecutor({ ...base, attempts: 1.5 }), usage(/attempts must be a whole number >= 1, got 1.5/));
    assert.throws(() => queueExecutor({ ...base, timeoutMs: 0 }), usage(/timeoutMs must be a number of milliseconds > 0, got 0/));
    assert.throws(() => queueExecutor({ ...base, study: 'a:b' }), usage(/the study name must be 1 to 200 characters of letters, digits, . _ - \/, got "a:b"/));
    assert.throws(() => queueExecutor({ ...base, queue: 'a/b' }), usage(/the queue name must be/));
    assert.throws(() => queueExecutor({ ...base, redis: 'tcp://x' }), usage(/--redis must start with redis:\/\//));
  });

  it('startQueueWorker checks its options before it connects', async () => {
    await assert.rejects(startQueueWorker({ redis: base.redis, concurrency: 0 }), usage(/startQueueWorker: concurrency must be a whole number >= 1, got 0/));
    await assert.rejects(startQueueWorker({ redis: base.redis, modules: ['./no/such/module.ts'] }), usage(/cannot load --module \.\/no\/such\/module\.ts: /));
  });
});
