import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { UsageError } from '../core/errors.ts';
import { positiveMs, wholeNumber } from '../core/options.ts';
import type { Executor } from '../core/plugs.ts';
import type { EvalContext, Json, Measurement, Space } from '../core/types.ts';
import type { EvaluationRequest, EvaluationResult, WorkerSetup } from './protocol.ts';
import { MODULE_EXTENSION, needsTsx, tsxLoader } from './tsx-loader.ts';

/** Options of `threadExecutor`. */
export interface ThreadExecutorOptions {
  /** How the workers rebuild the task: its registry id and config. */
  readonly task: { readonly id: string; readonly config: Json };
  /** How the workers rebuild the space (from the `spaces` registry). */
  readonly space: { readonly id: string; readonly config: Json };
  /** Module URLs each worker imports first, so the task and space register (`import.meta.resolve(...)`). */
  readonly modules: readonly string[];
  /** Worker threads (default: the number of cores). */
  readonly workers?: number;
  /** Evaluations per message (default 1); raise it for evaluations well under a millisecond. */
  readonly batchSize?: number;
  /** Longest one evaluation may run before its worker is replaced and the trial fails with 'timeout'. */
  readonly timeoutMs?: number;
}

const WORKER_URL = new URL(`./worker${MODULE_EXTENSION}`, import.meta.url).href;

/**
 * Evaluates on worker threads (piscina). Each worker rebuilds the task and space from their
 * ids and configs; genotypes travel as JSON, results come back as plain data. Keeps
 * `workers × batchSize` evaluations in flight, sent `batchSize` to a message.
 *
 * @example
 * const executor = threadExecutor({ task: { id: 'my-task', config }, space: { id: 'graph', config: spaceConfig },
 *   modules: [import.meta.resolve('./register.ts')], timeoutMs: 10_000 });
 */
export function threadExecutor<G>(options: ThreadExecutorOptions): Executor<G> {
  const workers = options.workers ?? availableParallelism();
  const batchSize = options.batchSize ?? 1;
  wholeNumber('threadExecutor', 'workers', workers, 1);
  wholeNumber('threadExecutor', 'batchSize', batchSize, 1);
  if (options.timeoutMs !== undefined) positiveMs('threadExecutor', 'timeoutMs', options.timeoutMs);
  return new ThreadExecutor<G>(options, workers, batchSize);
}

interface Waiting {
  readonly request: EvaluationRequest;
  readonly resolve: (m: Measurement) => void;
  readonly reject: (e: Error) => void;
}

class ThreadExecutor<G> implements Executor<G> {
  readonly capacity: number;
  private pool: Piscina | undefined;
  private space: Space<G> | undefined;
  private queued: Waiting[] = [];
  private sendScheduled = false;

  constructor(
    private readonly options: ThreadExecutorOptions,
    private readonly workers: number,
    private readonly batchSize: number,
  ) {
    this.capacity = workers * batchSize;
  }

  /** Starts the workers and checks, with an empty message, that they can rebuild the task and space. */
  async open(binding: { readonly space: Space<G> }): Promise<void> {
    this.space = binding.space;
    const setup: WorkerSetup = { modules: this.options.modules, task: this.options.task, space: this.options.space };
    this.pool = new Piscina({
      filename: WORKER_URL,
      minThreads: this.workers,
      maxThreads: this.workers,
      // Compiled JavaScript runs on plain Node; tsx loads only when something is TypeScript.
      ...(needsTsx([WORKER_URL, ...setup.modules]) ? { execArgv: ['--import', tsxLoader()] } : {}),
      workerData: setup,
      idleTimeout: 60_000,
    });
    try {
      await this.pool.run({ requests: [] });
    } catch (error) {
      await this.close();
      const message = error instanceof Error ? error.message : String(error);
      throw new UsageError(`worker threads cannot rebuild task '${setup.task.id}' and space '${setup.space.id}': ${message}`);
    }
  }

  evaluate(genotype: G, ctx: EvalContext): Promise<Measurement> {
    if (this.space === undefined) throw new Error('threadExecutor: evaluate called before open');
    const request = { genotype: this.space.toJSON(genotype), ctx };
    return new Promise<Measurement>((resolve, reject) => {
      this.queued.push({ request, resolve, reject });
      // The study launches trials back to back while workers are free; sending on the next
      // turn of the event loop lets them gather into full batches.
      if (this.queued.length >= this.batchSize) this.send();
      else if (!this.sendScheduled) {
        this.sendScheduled = true;
        setImmediate(() => {
          this.sendScheduled = false;
          this.send();
        });
      }
    });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private send(): void {
    while (this.queued.length > 0) void this.runBatch(this.queued.splice(0, this.batchSize));
  }

  private async runBatch(batch: Waiting[]): Promise<void> {
    const pool = this.pool;
    if (pool === undefined) {
      for (const w of batch) w.reject(new Error('threadExecutor: closed'));
      return;
    }
    const requests = batch.map((w) => w.request);
    const watch = this.options.timeoutMs === undefined ? undefined : new Watchdog(this.options.timeoutMs);
    let results: EvaluationResult[];
    try {
      results = (await (watch === undefined
        ? pool.run({ requests })
        : pool.run({ requests, port: watch.workerPort }, { signal: watch.signal, transferList: [watch.workerPort] }))) as EvaluationResult[];
    } catch (error) {
      watch?.close();
      const hung = watch?.hungIndex;
      if (hung !== undefined) {
        // Only the evaluation that ran past its time fails; the rest of its message runs again.
        batch[hung]!.reject(new Error('timeout'));
        const others = batch.filter((_, i) => i !== hung);
        if (others.length > 0) await this.runBatch(others);
        return;
      }
      // A crashed worker takes its whole message with it; run each evaluation on its own so
      // that only the one at fault fails.
      if (batch.length > 1) {
        await Promise.all(batch.map((w) => this.runBatch([w])));
        return;
      }
      batch[0]!.reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    watch?.close();
    batch.forEach((w, i) => {
      const r = results[i]!;
      if ('error' in r) w.reject(new Error(r.error));
      else w.resolve(r.info === undefined ? { values: r.values } : { values: r.values, info: r.info });
    });
  }
}

/**
 * Times each evaluation of a message from the moment the worker starts it (the worker posts
 * its index on a port), so a worker's start-up never counts against the time limit.
 */
class Watchdog {
  readonly workerPort: MessagePort;
  private readonly port: MessagePort;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private started: number | undefined;
  /** The evaluation that ran past its time, once the watchdog fired. */
  hungIndex: number | undefined;

  constructor(private readonly timeoutMs: number) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.workerPort = channel.port2;
    this.port.on('message', (index: number) => {
      clearTimeout(this.timer);
      this.started = index;
      this.timer = setTimeout(() => {
        this.hungIndex = this.started;
        this.controller.abort();
      }, this.timeoutMs);
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  close(): void {
    clearTimeout(this.timer);
    this.port.close();
  }
}
