import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { algorithms } from '../../../src/core/registries.ts';
import { Study } from '../../../src/core/study.ts';
import type { StudyOptions } from '../../../src/core/study.ts';
import type { Algorithm, Json, Space, Task, Trial } from '../../../src/core/types.ts';
import '../../../src/algorithms/index.ts';
import { threadExecutor } from '../../../src/executors/index.ts';
import { queueExecutor } from '../../../src/executors/queue/index.ts';
import type { QueueExecutorOptions } from '../../../src/executors/queue/index.ts';
import { FIXTURES_URL, integers } from '../fixtures/register.ts';
import { expectedIds, jobsOf, trialOf } from '../../helpers/queue-jobs.ts';
import { QUEUE_TASKS, startWorker } from '../../helpers/queue-workers.ts';
import type { WorkerProcess } from '../../helpers/queue-workers.ts';
import { redisMissing, sharedRedis } from '../../helpers/redis.ts';
import type { TestRedis } from '../../helpers/redis.ts';
import { CountingAlgorithm } from '../../helpers/toy.ts';

// Unique per run: the suite's shared Redis may hold another run's jobs.
const QUEUE = `executor-tests-${process.pid}`;

/** The study's own copy of the task is never called: the workers rebuild theirs from the registry. */
const unused: Task<number> = { id: 'test-sleepy-distance', objectives: [{ name: 'distance', goal: 'min' }], evaluate: () => assert.fail('evaluated in the study process') };

