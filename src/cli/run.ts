import { basename } from 'node:path';
import type { Executor } from '../core/plugs.ts';
import { importUserModule } from '../executors/tsx-loader.ts';
import { checkSearchFile, memoryStore, rebuildParts, startStoredStudy } from '../store/index.ts';
import type { StudySpec } from '../store/index.ts';
import { intFlag, numberFlag, processIo, type CliCommand } from './command.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals } from './signals.ts';
import { addStudyFlags, studyPlumbing, type StudyFlags } from './study-flags.ts';
import { describeBest, studyOutput } from './study-result.ts';

/** Trials a search file runs when neither it nor the flags give a budget. */
const DEFAULT_BUDGET = 10_000;

interface RunFlags extends StudyFlags {
  readonly budget?: number;
  readonly timeLimit?: number;
  readonly seed?: number;
  readonly json?: string;
  readonly quiet?: boolean;
}

/**
 * `amoeba run search.ts`: runs the search a module of the user's own defines (its default
 * export, a `SearchFile`) as a stored study. The module registers its task and space when it
 * is imported; the study keeps the module's URL, so `amoeba resume` and worker threads import
 * it again, and `amoeba worker --module search.ts` evaluates its trials on other machines.
 *
 * @example
 * amoeba run search.ts --db runs.db --workers 4
 * amoeba run search.ts --budget 50000 --seed 3 --json result.json
 */
export const runCommand: CliCommand = (program, io = processIo) => {
  const command = program
    .command('run')
    .description('run a search defined in your own module (task, space, algorithm) as a stored, resumable study')
    .argument('<search.ts>', 'a module that registers its task and space and default-exports { task, space, algorithm, budgetTrials? }')
    .option('--budget <trials>', `trials to run (default: the file's budgetTrials, else ${DEFAULT_BUDGET} without a time limit)`, intFlag('budget', 1))
    .option('--time-limit <seconds>', "stop after this many seconds (default: the file's budgetSeconds)", numberFlag('time-limit', 0))
    .option('--seed <n>', "random seed (default: the file's seed, else 0); the same seed gives the same result with --workers 1 or --sync", intFlag('seed'))
    .option('--json <file>', 'also write the result as JSON')
    .option('--quiet', 'no progress output');
  addStudyFlags(command)
    .addHelpText(
      'after',
      "\nCtrl-C, SIGTERM or SIGHUP stop the search and print the result so far; the stored study resumes with amoeba resume.\n" +
        'With --executor redis, start the workers with the same file: amoeba worker --redis <url> --module search.ts\n\n' +
        'Examples:\n  amoeba run search.ts --db runs.db --workers 4\n  amoeba run search.ts --budget 50000 --seed 3 --json result.json',
    )
    .action(async (file: string, flags: RunFlags) => {
      checkWritable(flags.json, 'json');
      const { url, exports } = await importUserModule(file, 'the search file');
      const definition = checkSearchFile(exports['default'], file);
      const budgetSeconds = flags.timeLimit ?? definition.budgetSeconds;
      const budgetTrials = flags.budget ?? definition.budgetTrials ?? (budgetSeconds === undefined ? DEFAULT_BUDGET : undefined);
      const seed = flags.seed ?? definition.seed ?? 0;
      const prefix = definition.name ?? basename(file).replace(/\.[cm]?[jt]sx?$/, '');
      const plumbing = await studyPlumbing(flags, prefix, [url]);
      try {
        const store = plumbing.store?.store ?? memoryStore();
        const name = plumbing.store?.name ?? `${prefix}-1`;
        const recipes = { task: definition.task, space: definition.space, algorithm: definition.algorithm };
        // The parts are built once here, before the study is stored: a config the factories refuse stores nothing.
        const parts = rebuildParts({ name, ...recipes, objectives: [], seed, budgetTrials, budgetSeconds });
        const spec: StudySpec = { name, ...recipes, objectives: parts.task.objectives, seed, budgetTrials, budgetSeconds, modules: [url], ...(definition.cache === undefined ? {} : { cache: definition.cache }) };
        const executor = plumbing.executor?.({ task: spec.task, space: spec.space! }) as Executor<unknown> | undefined;
        const where = plumbing.store === undefined ? '' : `, study '${name}' in ${flags.db as string}`;
        io.err(`amoeba: seed ${seed} (rerun with --seed ${seed} to replay)${where}\n`);
        if (flags.executor === 'redis') io.err(`amoeba: workers must load the same file: amoeba worker --redis <url> --module ${file}\n`);
        const interrupt = stopOnSignals(io);
        try {
          const study = startStoredStudy(store, spec, { signal: interrupt.signal, ...(executor === undefined ? {} : { executor }), ...(flags.sync === true ? { syncBatch: flags.workers } : {}) }, parts);
          const stopProgress = showProgress(study, { quiet: flags.quiet === true, budgetTrials, budgetSeconds, describeBest: (t) => describeBest(spec, t) });
          const summary = await study.run();
          stopProgress();
          const output = studyOutput(store, study, store.study(name)!, summary);
          io.out(output.text);
          if (summary.stopReason === 'aborted' && plumbing.store !== undefined) io.err(`amoeba: interrupted; continue with: amoeba resume ${name} --db ${flags.db as string}\n`);
          if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(output.json, null, 2)}\n`, 'json');
        } finally {
          interrupt.dispose();
        }
      } finally {
        plumbing.close();
      }
    });
};
