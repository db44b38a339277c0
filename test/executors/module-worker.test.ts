import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { moduleWorker } from '../../src/executors/module-worker.ts';

test('a TypeScript worker module starts in a thread and receives its data', async () => {
  const worker = moduleWorker(new URL('./fixtures/echo-worker.ts', import.meta.url).href, { workerData: { seed: 7 } });
  try {
    const [message] = await once(worker, 'message');
    assert.deepEqual(message, { echoed: 7 });
  } finally {
    await worker.terminate();
  }
});
