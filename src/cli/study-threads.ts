import { siblingModule, moduleWorker } from '../executors/module-worker.ts';
import { UsageError } from '../core/errors.ts';
import type { Worker } from 'node:worker_threads';

/** What each thread of `runStudiesOnThreads` is started with. */
export interface StudyThreadSetup {
  /** The SQLite store file that holds the studies. */
  readonly db: string;
  readonly syncBatch?: number;
}

/** A message to a study thread. */
export type StudyThreadRequest = { readonly kind: 'run'; readonly name: string } | { readonly kind: 'stop' } | { readonly kind: 'close' };

/** A study thread's answer when a study it ran has ended. */
export type StudyThreadReply =
  | { readonly kind: 'ended'; readonly name: string; readonly aborted: boolean }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string; readonly usage: boolean };

/** Options of `runStudiesOnThreads`. */
export interface StudyThreadsOptions extends StudyThreadSetup {
  /** Study names, in the order to start them. */
  readonly names: readonly string[];
  /** Threads, each running one study at a time. */
  readonly workers: number;
  /** Aborting stops the studies running (they stay resumable) and starts no other. */
  readonly signal?: AbortSignal;
  /** Start no new study after this many seconds. */
  readonly timeLimitSeconds?: number;
  /** Called as each study reaches its end (not an abort). */
  readonly onEnded?: (name: string) => void;
}

const ENTRY = siblingModule('study-thread-entry', import.meta.url);

/**
 * Runs whole stored studies on worker threads, `workers` at a time, each inline on its thread
 * with its own connection to the store file: the way to use many cores when one evaluation
 * is too cheap to send to another thread (a table lookup takes microseconds, a message to a
 * thread about a hundred). A study's trials are its own, so each ends with the trials it
 * would have inline. The first study to fail stops the rest and rethrows its error.
 */
export async function runStudiesOnThreads(options: StudyThreadsOptions): Promise<void> {
  const started = performance.now();
  const queue = [...options.names];
  const setup: StudyThreadSetup = { db: options.db, ...(options.syncBatch === undefined ? {} : { syncBatch: options.syncBatch }) };
  const threads: Worker[] = [];
  const exited = new Set<Worker>();
  let failure: StudyThreadReply | undefined;
  const stopAll = () => {
    for (const thread of threads) thread.postMessage({ kind: 'stop' } satisfies StudyThreadRequest);
  };
  options.signal?.addEventListener('abort', stopAll, { once: true });
  const mayStart = () =>
    failure === undefined && options.signal?.aborted !== true && (options.timeLimitSeconds === undefined || performance.now() - started < options.timeLimitSeconds * 1000);
  const runOn = (thread: Worker) =>
    new Promise<void>((resolve, reject) => {
      const next = () => {
        const name = queue.shift();
        if (name === undefined || !mayStart()) {
          thread.off('message', onReply);
          resolve();
          return;
        }
        thread.postMessage({ kind: 'run', name } satisfies StudyThreadRequest);
      };
      const onReply = (reply: StudyThreadReply) => {
        if (reply.kind === 'failed') {
          failure ??= reply;
          stopAll();
        } else if (!reply.aborted) options.onEnded?.(reply.name);
        next();
      };
      thread.on('message', onReply);
      thread.once('error', reject);
      next();
    });
  try {
    const count = Math.min(options.workers, queue.length);
    for (let i = 0; i < count; i++) {
      const thread = moduleWorker(ENTRY, { workerData: setup });
      thread.once('exit', () => exited.add(thread));
      threads.push(thread);
    }
    await Promise.all(threads.map(runOn));
  } finally {
    options.signal?.removeEventListener('abort', stopAll);
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve) => {
            if (exited.has(thread)) return resolve();
            thread.once('exit', () => resolve());
            thread.postMessage({ kind: 'close' } satisfies StudyThreadRequest);
          }),
      ),
    );
  }
  if (failure?.kind === 'failed') {
    const message = `study '${failure.name}': ${failure.message}`;
    throw failure.usage ? new UsageError(message) : new Error(message);
  }
}
