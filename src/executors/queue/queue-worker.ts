import { hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { wholeNumber } from '../../core/options.ts';
import { DEFAULT_QUEUE, KEY_PREFIX, checkName } from './protocol.ts';
import type { EvaluationJob, EvaluationOutput } from './protocol.ts';
import { isConnectionError, watchedRedis } from './redis-connection.ts';
import { parseRedisUrl } from './redis-target.ts';
import { importUserModule } from '../tsx-loader.ts';
import { StudyBindings } from './study-bindings.ts';

const WORKER_NAME = `${hostname()}:${process.pid}`;
// How long a worker that lost Redis waits for BullMQ to close before it stops anyway.
const CLOSE_WHILE_DOWN_MS = 1000;

/** Options of `startQueueWorker`. */
export interface QueueWorkerOptions {
  /** `redis://[:password@]host[:port][/db]`, or `rediss://...` for TLS. */
  readonly redis: string;
  /**
   * Evaluations at once in this process (default 1). Evaluations share one thread, so raise it
   * only for tasks that wait (on I/O, a device, a subprocess); for tasks that compute, run one
   * worker process per core instead.
   */
  readonly concurrency?: number;
  /** Paths or URLs of modules to import first, so their tasks and spaces register. */
  readonly modules?: readonly string[];
  /** The queue to take jobs from (default `evaluations`). */
  readonly queue?: string;
  /**
   * How long a running evaluation holds its job without renewing the lock (default 30000 ms).
   * The lock is renewed from the event loop, so an evaluation that blocks it longer than this
   * looks crashed and is handed to another worker: raise it for long synchronous evaluations.
   */
  readonly lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died (default 15000 ms). */
  readonly stalledIntervalMs?: number;
  /** Where connection and queue messages go (default: standard error). */
  readonly log?: (line: string) => void;
}

/** A running queue worker. */
export interface QueueWorker {
  /** `host:port` of its Redis, without the password. */
  readonly where: string;
  readonly concurrency: number;
  /** Takes no new jobs, lets the running ones finish, then disconnects. */
  close(): Promise<void>;
}

const DEFAULT_LOCK_MS = 30_000;
const DEFAULT_STALLED_MS = 15_000;
/** Crashes are bounded per job by its `attempts`, checked when it starts; this only backs that up. */
const STALL_BACKSTOP = 1000;

/**
 * Starts a BullMQ worker that evaluates the trials studies put on the queue: it rebuilds each
 * study's task and space from this process's registries (after importing `modules`), checks
 * every genotype with the space's `fromJSON`, and returns `{ values, info? }`. A task that
 * throws fails its trial at once (no retry: it would throw again); a worker that dies
 * mid-evaluation leaves its job to be taken over by another after the lock runs out.
 *
 * @example
 * const worker = await startQueueWorker({ redis: 'redis://10.0.0.5:6379', concurrency: 1, modules: ['./my-task.ts'] });
 * process.once('SIGTERM', () => void worker.close());
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const who = 'startQueueWorker';
  const target = parseRedisUrl(options.redis);
  const queue = checkName('queue', options.queue ?? DEFAULT_QUEUE, who);
  const concurrency = options.concurrency ?? 1;
  const lockDuration = options.lockDurationMs ?? DEFAULT_LOCK_MS;
  const stalledInterval = options.stalledIntervalMs ?? DEFAULT_STALLED_MS;
  wholeNumber(who, 'concurrency', concurrency, 1);
  wholeNumber(who, 'lockDurationMs', lockDuration, 10);
  wholeNumber(who, 'stalledIntervalMs', stalledInterval, 10);
  for (const module of options.modules ?? []) await importUserModule(module, '--module');
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const redis = watchedRedis(target, { label: 'amoeba worker', log });
  await redis.ready();
  const bindings = new StudyBindings(redis.client, queue);
  const worker = new Worker<EvaluationJob, EvaluationOutput>(queue, (job) => evaluateJob(job, bindings), {
    connection: redis.client,
    prefix: KEY_PREFIX,
    // Jobs record it as `processedBy`, so a person can tell which machine ran what.
    name: `${hostname()}:${process.pid}`,
    concurrency,
    lockDuration,
    stalledInterval,
    maxStalledCount: STALL_BACKSTOP,
    // BullMQ waits this long before fetching again after a connection error (15 s by default).
    runRetryDelay: 500,
  });
  const reported = new Set<string>();
  worker.on('error', (error) => {
    if (isConnectionError(error)) return;
    const message = explain(error.message);
    if (reported.has(message)) return;
    reported.add(message);
    log(`amoeba worker: ${message}`);
  });
  await worker.waitUntilReady();
  return {
    where: target.where,
    concurrency,
    async close() {
      if (redis.up) await worker.close();
      else {
        // While Redis is down no result can be handed back, and BullMQ's close would wait
        // for the connection: drop the running jobs (their locks run out and another worker
        // takes them) and stop now.
        await Promise.race([worker.close(true).catch(() => {}), new Promise((resolve) => setTimeout(resolve, CLOSE_WHILE_DOWN_MS).unref())]);
      }
      await redis.close();
    },
  };
}

/** A BullMQ error in words a person running workers can act on. */
function explain(message: string): string {
  const vanished = /^Missing (?:key|lock) for job (\S+?)\.? /.exec(message);
  if (vanished !== null) return `job ${vanished[1]} was gone from Redis when it finished (was Redis restarted?); its study queues it again`;
  return `queue: ${message}`;
}

/** Runs one job; every failure but a crash is final, since the same input would fail again. */
async function evaluateJob(job: Job<EvaluationJob, EvaluationOutput>, bindings: StudyBindings): Promise<EvaluationOutput> {
  const { study, setup, trialId, seed, genotype, timeoutMs } = job.data;
  const attempts = job.opts.attempts ?? 1;
  if (job.attemptsStarted > attempts) {
    const times = attempts === 1 ? 'attempt' : 'attempts';
    throw new UnrecoverableError(`gave up after ${attempts} ${times}: the worker running this evaluation stopped (crashed, was killed or hung) each time`);
  }
  const { task, space } = await bindings.get(study, setup);
  let decoded: unknown;
  try {
    decoded = space.fromJSON(genotype);
  } catch (error) {
    throw new UnrecoverableError(`invalid genotype: ${messageOf(error)}`);
  }
  const started = performance.now();
  try {
    const outcome = task.evaluate(decoded, { trialId, seed });
    const m = await (timeoutMs === undefined ? outcome : withinTime(outcome, timeoutMs - (performance.now() - started)));
    // A synchronous evaluation cannot be interrupted; one that ran over its time still fails.
    if (timeoutMs !== undefined && performance.now() - started > timeoutMs) throw new Error('timeout');
    // The store keeps which worker ran each trial (its `worker` column).
    return { values: m.values, info: { ...m.info, worker: WORKER_NAME } };
  } catch (error) {
    throw new UnrecoverableError(messageOf(error));
  }
}

/** The value, or a 'timeout' error once `ms` have passed. */
function withinTime<T>(value: T | Promise<T>, ms: number): Promise<T> {
  if (!(value instanceof Promise)) return Promise.resolve(value);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), Math.max(0, ms))));
  return Promise.race([value, late]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
