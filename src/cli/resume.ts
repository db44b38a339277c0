import { availableParallelism } from 'node:os';
import '../algorithms/index.ts';
import '../tasks/built-in.ts';
import type { Executor } from '../core/plugs.ts';
import type { Trial } from '../core/types.ts';
import { formatNumber } from '../report/index.ts';
import { DEFAULT_STORE_FILE, openStoreFile, requireStudy, resumeStoredStudy } from '../store/index.ts';
import type { StoredStudy } from '../store/index.ts';
import { chooseExecutor, executorFactory, executorKind, queueNamespace, type ExecutorKind } from './study-flags.ts';
import { intFlag, numberFlag, processIo } from './command.ts';
import type { CliCommand } from './command.ts';
import { showProgress } from './progress.ts';

/**
 * `amoeba resume [study]`: continues a study that was stopped or killed, from its last
 * snapshot, re-running the evaluations that were in flight, up to its budget.
 *
 * @example
 * amoeba resume --db runs.db
 * amoeba resume sr-1 --workers 4 --timeout 10000
 * amoeba resume sr-1 --executor redis --redis redis://:secret@10.0.0.5:6379
 */
export const resumeCommand: CliCommand = (program, io = processIo) => {
  program
    .command('resume')
    .description('continue a stopped or killed study from its store, up to its budget')
    .argument('[study]', 'the study name (default: the newest)')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--workers <n>', 'evaluations in parallel (default: the number of cores; 1 runs inline)', intFlag('workers', 1), availableParallelism())
    .option('--executor <kind>', 'where evaluations run: inline, threads or redis (default: threads when --workers > 1)', executorKind)
    .option('--redis <url>', 'the Redis server of --executor redis; a study that ran on Redis collects the results finished while it was down')
    .option('--timeout <ms>', 'fail an evaluation that runs longer than this (threads and redis)', numberFlag('timeout', 1))
    .option('--quiet', 'no progress display')
    .action(async (name: string | undefined, flags: { db?: string; workers: number; executor?: ExecutorKind; redis?: string; timeout?: number; quiet?: boolean }) => {
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
        const kind = chooseExecutor(flags);
        const factory = stored.space === undefined ? undefined : await executorFactory(kind, flags, queueNamespace(flags.db ?? DEFAULT_STORE_FILE, stored.name));
        const executor = factory?.({ task: stored.task, space: stored.space! }) as Executor<unknown> | undefined;
        const study = resumeStoredStudy(store, stored.name, { signal: stop.signal, ...(executor === undefined ? {} : { executor }) });
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

function describe(stored: StoredStudy, best: Trial<unknown>): string {
  return stored.objectives.map((o, i) => `${o.name} ${formatNumber(best.values[i]!)}`).join(', ');
}
