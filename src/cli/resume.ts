import { availableParallelism } from 'node:os';
import '../algorithms/index.ts';
import '../tasks/built-in.ts';
import type { Executor } from '../core/plugs.ts';
import { importUserModule } from '../executors/tsx-loader.ts';
import { DEFAULT_STORE_FILE, openStoreFile, requireStudy, resumeStoredStudy } from '../store/index.ts';
import { chooseExecutor, executorFactory, executorKind, queueNamespace, type ExecutorKind } from './study-flags.ts';
import { intFlag, numberFlag, processIo } from './command.ts';
import type { CliCommand } from './command.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals } from './signals.ts';
import { describeBest, studyOutput } from './study-result.ts';

interface ResumeFlags {
  readonly db?: string;
  readonly workers: number;
  readonly executor?: ExecutorKind;
  readonly redis?: string;
  readonly timeout?: number;
  readonly json?: string;
  readonly quiet?: boolean;
}

/**
 * `amoeba resume [study]`: continues a study that was stopped or killed, from its last
 * snapshot, re-running the evaluations that were in flight, up to its budget, and ends by
 * printing the result as the command that started the study does.
 *
 * @example
 * amoeba resume --db runs.db
 * amoeba resume sr-1 --workers 4 --timeout 10000 --json front.json
 * amoeba resume sr-1 --executor redis --redis redis://:secret@10.0.0.5:6379
 */
export const resumeCommand: CliCommand = (program, io = processIo) => {
  program
    .command('resume')
    .description('continue a stopped or killed study from its store, up to its budget, and print its result')
    .argument('[study]', 'the study name (default: the newest)')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--workers <n>', 'evaluations in parallel (default: the number of cores; 1 runs inline)', intFlag('workers', 1), availableParallelism())
    .option('--executor <kind>', 'where evaluations run: inline, threads or redis (default: threads when --workers > 1)', executorKind)
    .option('--redis <url>', 'the Redis server of --executor redis; a study that ran on Redis collects the results finished while it was down')
    .option('--timeout <ms>', 'fail an evaluation that runs longer than this (threads and redis)', numberFlag('timeout', 1))
    .option('--json <file>', 'write the result as JSON, as the command that started the study does')
    .option('--quiet', 'no progress display')
    .addHelpText('after', '\nCtrl-C, SIGTERM or SIGHUP stop it again, print the result so far, and leave it resumable.')
    .action(async (name: string | undefined, flags: ResumeFlags) => {
      checkWritable(flags.json, 'json');
      const store = openStoreFile(flags.db, { mustExist: true });
      try {
        const stored = requireStudy(store, name);
        const counts = store.counts(stored.name);
        if (stored.status === 'ended' && stored.stopReason !== 'aborted' && counts.running + counts.pending === 0) {
          io.err(`amoeba: study '${stored.name}' already ended (${stored.stopReason ?? 'done'}) with ${counts.done + counts.failed} trials; nothing to resume\n`);
          return;
        }
        const kind = chooseExecutor(flags);
        // A search file's study (`amoeba run`) registers its parts in its own module.
        for (const module of stored.modules ?? []) await importUserModule(module, `study '${stored.name}': its search file`);
        const factory = stored.space === undefined ? undefined : await executorFactory(kind, flags, queueNamespace(flags.db ?? DEFAULT_STORE_FILE, stored.name), stored.modules);
        const executor = factory?.({ task: stored.task, space: stored.space! }) as Executor<unknown> | undefined;
        const interrupt = stopOnSignals(io);
        try {
          const study = resumeStoredStudy(store, stored.name, { signal: interrupt.signal, ...(executor === undefined ? {} : { executor }) });
          const stopProgress = showProgress(study, { quiet: flags.quiet === true, budgetTrials: stored.budgetTrials, budgetSeconds: stored.budgetSeconds, describeBest: (t) => describeBest(stored, t) });
          const summary = await study.run();
          stopProgress();
          const output = studyOutput(store, study, stored, summary);
          io.out(output.text);
          const after = store.counts(stored.name);
          const how = summary.stopReason === 'aborted' ? `interrupted; continue with: amoeba resume ${stored.name} --db ${flags.db ?? DEFAULT_STORE_FILE}` : `ended (${summary.stopReason ?? 'done'})`;
          io.err(`amoeba: study '${stored.name}' ${how}: ${after.done} done, ${after.failed} failed\n`);
          if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(output.json, null, 2)}\n`, 'json');
        } finally {
          interrupt.dispose();
        }
      } finally {
        store.close();
      }
    });
};
