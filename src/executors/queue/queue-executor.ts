import { Queue, QueueEvents } from 'bullmq';
import { UsageError } from '../../core/errors.ts';
import { positiveMs, wholeNumber } from '../../core/options.ts';
import type { Executor } from '../../core/plugs.ts';
import type { EvalContext, Json, Measurement, Space } from '../../core/types.ts';
import { PendingJobs } from './pending-jobs.ts';
import { DEFAULT_QUEUE, KEY_PREFIX, checkName, encodeSetup, setupKey } from './protocol.ts';
import type { EvaluationJob } from './protocol.ts';
import { isConnectionError, watchedRedis } from './redis-connection.ts';
import type { WatchedRedis } from './redis-connection.ts';
import { parseRedisUrl } from './redis-target.ts';
import type { RedisTarget } from './redis-target.ts';

/** Options of `queueExecutor`. */
export interface QueueExecutorOptions {
  /** `redis://[:password@]host[:port][/db]`, or `rediss://...` for TLS. */
  readonly redis: string;
  /** The study's name: job ids are `<study>/<trialId>`, so it must be unique on this Redis. */
  readonly study: string;
  /** How workers rebuild the task: its registry id and config. */
  readonly task: { readonly id: string; readonly config: Json };
  /** How workers rebuild the space (from the `spaces` registry). */
  readonly space: { readonly id: string; readonly config: Json };
  /** The queue the workers listen on (default `evaluations`). */
  readonly queue?: string;
  /**
   * Evaluations in flight (default 16). About twice the total concurrency of the workers keeps
   * each of them busy while results travel back; more only makes steady-state proposals staler.
   */
  readonly capacity?: number;
  /**
   * How many times one evaluation may start (default 3): a worker that crashes or hangs
   * mid-evaluation gives it back to the queue until then. A task that throws is not retried.
   */
  readonly attempts?: number;
  /** Longest one evaluation may run on its worker before its trial fails with 'timeout'. */
  readonly timeoutMs?: number;
  /** How long Redis keeps finished jobs (default 7 days), so a resumed study collects them. */
  readonly keepResultsSeconds?: number;
  /** How often the pending jobs are looked up in Redis, beside the events (default 2000 ms). */
  readonly checkEveryMs?: number;
  /** Where connection messages go (default: standard error). */
  readonly log?: (line: string) => void;
}

const DEFAULT_CAPACITY = 16;
const DEFAULT_ATTEMPTS = 3;
const DEFAULT_KEEP_SECONDS = 7 * 24 * 3600;
const DEFAULT_CHECK_MS = 2000;

/**
 * Evaluates on `amoeba worker` processes through a Redis queue (BullMQ). The study's task and
 * space are published once as ids and configs; each job carries one trial's genotype as JSON
 * and its seed, under the id `<study>/<trialId>`. Evaluating a trial whose job already exists
 * collects that job's result instead of running it again, which is how a resumed study picks
 * up what finished while it was down. Redis outages are waited out with one message.
 *
 * @example
 * const executor = queueExecutor({ redis: 'redis://:secret@10.0.0.5:6379', study: 'sr-1',
 *   task: { id: 'symbolic-regression', config }, space: { id: 'graph', config: spaceConfig } });
 */
export function queueExecutor<G>(options: QueueExecutorOptions): Executor<G> {
  const who = 'queueExecutor';
  const target = parseRedisUrl(options.redis);
  checkName('study', options.study, who);
  checkName('queue', options.queue ?? DEFAULT_QUEUE, who);
  const whole = (name: string, value: number | undefined, min: number) => value === undefined || wholeNumber(who, name, value, min);
  whole('capacity', options.capacity, 1);
  whole('attempts', options.attempts, 1);
  whole('keepResultsSeconds', options.keepResultsSeconds, 1);
  whole('checkEveryMs', options.checkEveryMs, 10);
  if (options.timeoutMs !== undefined) positiveMs(who, 'timeoutMs', options.timeoutMs);
  for (const part of ['task', 'space'] as const) {
    if (typeof options[part]?.id !== 'string') throw new UsageError(`${who}: ${part} must be { id, config } naming a registered ${part}`);
  }
  return new QueueExecutor<G>(options, target);
}

