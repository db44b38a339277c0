import '../tasks/built-in.ts';
// Light modules only: bullmq loads when the command runs, not with every other command.
import { DEFAULT_QUEUE } from '../executors/queue/protocol.ts';
import { parseRedisUrl } from '../executors/queue/redis-target.ts';
import { intFlag, processIo } from './command.ts';
import type { CliCommand } from './command.ts';

/**
 * `amoeba worker`: evaluates trials from a Redis queue for studies run with a queue executor,
 * until SIGINT or SIGTERM (running evaluations finish first; a second signal stops at once).
 * It runs only tasks registered in this process: the built-in ones and those of `--module`.
 *
 * @example
 * amoeba worker --redis redis://:secret@10.0.0.5:6379 --concurrency 1
 * amoeba worker --redis rediss://:secret@queue.internal:6380 --module ./my-task.ts --module ./my-space.ts
 */
export const workerCommand: CliCommand = (program, io = processIo) => {
  program
    .command('worker')
    .description('evaluate trials from a Redis queue, for studies run on many machines')
    .requiredOption('--redis <url>', 'the queue: redis://[:password@]host[:port][/db], or rediss://... for TLS')
    .option('--concurrency <n>', 'evaluations at once in this process; raise it only for tasks that wait rather than compute', intFlag('concurrency', 1), 1)
    .option('--module <path-or-url>', 'import this module first, so the tasks and spaces it registers can run (repeatable)', (value: string, list: string[] = []) => [...list, value])
    .option('--queue <name>', `the queue to take jobs from (default ${DEFAULT_QUEUE})`)
    .option('--lock-ms <ms>', 'how long an evaluation may block without a heartbeat before its job is given to another worker (default 30000)', intFlag('lock-ms', 10))
    .option('--stalled-ms <ms>', 'how often to look for jobs whose worker died (default 15000)', intFlag('stalled-ms', 10))
    .action(async (flags: { redis: string; concurrency: number; module?: string[]; queue?: string; lockMs?: number; stalledMs?: number }) => {
      const target = parseRedisUrl(flags.redis);
      const log = (line: string) => io.err(`${line}\n`);
      const { startQueueWorker } = await import('../executors/queue/queue-worker.ts');
      const worker = await startQueueWorker({
        redis: flags.redis,
        concurrency: flags.concurrency,
        modules: flags.module ?? [],
        log,
        ...(flags.queue === undefined ? {} : { queue: flags.queue }),
        ...(flags.lockMs === undefined ? {} : { lockDurationMs: flags.lockMs }),
        ...(flags.stalledMs === undefined ? {} : { stalledIntervalMs: flags.stalledMs }),
      });
      io.err(`amoeba worker: ready, concurrency ${worker.concurrency}, on redis ${target.where}${flags.queue === undefined ? '' : ` queue ${flags.queue}`}\n`);
      const signal = await nextSignal();
      io.err(`amoeba worker: ${signal}: stopping after the running evaluations (send it again to stop now)\n`);
      const forceStop = () => process.exit(130);
      process.once('SIGINT', forceStop);
      process.once('SIGTERM', forceStop);
      try {
        await worker.close();
      } finally {
        process.off('SIGINT', forceStop);
        process.off('SIGTERM', forceStop);
      }
      io.err('amoeba worker: stopped\n');
      // A connection still retrying a lost Redis must not keep the process alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
    });
};

/** Resolves with the name of the first SIGINT or SIGTERM. */
function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
