import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../../src/core/errors.ts';
import { Study } from '../../../src/core/study.ts';
import type { Task } from '../../../src/core/types.ts';
import { queueExecutor } from '../../../src/executors/queue/index.ts';
import { integers } from '../fixtures/register.ts';
import { jobsOf } from '../../helpers/queue-jobs.ts';
import { QUEUE_TASKS, runWorkerToExit, startWorker } from '../../helpers/queue-workers.ts';
import { opensslMissing, redisMissing, startRedis } from '../../helpers/redis.ts';
import type { TestRedis } from '../../helpers/redis.ts';
import { CountingAlgorithm } from '../../helpers/toy.ts';

const PASSWORD = 'pw-Xq7s3cret';
const QUEUE = 'cli-tests';

const unused: Task<number> = { id: 'test-sleepy-distance', objectives: [{ name: 'distance', goal: 'min' }], evaluate: () => assert.fail('evaluated in the study process') };

function studyOn(url: string, study: string, sleepMs: number, budgetTrials: number) {
  const algorithm = new CountingAlgorithm();
  const executor = queueExecutor<number>({ redis: url, queue: QUEUE, study, task: { id: 'test-sleepy-distance', config: { target: 2, sleepMs } }, space: { id: 'test-integers', config: null }, log: () => {} });
  return { algorithm, study: new Study({ space: integers, task: unused, algorithm, budgetTrials, executor }) };
}

describe('amoeba worker', () => {
  it('refuses a --redis that is not a redis URL with exit code 2 and one line', async () => {
    const { code, stderr } = await runWorkerToExit(['--redis', 'http://:pw@10.0.0.5:6379']);
    assert.equal(code, 2);
    assert.match(stderr, /^amoeba: --redis must start with redis:\/\/ or rediss:\/\/, got 'http:\/\/\*\*\*@10\.0\.0\.5:6379'; .*\n$/);
  });

  describe('on a password-protected Redis', { skip: redisMissing }, () => {
    let redis: TestRedis;
    before(async () => (redis = await startRedis({ password: PASSWORD })));
    after(async () => await redis?.stop());

    it('serves a study over redis://:password@host:port and never prints the password', async () => {
      assert.match(redis.url, /^redis:\/\/:pw-Xq7s3cret@127\.0\.0\.1:\d+$/);
      const worker = await startWorker(['--redis', redis.url, '--queue', QUEUE, '--module', QUEUE_TASKS]);
      try {
        assert.match(worker.stderr(), new RegExp(`^amoeba worker: ready, concurrency 1, on redis 127\\.0\\.0\\.1:${redis.port} queue ${QUEUE}\\n$`));
        const { algorithm, study } = studyOn(redis.url, 'with-password', 0, 5);
        assert.equal((await study.run()).done, 5);
        assert.deepEqual(algorithm.seen.map((t) => t.values[0]).sort(), [0, 1, 1, 2, 2]);
      } finally {
        assert.equal(await worker.stop(), 0);
      }
      assert.ok(!worker.stderr().includes(PASSWORD));
    });

    it('refuses a wrong password at once: exit code 2 for a worker, a UsageError for a study', async () => {
      const wrong = redis.url.replace(PASSWORD, 'nope');
      const { code, stderr } = await runWorkerToExit(['--redis', wrong, '--module', QUEUE_TASKS]);
      assert.equal(code, 2);
      assert.match(stderr, /^amoeba: Redis at 127\.0\.0\.1:\d+ refused the connection: WRONGPASS.*check the password in the URL.*\n$/);
      await assert.rejects(studyOn(wrong, 'wrong-password', 0, 1).study.run(), (e: unknown) => e instanceof UsageError && /refused the connection: WRONGPASS/.test(e.message));
    });

    it('lets its running evaluation finish when stopped with SIGTERM, then exits with code 0', async () => {
      const worker = await startWorker(['--redis', redis.url, '--queue', QUEUE, '--module', QUEUE_TASKS]);
      const { algorithm, study } = studyOn(redis.url, 'graceful', 600, 1);
      const running = study.run();
      while ((await jobsOf(redis.url, QUEUE, 'graceful'))[0]?.state !== 'active') await new Promise((resolve) => setTimeout(resolve, 20));
      const stopped = worker.stop('SIGTERM');
      assert.equal((await running).done, 1);
      assert.equal(algorithm.seen[0]!.info?.['evaluatedBy'], worker.pid);
      assert.equal(await stopped, 0);
      assert.match(worker.stderr(), /SIGTERM: stopping after the running evaluations.*\n.*stopped\n$/);
    });
  });

  describe('when Redis goes away', { skip: redisMissing }, () => {
    it('still stops on SIGTERM, with exit code 0, instead of waiting for Redis to come back', { timeout: 30_000 }, async () => {
      const redis = await startRedis();
      const worker = await startWorker(['--redis', redis.url, '--queue', QUEUE, '--module', QUEUE_TASKS]);
      await redis.stop();
      while (!worker.stderr().includes('lost the connection')) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await worker.stop('SIGTERM'), 0);
      assert.match(worker.stderr(), /stopped\n$/);
    });
  });

  describe('on a TLS Redis (rediss://)', { skip: redisMissing ?? opensslMissing }, () => {
    let redis: TestRedis;
    const dir = mkdtempSync(join(tmpdir(), 'amoeba-queue-tls-'));
    before(async () => (redis = await startRedis({ password: PASSWORD, tls: true })));
    after(async () => {
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs a study over rediss:// once the CA is trusted through NODE_EXTRA_CA_CERTS, and refuses an untrusted certificate at once', async () => {
      assert.match(redis.url, /^rediss:\/\/:pw-Xq7s3cret@localhost:\d+$/);
      const trusted = { ...process.env, NODE_EXTRA_CA_CERTS: redis.caFile };
      const worker = await startWorker(['--redis', redis.url, '--queue', QUEUE, '--module', QUEUE_TASKS], trusted);
      try {
        const { code, out } = await runStudyChild([join(dir, 'tls.db'), redis.url, QUEUE], trusted);
        assert.equal(code, 0);
        assert.equal((out.match(/^trial /gm) ?? []).length, 40);
        assert.match(out, /done\n$/);
      } finally {
        await worker.stop();
      }
      await assert.rejects(studyOn(redis.url, 'untrusted', 0, 1).study.run(), (e: unknown) => e instanceof UsageError && /TLS certificate of Redis at localhost:\d+ is not trusted: .*NODE_EXTRA_CA_CERTS=<ca.crt>/.test(e.message));
    });
  });
});

/** Runs the stored-study child (a 40-trial study on the queue) to its end. */
function runStudyChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../fixtures/queue-study-child.ts', import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}
