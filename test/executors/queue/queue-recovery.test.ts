import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Study } from '../../../src/core/study.ts';
import type { Task } from '../../../src/core/types.ts';
import { queueExecutor } from '../../../src/executors/queue/index.ts';
import { resumeStoredStudy, sqliteStore } from '../../../src/store/index.ts';
import { integers } from '../fixtures/register.ts';
import { QUEUE_CRASH_SPEC, crashExecutor } from '../fixtures/queue-study-child.ts';
import { expectedIds, jobsOf } from '../../helpers/queue-jobs.ts';
import { QUEUE_TASKS, startWorker } from '../../helpers/queue-workers.ts';
import type { WorkerProcess } from '../../helpers/queue-workers.ts';
import { redisMissing, startRedis } from '../../helpers/redis.ts';
import type { TestRedis } from '../../helpers/redis.ts';
import { CountingAlgorithm } from '../../helpers/toy.ts';

const QUEUE = 'recovery-tests';
const STUDY_CHILD = fileURLToPath(new URL('../fixtures/queue-study-child.ts', import.meta.url));

/** Runs the study child and SIGKILLs it once `killAfterTrials` trials have finished. */
function runStudyUntilKilled(db: string, url: string, killAfterTrials: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', STUDY_CHILD, db, url, QUEUE], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if ((out.match(/^trial /gm) ?? []).length >= killAfterTrials) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(out) : reject(new Error(`the study child exited with ${code ?? signal} before it was killed: ${out}`))));
  });
}

/** Resolves once the queue has nothing waiting or running: the workers finished what was in flight. */
async function queueSettled(url: string): Promise<void> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection, prefix: 'amoeba' });
  try {
    for (;;) {
      const counts = await queue.getJobCounts('active', 'waiting');
      if (counts['active'] === 0 && counts['waiting'] === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

describe('a queue study that loses its process or its Redis', { skip: redisMissing }, () => {
  let redis: TestRedis;
  let workers: WorkerProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'amoeba-queue-'));

  before(async () => {
    redis = await startRedis();
    const args = ['--redis', redis.url, '--queue', QUEUE, '--module', QUEUE_TASKS, '--lock-ms', '2000', '--stalled-ms', '300'];
    workers = await Promise.all([0, 1].map(() => startWorker(args)));
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes a study SIGKILLed while the workers went on, collecting what they finished, with each trial evaluated once', async () => {
    const db = join(dir, 'crash.db');
    await runStudyUntilKilled(db, redis.url, 12);
    await queueSettled(redis.url);
    const store = sqliteStore({ path: db });
    try {
      const lost = store.trials(QUEUE_CRASH_SPEC.name).filter((t) => t.finishedSeq === undefined);
      assert.ok(lost.length > 0, 'no trial was in flight when the study was killed');
      await resumeStoredStudy<number>(store, QUEUE_CRASH_SPEC.name, { executor: crashExecutor(redis.url, QUEUE) }).run();
      const trials = store.trials(QUEUE_CRASH_SPEC.name);
      assert.deepEqual(trials.map((t) => t.id), [...Array(40).keys()]);
      assert.ok(trials.every((t) => t.status === 'done' && t.values?.[0] === Math.abs((t.genotype as number) - 321)));
    } finally {
      store.close();
    }
    const jobs = await jobsOf(redis.url, QUEUE, QUEUE_CRASH_SPEC.name);
    assert.deepEqual(jobs.map((j) => j.id), expectedIds(QUEUE_CRASH_SPEC.name, 40));
    // The trials in flight at the kill were collected from their finished jobs, not run again.
    assert.ok(jobs.every((j) => j.state === 'completed' && j.starts === 1), JSON.stringify(jobs));
  });

  it('waits out a Redis restart with one message each way, requeues the jobs it lost, and ends with every trial once', async () => {
    const messages: string[] = [];
    const executor = queueExecutor<number>({
      redis: redis.url,
      queue: QUEUE,
      study: 'restart',
      task: { id: 'test-sleepy-distance', config: { target: 7, sleepMs: 40 } },
      space: { id: 'test-integers', config: null },
      capacity: 4,
      log: (line) => messages.push(line),
    });
    const algorithm = new CountingAlgorithm();
    const task: Task<number> = { id: 'test-sleepy-distance', objectives: [{ name: 'distance', goal: 'min' }], evaluate: () => assert.fail('evaluated in the study process') };
    const study = new Study({ space: integers, task, algorithm, budgetTrials: 30, executor });
    let restarted: Promise<void> | undefined;
    study.on('trial', () => void (algorithm.seen.length >= 8 && (restarted ??= redis.restart())));
    const summary = await study.run();
    await restarted;
    assert.equal(summary.done, 30);
    assert.deepEqual(algorithm.seen.map((t) => t.id).sort((a, b) => a - b), [...Array(30).keys()]);
    for (const t of algorithm.seen) assert.deepEqual(t.values, [Math.abs(t.genotype - 7)]);
    assert.equal(messages.filter((m) => m.startsWith('amoeba: lost the connection to Redis at 127.0.0.1:')).length, 1, messages.join('\n'));
    assert.equal(messages.filter((m) => m.startsWith('amoeba: reconnected to Redis at 127.0.0.1:')).length, 1, messages.join('\n'));
    assert.ok(messages.length === 2, messages.join('\n'));
    // The fresh Redis holds only what was queued after the restart: the jobs in flight were requeued.
    const jobs = await jobsOf(redis.url, QUEUE, 'restart');
    assert.ok(jobs.length < 30 && jobs.every((j) => j.state === 'completed'), JSON.stringify(jobs));
  });
});
