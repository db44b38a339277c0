import { availableParallelism } from 'node:os';
import '../algorithms/index.ts';
import '../tasks/symbolic-regression/register.ts';
import type { Executor } from '../core/plugs.ts';
import type { Trial } from '../core/types.ts';
import { threadExecutor } from '../executors/index.ts';
import { formatNumber } from '../report/index.ts';
import { openStoreFile, requireStudy, resumeStoredStudy } from '../store/index.ts';
import type { StoredStudy } from '../store/index.ts';
import { intFlag, numberFlag, processIo } from './command.ts';
import type { CliCommand } from './command.ts';
import { showProgress } from './progress.ts';

/** Modules that register tasks and spaces; worker threads import them to rebuild a study's task. */
export const TASK_MODULES: readonly string[] = [new URL('../tasks/symbolic-regression/register.ts', import.meta.url).href];

/**
 * `amoeba resume [study]`: continues a study that was stopped or killed, from its last
 * snapshot, re-running the evaluations that were in flight, up to its budget.
 *
 * @example
 * amoeba resume --db runs.db
 * amoeba resume sr-1 --workers 4 --timeout 10000
 */
export const resumeCommand: CliCommand = (program, io = processIo) => {
  program
    .command('resume')
    .description('continue a stopped or killed study from its store, up to its budget')
    .argument('[study]', 'the study name (default: the newest)')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--workers <n>', 'worker threads (default: the number of cores; 1 runs inline)', intFlag('workers', 1), availableParallelism())
    .option('--timeout <ms>', 'fail an evaluation that runs longer than this (worker threads only)', numberFlag('timeout', 1))
    .option('--quiet', 'no progress display')
    .action(async (name: string | undefined, flags: { db?: string; workers: number; timeout?: number; quiet?: boolean }) => {
      const store = openStoreFile(flags.db, { mustExist: true });
      try {
        const stored = requireStudy(store, name);
        const counts = store.counts(stored.name);
        if (stored.status === 'ended' && stored.stopReason !== 'aborted' && counts.running + counts.pending === 0) {
          io.err(`amoeba: study '${stored.name}' already ended (${stored.stopReason ?? 'done'}) with ${counts.done + counts.failed} trials; nothing to resume\n`);
          return;
        }
        const stop = new AbortController();
        const onInterrupt = () => stop.abort();
        process.once('SIGINT', onInterrupt);
        const study = resumeStoredStudy(store, stored.name, { signal: stop.signal, ...(flags.workers > 1 && stored.space !== undefined ? { executor: executorFor(stored, flags.workers, flags.timeout) } : {}) });
        const stopProgress = showProgress(study, { quiet: flags.quiet === true, budgetTrials: stored.budgetTrials, describeBest: (t) => describe(stored, t) });
        try {
          const summary = await study.run();
          stopProgress();
          io.err(`amoeba: study '${stored.name}' ${summary.stopReason === 'aborted' ? 'interrupted; resume it again later' : `ended (${summary.stopReason ?? 'done'})`}: ${store.counts(stored.name).done} done, ${store.counts(stored.name).failed} failed\n`);
        } finally {
          process.off('SIGINT', onInterrupt);
        }
      } finally {
        store.close();
      }
    });
};

function executorFor(stored: StoredStudy, workers: number, timeoutMs: number | undefined): Executor<unknown> {
  return threadExecutor({
    task: stored.task,
    space: stored.space as NonNullable<StoredStudy['space']>,
    modules: TASK_MODULES,
    workers,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

function describe(stored: StoredStudy, best: Trial<unknown>): string {
  return stored.objectives.map((o, i) => `${o.name} ${formatNumber(best.values[i]!)}`).join(', ');
}