class QueueExecutor<G> implements Executor<G> {
  readonly capacity: number;
  private readonly queueName: string;
  private readonly setup: { readonly text: string; readonly digest: string };
  private readonly log: (line: string) => void;
  private space: Space<G> | undefined;
  private redis: WatchedRedis | undefined;
  private queue: Queue | undefined;
  private events: QueueEvents | undefined;
  private pending: PendingJobs | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly reported = new Set<string>();

  constructor(
    private readonly options: QueueExecutorOptions,
    private readonly target: RedisTarget,
  ) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.queueName = options.queue ?? DEFAULT_QUEUE;
    this.setup = encodeSetup({ task: options.task, space: options.space });
    this.log = options.log ?? ((line) => void process.stderr.write(`${line}\n`));
  }

  /** Connects, publishes the study's setup and starts listening for results before any job is added. */
  async open(binding: { readonly space: Space<G> }): Promise<void> {
    this.space = binding.space;
    const redis = watchedRedis(this.target, { label: 'amoeba', log: this.log, onReconnect: () => void this.pending?.sweep() });
    this.redis = redis;
    try {
      await redis.ready();
      const connection = redis.client;
      const queue = new Queue(this.queueName, { connection, prefix: KEY_PREFIX });
      queue.on('error', (error) => this.report(error));
      this.queue = queue;
      const publish = () => connection.set(setupKey(this.queueName, this.options.study), this.setup.text).then(() => undefined);
      await publish();
      // Listen from the newest event on: nothing that finishes after this line is missed.
      const newest = await connection.xrevrange(`${KEY_PREFIX}:${this.queueName}:events`, '+', '-', 'COUNT', 1);
      const events = new QueueEvents(this.queueName, { connection, prefix: KEY_PREFIX, lastEventId: newest[0]?.[0] ?? '0-0' });
      events.on('error', (error) => this.report(error));
      this.events = events;
      const pending = new PendingJobs(queue, publish, {
        attempts: this.options.attempts ?? DEFAULT_ATTEMPTS,
        keepSeconds: this.options.keepResultsSeconds ?? DEFAULT_KEEP_SECONDS,
        onError: (error) => this.report(error),
      });
      this.pending = pending;
      events.on('completed', ({ jobId, returnvalue }) => pending.completed(jobId, returnvalue));
      events.on('failed', ({ jobId, failedReason }) => pending.failed(jobId, failedReason));
      await events.waitUntilReady();
      this.timer = setInterval(() => void pending.sweep(), this.options.checkEveryMs ?? DEFAULT_CHECK_MS);
      this.timer.unref();
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  evaluate(genotype: G, ctx: EvalContext): Promise<Measurement> {
    if (this.space === undefined || this.pending === undefined) throw new Error('queueExecutor: evaluate called before open');
    const job: EvaluationJob = {
      study: this.options.study,
      setup: this.setup.digest,
      trialId: ctx.trialId,
      seed: ctx.seed,
      genotype: this.space.toJSON(genotype),
      ...(this.options.timeoutMs === undefined ? {} : { timeoutMs: this.options.timeoutMs }),
    };
    return this.pending.run(job);
  }

  /** Closes the connections; jobs and results stay in Redis for a resume. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.pending?.abandon(new Error('queueExecutor: closed before the evaluation finished'));
    const { events, queue, redis } = this;
    this.events = this.queue = this.redis = this.pending = undefined;
    await events?.close().catch(() => {});
    await queue?.close().catch(() => {});
    await redis?.close();
  }

  /** Connection errors are the watcher's to report; anything else is printed once per message. */
  private report(error: Error): void {
    if (isConnectionError(error) || this.reported.has(error.message)) return;
    this.reported.add(error.message);
    this.log(`amoeba: queue: ${error.message}`);
  }
}
