/**
 * `amoeba approx` over a real redis-server with two `amoeba worker` processes: under --sync
 * its restarts end with the trials, and so the result, of the same run inline. Uses the
 * suite's Redis (AMOEBA_TEST_REDIS) when there is one, in a database of its own so that other
 * workers on that server never take its jobs; else a throwaway redis-server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { queueNamespace } from '../../src/cli/study-flags.ts';
import { DEFAULT_QUEUE } from '../../src/executors/queue/protocol.ts';
import { sqliteStore } from '../../src/store/index.ts';
import { cli } from '../helpers/cli.ts';
import { jobsOf } from '../helpers/queue-jobs.ts';
import { startWorker } from '../helpers/queue-workers.ts';
import { redisMissing, sharedRedis } from '../helpers/redis.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-approx-redis-'));
const OWN_DATABASE = '/11';
const noRedis = process.env['AMOEBA_TEST_REDIS'] ? undefined : redisMissing && `no AMOEBA_TEST_REDIS and ${redisMissing}`;

/** Each member's trials as (key, values), by id. */
function trialsOf(db: string): string[][] {
  const store = sqliteStore({ path: db });
  try {
    return store.group('approx-1')!.members.map((name) => store.trials(name).map((t) => `${t.id} ${t.key} ${t.status} ${t.values?.join(' ')}`));
  } finally {
    store.close();
  }
}

describe('amoeba approx on amoeba worker processes', { skip: noRedis }, () => {
  it('ends with the trials and result of the inline run under --sync', async () => {
    const redis = await sharedRedis();
    const url = new URL(redis.url);
    url.pathname = OWN_DATABASE;
    const workers = await Promise.all([1, 2].map(() => startWorker(['--redis', url.href])));
    try {
      const runs = [];
      for (const executor of [['--executor', 'inline'], ['--executor', 'redis', '--redis', url.href]]) {
        const db = join(dir, `${executor[1]}.db`);
        const json = join(dir, `${executor[1]}.json`);
        const args = ['approx', 'exp2', '--budget', '24', '--restarts', '2', '--max-ops', '5', '--validation-points', '129', '--workers', '2', '--sync', '--quiet'];
        const { code, out, err } = await cli(...args, '--db', db, '--json', json, ...executor);
        assert.equal(code, 0, err);
        runs.push({ out, json: JSON.parse(readFileSync(json, 'utf8')) as unknown, trials: trialsOf(db) });
      }
      const [inline, queued] = runs;
      assert.deepEqual(queued!.trials.map((t) => t.length), [24, 24]);
      assert.deepEqual(queued!.trials, inline!.trials);
      assert.deepEqual(queued!.json, inline!.json);
      assert.equal(queued!.out, inline!.out);
      const names = new Set(workers.map((w) => w.name));
      for (const member of ['approx-1/seed-0', 'approx-1/seed-1']) {
        const jobs = await jobsOf(url.href, DEFAULT_QUEUE, queueNamespace(join(dir, 'redis.db'), member));
        assert.equal(jobs.length, 24, `${member}: one job per trial`);
        assert.ok(jobs.every((j) => j.state === 'completed' && names.has(j.processedBy!)), `${member}: every trial evaluated by a worker`);
      }
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await redis.stop();
    }
  });
});
