import { UsageError } from '../core/errors.ts';
import type { Executor } from '../core/plugs.ts';
import type { Graph } from '../spaces/graph/graph.ts';
import { memoryStore, openStoreFile, resumeStoredStudy, type StudyStore } from '../store/index.ts';
import { checkLanguage } from '../tasks/function-approx/export.ts';
import { checkMode } from '../tasks/function-approx/measure.ts';
import type { ApproxSearchResult } from '../tasks/function-approx/search.ts';
import { approxSetup, type ApproxSettings, type ApproxSetup } from '../tasks/function-approx/setup.ts';
import { builtInTarget, checkInterval } from '../tasks/function-approx/targets.ts';
import { verifyFloat32Parallel } from '../tasks/function-approx/verify-float32-parallel.ts';
import { approxGroupOutput, createApproxGroup, exportedFront, type ApproxBudget } from './approx-group.ts';
import { intFlag, numberFlag, processIo, renamedFlag, type CliCommand, type CliIo } from './command.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals, type SearchInterrupt } from './signals.ts';
import { addStudyFlags, chooseExecutor, executorFactory, queueNamespace, type StudyFlags } from './study-flags.ts';
import { freshGroupName } from './study-group.ts';

interface ApproxFlags extends StudyFlags {
  validationPoints: number;
  interval?: string;
  mode: string;
  budget?: number;
  timeLimit?: number;
  seed: number;
  restarts: number;
  json?: string;
  export?: string;
  exportFile?: string;
  maxOps: number;
  fma?: boolean;
  sqrt?: boolean;
  baselineSeeds: boolean;
  verify?: boolean;
  quiet?: boolean;
}

function parseInterval(raw: string | undefined): [number, number] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || raw.split(',').some((s) => s.trim() === '')) throw new UsageError(`--interval must be two numbers 'low,high', got '${raw}'`);
  return checkInterval(parts, '--interval') as [number, number];
}

/**
 * `amoeba approx`: AutoNumerics-Zero. Evolves programs over + − × ÷ (optionally fma, sqrt)
 * approximating a target function and prints the best program at each op count beside the
 * best classic approximation (Taylor, Padé, minimax by Remez, symmetric and halving forms).
 * The run is a stored study group, one member per restart, so `amoeba resume` finishes it.
 *
 * @example
 * amoeba approx exp2 --interval 0,1 --mode real --budget 5000 --json out.json
 * amoeba approx exp2 --restarts 4 --workers 4 --db runs.db
 * amoeba approx exp2 --mode float32 --fma --export c --verify
 */
