import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { startWorker } from '../../src/executors/start-worker.ts';

test('a TypeScript worker module starts in a thread and receives its data', async () => {
  const worker = startWorker(new URL('./fixtures/echo-worker.ts', import.meta.url).href, { seed: 7 });
  try {
    const [message] = await once(worker, 'message');
    assert.deepEqual(message, { echoed: 7 });
  } finally {
    await worker.terminate();
  }
});
