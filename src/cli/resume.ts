import { availableParallelism } from 'node:os';
import '../tasks/built-in.ts';
import type { Executor } from '../core/plugs.ts';
import type { Study, StudySummary } from '../core/study.ts';
import { importUserModule } from '../executors/tsx-loader.ts';
import { DEFAULT_STORE_FILE, isFinished, openStoreFile, resumeStoredStudy } from '../store/index.ts';
import type { StoredGroup, StoredStudy, StudyStore } from '../store/index.ts';
import { chooseExecutor, executorFactory, executorKind, queueNamespace, type ExecutorKind } from './study-flags.ts';
import { intFlag, numberFlag, processIo } from './command.ts';
import type { CliCommand, CliIo } from './command.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals } from './signals.ts';
import { groupOutput, groupRunner, requireStudyOrGroup, type MemberExecutors } from './study-group.ts';
import { describeBest, studyOutput, type StudyOutput } from './study-result.ts';

interface ResumeFlags {
  readonly db?: string;
  readonly workers?: number;
  readonly executor?: ExecutorKind;
  readonly redis?: string;
  readonly timeout?: number;
  readonly json?: string;
  readonly quiet?: boolean;
}

/**
 * `amoeba resume [study|group]`: continues a study that was stopped or killed, from its last
 * snapshot, re-running the evaluations that were in flight, up to its budget, and ends by
 * printing the result as the command that started the study does. For a group it runs every
 * unfinished member in creation order (or, for a command that registered a group runner, lets
 * that continue the group), then prints the group's result.
 *
 * @example
 * amoeba resume --db runs.db
 * amoeba resume nas-compare-1 --db runs.db --workers 4
 * amoeba resume sr-1 --workers 4 --timeout 10000 --json front.json
 * amoeba resume sr-1 --executor redis --redis redis://:secret@10.0.0.5:6379
 */
export const resumeCommand: CliCommand = (program, io = processIo) => {
  program
    .command('resume')
    .description('continue a stopped or killed study from its store, up to its budget, and print its result')
    .argument('[study]', 'the study or group name (default: the newest)')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--workers <n>', 'evaluations in parallel; 1 runs inline (default: the number of cores for a study, 1 for a group, whose members are mostly short searches)', intFlag('workers', 1))
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
        const target = requireStudyOrGroup(store, name);
        if (target.kind === 'group') await resumeGroup(store, target.group, { ...flags, workers: flags.workers ?? 1 }, io);
        else await resumeStudy(store, target.study, { ...flags, workers: flags.workers ?? availableParallelism() }, io);
      } finally {
        store.close();
      }
    });
};

async function resumeStudy(store: StudyStore, stored: StoredStudy, flags: ResumeFlags & { readonly workers: number }, io: CliIo): Promise<void> {
  if (isFinished(store, stored.name)) {
    const counts = store.counts(stored.name);
    io.err(`amoeba: study '${stored.name}' already ended (${stored.stopReason ?? 'done'}) with ${counts.done + counts.failed} trials; nothing to resume\n`);
    return;
  }
  chooseExecutor(flags);
  const interrupt = stopOnSignals(io);
  try {
    const { study, summary } = await runResumed(store, stored, flags, interrupt.signal);
    const output = studyOutput(store, study, stored, summary);
    io.out(output.text);
    const after = store.counts(stored.name);
    const how = summary.stopReason === 'aborted' ? `interrupted; continue with: ${resumeHint(stored.name, flags)}` : `ended (${summary.stopReason ?? 'done'})`;
    io.err(`amoeba: study '${stored.name}' ${how}: ${after.done} done, ${after.failed} failed\n`);
    if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(output.json, null, 2)}\n`, 'json');
  } finally {
    interrupt.dispose();
  }
}

/**
 * Runs a group's unfinished members one after the other, in creation order, each to its
 * budget; an interrupt stops the member that runs and leaves the rest for the next resume.
 */
async function resumeGroup(store: StudyStore, group: StoredGroup, flags: ResumeFlags & { readonly workers: number }, io: CliIo): Promise<void> {
  const members = group.members.map((name) => store.study(name)!);
  const todo = members.filter((s) => !isFinished(store, s.name));
  const runner = groupRunner(group.command);
  if (todo.length === 0 && runner === undefined) {
    io.err(`amoeba: group '${group.name}' already ended: its ${members.length} studies are finished; nothing to resume\n`);
    const output = groupOutput(store, group, new Map());
    io.out(output.text);
    if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(output.json, null, 2)}\n`, 'json');
    return;
  }
  const kind = chooseExecutor(flags);
  const ran = new Map<string, StudyOutput>();
  let interrupted = false;
  const interrupt = stopOnSignals(io);
  try {
    if (runner !== undefined) {
      const executors: MemberExecutors = async (recipes, name) => (await executorFactory(kind, flags, queueNamespace(flags.db ?? DEFAULT_STORE_FILE, name)))?.(recipes);
      interrupted = await runner(store, group, { signal: interrupt.signal, executors, quiet: flags.quiet === true });
    }
    for (const stored of runner === undefined ? todo : []) {
      io.err(`amoeba: group '${group.name}': resuming '${stored.name}'\n`);
      const { study, summary } = await runResumed(store, stored, flags, interrupt.signal);
      ran.set(stored.name, studyOutput(store, study, stored, summary));
      if (summary.stopReason === 'aborted') {
        interrupted = true;
        break;
      }
    }
  } finally {
    interrupt.dispose();
  }
  const after = store.group(group.name) ?? group;
  const output = groupOutput(store, after, ran);
  io.out(output.text);
  const finished = after.members.filter((name) => isFinished(store, name)).length;
  const how = interrupted ? `interrupted; continue with: ${resumeHint(group.name, flags)}` : 'ended';
  io.err(`amoeba: group '${group.name}' ${how}: ${finished} of ${after.members.length} studies finished\n`);
  if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(output.json, null, 2)}\n`, 'json');
}

/** Resumes one stored study with the executor the flags ask for, with progress, to its end. */
async function runResumed(store: StudyStore, stored: StoredStudy, flags: ResumeFlags & { readonly workers: number }, signal: AbortSignal): Promise<{ study: Study<unknown>; summary: StudySummary }> {
  const kind = chooseExecutor(flags);
  // A search file's study (`amoeba run`) registers its parts in its own module.
  for (const module of stored.modules ?? []) await importUserModule(module, `study '${stored.name}': its search file`);
  const factory = stored.space === undefined ? undefined : await executorFactory(kind, flags, queueNamespace(flags.db ?? DEFAULT_STORE_FILE, stored.name), stored.modules);
  const executor = factory?.({ task: stored.task, space: stored.space! }) as Executor<unknown> | undefined;
  const study = resumeStoredStudy(store, stored.name, { signal, ...(executor === undefined ? {} : { executor }) });
  const stopProgress = showProgress(study, { quiet: flags.quiet === true, budgetTrials: stored.budgetTrials, budgetSeconds: stored.budgetSeconds, describeBest: (t) => describeBest(stored, t) });
  const summary = await study.run();
  stopProgress();
  return { study, summary };
}

function resumeHint(name: string, flags: ResumeFlags): string {
  return `amoeba resume ${name} --db ${flags.db ?? DEFAULT_STORE_FILE}`;
}