export const approxCommand: CliCommand = (program, io: CliIo = processIo) => {
  const command = program
    .command('approx')
    .description('evolve approximations of exp2, exp, ln, log2 or erf and compare them with classic ones')
    .argument('<target>', 'exp2, exp, ln, log2 or erf')
    .option('--interval <low,high>', 'the interval (default: the target\'s own, [0,1] for exp2)')
    .option('--mode <mode>', 'real (float64, relative error) or float32 (ULPs, every op rounded)', 'real')
    .option('--budget <trials>', 'trials per restart (default 2000 without --time-limit)', intFlag('budget', 1))
    .option('--time-limit <seconds>', 'stop each restart after this many seconds', numberFlag('time-limit', 0))
    .option('--seed <n>', 'random seed of the first restart (the next ones take seed + 1, ...)', intFlag('seed'), 0)
    .option('--restarts <n>', 'independent searches, one after the other; the table keeps the best of all', intFlag('restarts', 1, 10_000), 1)
    .option('--max-ops <n>', 'largest op count to search and report', intFlag('max-ops', 1, 40), 16)
    .option('--validation-points <n>', 'evenly spaced points the error is measured on', intFlag('validation-points', 2), 2001)
    .option('--fma', 'allow fma (default in float32 mode)')
    .option('--sqrt', 'allow sqrt')
    .option('--no-baseline-seeds', 'start from random programs instead of the classic baselines')
    .option('--json <path>', 'write { front, baselines } as JSON')
    .option('--export <lang>', 'print each front program as a function: ts, js or c (float32 exp2 on [0,1]: the whole 2^x, argument reduction included)')
    .option('--export-file <path>', 'write the exported functions to this file instead of stdout')
    .option('--verify', 'float32 mode: check front programs, fewest ops first, on every float32 of the interval until one is below 1 ulp (on --workers threads, default all cores)')
    .option('--quiet', 'no progress line');
  addStudyFlags(command, 1).addHelpText('after', '\nCtrl-C, SIGTERM or SIGHUP stop the search and print the table, JSON and exports of what it found; amoeba resume finishes it.');
  renamedFlag(renamedFlag(command, 'seconds', 'time-limit'), 'threads', 'workers').action(async (targetName: string, flags: ApproxFlags) => {
    const target = builtInTarget(targetName);
    const mode = checkMode(flags.mode);
    const language = flags.export === undefined ? undefined : checkLanguage(flags.export);
    if (flags.verify === true && mode !== 'float32') throw new UsageError('--verify needs --mode float32 (it checks every float32 input)');
    checkWritable(flags.json, 'json');
    checkWritable(flags.exportFile, 'export-file');
    const kind = chooseExecutor(flags);
    const settings: ApproxSettings = {
      target,
      mode,
      maxOps: flags.maxOps,
      seedWithBaselines: flags.baselineSeeds,
      validationPoints: flags.validationPoints,
      ...(flags.interval === undefined ? {} : { interval: parseInterval(flags.interval)! }),
      ...(flags.fma === undefined ? {} : { fma: flags.fma }),
      ...(flags.sqrt === undefined ? {} : { sqrt: flags.sqrt }),
    };
    const budget: ApproxBudget = { budgetTrials: flags.budget ?? (flags.timeLimit === undefined ? 2000 : undefined), budgetSeconds: flags.timeLimit };
    // Builds no executor: for Redis it checks the server answers, one UsageError before the store is touched.
    if (kind === 'redis') await executorFactory(kind, flags, 'approx');
    const setup = approxSetup(settings);
    const store: StudyStore = flags.db === false ? memoryStore() : openStoreFile(flags.db);
    const interrupt = stopOnSignals(io);
    try {
      const group = freshGroupName(store, 'approx');
      const printedExport = language !== undefined && flags.exportFile === undefined ? { export: language } : {};
      const members = createApproxGroup(store, group, setup, { settings, seed: flags.seed, restarts: flags.restarts, ...printedExport }, budget);
      const where = flags.db === false ? '' : `, group '${group}' in ${flags.db}`;
      io.err(`amoeba: seed ${flags.seed} (rerun with --seed ${flags.seed} to replay)${where}\n`);
      for (const member of members) {
        if (interrupt.signal.aborted) break;
        await runMember(store, member, flags, kind, budget, interrupt);
      }
      const output = approxGroupOutput(store, store.group(group)!, setup);
      io.out(output.text);
      if (interrupt.received !== undefined && flags.db !== false) io.err(`amoeba: interrupted; continue with: amoeba resume ${group} --db ${flags.db}\n`);
      if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(output.json, null, 2)}\n`, 'json');
      if (language !== undefined && flags.exportFile !== undefined) writeOutputFile(flags.exportFile, `${exportedFront(output.result, target.name, language)}\n`, 'export-file');
      if (flags.verify === true && interrupt.received !== undefined) io.err('amoeba: --verify skipped: the search was stopped\n');
      else if (flags.verify === true) await verifyFront(output.result, setup, command.getOptionValueSource('workers') === 'default' ? undefined : flags.workers, io);
    } finally {
      interrupt.dispose();
      store.close();
    }
  });
};

/** Runs one restart (created, never run) to its budget on the executor the flags ask for. */
async function runMember(store: StudyStore, member: string, flags: ApproxFlags, kind: ReturnType<typeof chooseExecutor>, budget: ApproxBudget, interrupt: SearchInterrupt): Promise<void> {
  const stored = store.study(member)!;
  const factory = await executorFactory(kind, flags, queueNamespace(flags.db, member));
  const executor = factory?.({ task: stored.task, space: stored.space! }) as Executor<Graph> | undefined;
  const study = resumeStoredStudy<Graph>(store, member, {
    signal: interrupt.signal,
    ...(executor === undefined ? {} : { executor }),
    ...(flags.sync === true ? { syncBatch: flags.workers } : {}),
  });
  const stop = showProgress(study, {
    quiet: flags.quiet === true,
    budgetTrials: budget.budgetTrials,
    budgetSeconds: budget.budgetSeconds,
    describeBest: (best) => `${best.values[0]!.toExponential(2)} at ${best.values[1]} ops`,
  });
  try {
    await study.run();
  } finally {
    stop();
  }
}

/** Checks front programs, fewest ops first, on every float32 of the interval; the first below 1 ulp is the answer. */
async function verifyFront(result: ApproxSearchResult, setup: ApproxSetup, workers: number | undefined, io: CliIo): Promise<void> {
  for (const p of result.front.filter((q) => q.maxError < 1)) {
    const report = await verifyFloat32Parallel({ program: p.program, target: setup.target, interval: setup.interval, ops: result.ops, ...(workers === undefined ? {} : { workers }) });
    io.out(`verify ${p.ops} ops: max ${report.maxUlp.toFixed(4)} ulp over ${report.checked} float32 inputs (worst at x = ${report.worstInput})\n`);
    if (report.maxUlp < 1) break;
  }
}
