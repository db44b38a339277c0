import { createHash, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import type { Executor } from '../core/plugs.ts';
import { threadExecutor } from '../executors/index.ts';
import { DEFAULT_STORE_FILE, freshName, openStoreFile } from '../store/index.ts';
import type { Recipe, StudyStore } from '../store/index.ts';
import { BUILT_IN_TASKS_URL } from '../tasks/built-in.ts';
import { intFlag, numberFlag } from './command.ts';

/** Modules that register tasks and spaces; workers import them to rebuild a study's task. */
const TASK_MODULES: readonly string[] = [BUILT_IN_TASKS_URL];

/** Where a study's evaluations run. */
export type ExecutorKind = 'inline' | 'threads' | 'redis';

/** The flags every command that runs a study shares (see `addStudyFlags`). */
export interface StudyFlags {
  /** The store file, or false for `--no-db`. */
  readonly db: string | false;
  readonly workers: number;
  readonly executor?: ExecutorKind;
  readonly redis?: string;
  readonly timeout?: number;
  /** Synchronous batches of `workers` trials: the seed then replays the search on any executor. */
  readonly sync?: boolean;
}

/**
 * Adds `--db`, `--no-db`, `--workers`, `--executor`, `--redis`, `--timeout` and `--sync` to a
 * command. `workers` is the default of `--workers` (the number of cores unless given).
 */
export function addStudyFlags(command: Command, workers = availableParallelism()): Command {
  const which = workers === availableParallelism() ? 'the number of cores' : String(workers);
  return command
    .option('--db <file>', `the study store, so the search can be resumed with 'amoeba resume'`, DEFAULT_STORE_FILE)
    .option('--no-db', 'keep no store')
    .addOption(new Option('--workers <n>', 'evaluations in parallel (1 runs inline); with --executor redis, evaluations in flight across all workers').argParser(intFlag('workers', 1)).default(workers, which))
    .option('--executor <kind>', 'where evaluations run: inline, threads or redis (default: threads when --workers > 1)', executorKind)
    .option('--redis <url>', 'the Redis server of --executor redis, e.g. redis://:password@10.0.0.5:6379')
    .option('--timeout <ms>', 'fail an evaluation that runs longer than this (threads and redis)', numberFlag('timeout', 1))
    .option('--sync', 'evaluate in synchronous batches of --workers trials, so the seed replays the search on any executor');
}

/** Parses `--executor`. */
export function executorKind(raw: string): ExecutorKind {
  if (raw === 'inline' || raw === 'threads' || raw === 'redis') return raw;
  throw new UsageError(`--executor must be inline, threads or redis, got '${raw}'`);
}

/** What a command needs to run a study from its flags: a store and name, and an executor factory. */
export interface StudyPlumbing {
  readonly store: { readonly store: StudyStore; readonly name: string } | undefined;
  /** Builds the executor from how the task and space are rebuilt; undefined runs inline. */
  readonly executor: ((recipes: { readonly task: Recipe; readonly space: Recipe }) => Executor<never>) | undefined;
  /** Closes the store. */
  close(): void;
}

/**
 * Opens the store (unless `--no-db`), picks a fresh study name `<prefix>-<n>`, and prepares
 * the executor the flags ask for. Checks every flag before anything runs.
 */
export async function studyPlumbing(flags: StudyFlags, prefix: string, modules: readonly string[] = []): Promise<StudyPlumbing> {
  const kind = chooseExecutor(flags);
  const store = flags.db === false ? undefined : openStoreFile(flags.db);
  const name = store === undefined ? `${prefix}-1` : freshName(store, prefix);
  let executor: StudyPlumbing['executor'];
  try {
    executor = await executorFactory(kind, flags, queueNamespace(flags.db, name), modules);
  } catch (error) {
    store?.close();
    throw error;
  }
  return { store: store === undefined ? undefined : { store, name }, executor, close: () => store?.close() };
}

/** The executor the flags ask for (threads when `--workers` > 1), after checking they fit together. */
export function chooseExecutor(flags: Omit<StudyFlags, 'db'>): ExecutorKind {
  const kind = flags.executor ?? (flags.workers > 1 ? 'threads' : 'inline');
  if (kind === 'redis' && flags.redis === undefined) throw new UsageError('--executor redis needs --redis <url>, e.g. --redis redis://127.0.0.1:6379');
  if (kind !== 'redis' && flags.redis !== undefined) throw new UsageError(`--redis is only used with --executor redis (got --executor ${kind})`);
  if (kind === 'inline' && flags.timeout !== undefined) {
    throw new UsageError('--timeout needs evaluations off the study thread: add --workers 2 (or more), or --executor threads');
  }
  return kind;
}

/**
 * The name a study's jobs carry in a shared Redis: the study's name and its store's path, so
 * that studies of two stores never share results, and a resumed study finds its own again.
 */
export function queueNamespace(db: string | false, studyName: string): string {
  const where = db === false ? randomUUID() : resolve(db);
  return `${studyName}-${createHash('sha256').update(where).digest('hex').slice(0, 12)}`;
}

/**
 * The executor factory for the flags: thread pool, Redis queue, or undefined for inline. For
 * Redis it first checks the server answers, so a wrong or stopped server is one UsageError
 * before anything runs (a server lost later is waited for). Threads import `modules` (a search
 * file's) after the built-ins; `amoeba worker` machines are given them with `--module`.
 */
export async function executorFactory(kind: ExecutorKind, flags: Omit<StudyFlags, 'db'>, namespace: string, modules: readonly string[] = []): Promise<StudyPlumbing['executor']> {
  const timeout = flags.timeout === undefined ? {} : { timeoutMs: flags.timeout };
  if (kind === 'threads') {
    return ({ task, space }) => threadExecutor({ task, space, modules: [...TASK_MODULES, ...modules], workers: flags.workers, ...timeout });
  }
  if (kind === 'redis') {
    const { queueExecutor, parseRedisUrl } = await import('../executors/queue/index.ts');
    const { checkRedisReachable } = await import('../executors/queue/redis-connection.ts');
    const redis = flags.redis!;
    await checkRedisReachable(parseRedisUrl(redis));
    return ({ task, space }) => queueExecutor({ redis, study: namespace, task, space, capacity: flags.workers, ...timeout });
  }
  return undefined;
}