describe('queueExecutor with three worker processes', { skip: redisMissing }, () => {
  let redis: TestRedis;
  let workers: WorkerProcess[] = [];
  const messages: string[] = [];
  const executorFor = (study: string, task: { id: string; config: Json }, space = 'test-integers', more: Partial<QueueExecutorOptions> = {}) =>
    queueExecutor<number>({ redis: redis.url, queue: QUEUE, study, task, space: { id: space, config: null }, capacity: 6, log: (line) => messages.push(line), ...more });

  before(async () => {
    redis = await sharedRedis();
    const args = ['--redis', redis.url, '--queue', QUEUE, '--module', QUEUE_TASKS, '--lock-ms', '2000', '--stalled-ms', '300'];
    workers = await Promise.all([0, 1, 2].map(() => startWorker(args)));
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
  });

  it('runs the budget with every trial evaluated exactly once, spread over the workers', async () => {
    const algorithm = new CountingAlgorithm();
    const executor = executorFor('once', { id: 'test-sleepy-distance', config: { target: 7, sleepMs: 20 } });
    const summary = await new Study({ space: integers, task: unused, algorithm, budgetTrials: 30, executor }).run();
    assert.equal(summary.done, 30);
    assert.deepEqual(algorithm.seen.map((t) => t.id).sort((a, b) => a - b), [...Array(30).keys()]);
    for (const t of algorithm.seen) assert.deepEqual(t.values, [Math.abs(t.genotype - 7)]);
    const jobs = await jobsOf(redis.url, QUEUE, 'once');
    assert.deepEqual(jobs.map((j) => j.id), expectedIds('once', 30));
    assert.ok(jobs.every((j) => j.state === 'completed' && j.starts === 1), JSON.stringify(jobs));
    assert.ok(new Set(algorithm.seen.map((t) => t.info?.['evaluatedBy'])).size > 1, 'one worker did everything');
    assert.deepEqual(messages, []);
  });

  it('finds the same trials as threadExecutor with the same seed, budget and synchronous batches of three', async () => {
    const run = async (executor: StudyOptions<number>['executor']) => {
      const algorithm = algorithms.get('regularized-evolution')(integers as Space<unknown>, { populationSize: 9, tournamentSize: 3 }) as Algorithm<number>;
      const trials: Trial<number>[] = [];
      // syncBatch: propose three, wait for all three, feed them back in trial-id order.
      const study = new Study({ space: integers, task: unused, algorithm, seed: 11, budgetTrials: 45, syncBatch: 3, ...(executor === undefined ? {} : { executor }) }).on('trial', (t) => trials.push(t));
      await study.run();
      return { best: study.best()?.values, trials: trials.sort((a, b) => a.id - b.id).map((t) => [t.id, t.genotype, t.values[0]]) };
    };
    const task = { id: 'test-distance', config: { target: 321 } };
    const threads = await run(threadExecutor({ task, space: { id: 'test-integers', config: null }, modules: [FIXTURES_URL], workers: 3 }));
    const queue = await run(executorFor('same-as-threads', task));
    assert.equal(queue.trials.length, 45);
    assert.deepEqual(queue.best, threads.best);
    assert.deepEqual(queue.trials, threads.trials);
  });

  it('fails every trial of a task the workers do not know, naming --module, and the workers go on', async () => {
    const algorithm = new CountingAlgorithm();
    const executor = executorFor('unknown-task', { id: 'no-such-task', config: {} });
    const summary = await new Study({ space: integers, task: unused, algorithm, budgetTrials: 3, executor }).run();
    assert.equal(summary.failed, 3);
    for (const t of algorithm.seen) assert.match(t.error!, /no task 'no-such-task' registered.*--module/);
    assert.ok(workers.every((w) => w.stderr().includes('ready') && !w.stderr().includes('Error')), workers.map((w) => w.stderr()).join('\n'));
  });

  it("fails only the trial whose genotype the worker's space rejects, and a throwing task's trial, each without retry", async () => {
    // The study's space leaks a bad genotype for 3; the worker's checked space must refuse it.
    const leaky: Space<number> = { ...integers, toJSON: (g) => (g === 3 ? 'three' : g) };
    const algorithm = new CountingAlgorithm();
    const executor = executorFor('bad-genotype', { id: 'test-sleepy-distance', config: { target: 0, throwOn: 4 } }, 'test-checked-integers');
    const summary = await new Study({ space: leaky, task: unused, algorithm, budgetTrials: 6, executor }).run();
    assert.equal(summary.done, 4);
    const failed = algorithm.seen.filter((t) => t.status === 'failed').sort((a, b) => a.id - b.id);
    assert.deepEqual(failed.map((t) => t.id), [3, 4]);
    assert.match(failed[0]!.error!, /^invalid genotype: a genotype must be an integer in \[0, 1000\), got "three"$/);
    assert.equal(failed[1]!.error, 'refused 4');
    const jobs = await jobsOf(redis.url, QUEUE, 'bad-genotype');
    assert.deepEqual(jobs.filter((j) => j.state === 'failed').map((j) => [j.id, j.starts]), [['bad-genotype/3', 1], ['bad-genotype/4', 1]]);
  });

  it("fails a trial with 'timeout' when its evaluation runs past timeoutMs, without retrying it", async () => {
    const algorithm = new CountingAlgorithm();
    const executor = executorFor('timeout', { id: 'test-sleepy-distance', config: { sleepMs: 400 } }, 'test-integers', { timeoutMs: 50 });
    const summary = await new Study({ space: integers, task: unused, algorithm, budgetTrials: 2, executor }).run();
    assert.equal(summary.failed, 2);
    assert.deepEqual(algorithm.seen.map((t) => t.error), ['timeout', 'timeout']);
    assert.deepEqual((await jobsOf(redis.url, QUEUE, 'timeout')).map((j) => j.starts), [1, 1]);
  });

  // The last two each kill a worker.
  it('hands the job of a worker killed mid-evaluation to another, and the study ends with every trial once', async () => {
    const algorithm = new CountingAlgorithm();
    const executor = executorFor('killed-worker', { id: 'test-sleepy-distance', config: { target: 7, sleepMs: 300 } });
    const study = new Study({ space: integers, task: unused, algorithm, budgetTrials: 15, executor });
    const victim = workers[2]!;
    let killed: Promise<unknown> | undefined;
    // Every worker is busy with a 300 ms evaluation whenever a trial finishes.
    study.on('trial', () => void (killed ??= victim.stop('SIGKILL')));
    const summary = await study.run();
    assert.equal(await killed, 'SIGKILL');
    assert.equal(summary.done, 15);
    assert.deepEqual(algorithm.seen.map((t) => t.id).sort((a, b) => a - b), [...Array(15).keys()]);
    const jobs = await jobsOf(redis.url, QUEUE, 'killed-worker');
    assert.deepEqual(jobs.map((j) => j.id), expectedIds('killed-worker', 15));
    assert.ok(jobs.every((j) => j.state === 'completed'));
    const retried = jobs.filter((j) => j.starts === 2);
    assert.equal(retried.length, 1, JSON.stringify(jobs));
    const rerun = algorithm.seen.find((t) => t.id === trialOf(retried[0]!.id))!;
    assert.notEqual(rerun.info?.['evaluatedBy'], victim.pid);
  });

  it('fails the trial of a job whose worker died more often than attempts allow, naming why', async () => {
    const algorithm = new CountingAlgorithm();
    const executor = executorFor('out-of-attempts', { id: 'test-sleepy-distance', config: { sleepMs: 400 } }, 'test-integers', { attempts: 1, capacity: 1 });
    const study = new Study({ space: integers, task: unused, algorithm, budgetTrials: 1, executor });
    const running = study.run();
    // One trial, one running job: kill whichever live worker holds it.
    let holder: WorkerProcess | undefined;
    while (holder === undefined) {
      const [job] = await jobsOf(redis.url, QUEUE, 'out-of-attempts');
      holder = workers.find((w) => job?.state === 'active' && job.processedBy === w.name);
      if (holder === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await holder.stop('SIGKILL');
    assert.equal((await running).failed, 1);
    assert.match(algorithm.seen[0]!.error!, /^gave up after 1 attempt: the worker running this evaluation stopped \(crashed, was killed or hung\) each time$/);
  });
});

