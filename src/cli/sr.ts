import { UsageError } from '../core/errors.ts';
import type { Executor } from '../core/plugs.ts';
import type { StudySummary } from '../core/study.ts';
import type { Study } from '../core/study.ts';
import type { Json } from '../core/types.ts';
import type { Graph } from '../spaces/graph/graph.ts';
import { opSet } from '../spaces/graph/op-set.ts';
import type { Recipe, StoredStudy } from '../store/index.ts';
import { tasks } from '../core/registries.ts';
import { readCsv, regressionData, type RegressionData } from '../tasks/symbolic-regression/dataset.ts';
import type { GraphSpaceConfig } from '../spaces/graph/register.ts';
import { DEFAULT_VALIDATION_FRACTION, dataWarnings, formulaResult, searchFormulas, type SymbolicRegressionResult } from '../tasks/symbolic-regression/search.ts';
import type { SymbolicRegressionTask } from '../tasks/symbolic-regression/task.ts';
import { intFlag, numberFlag, processIo, type CliCommand, type CliIo } from './command.ts';
import { addGuideFlag, guideSettings, type GuideFlag } from './guide-flag.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals, type SearchInterrupt } from './signals.ts';
import { addStudyFlags, studyPlumbing, type StudyFlags, type StudyPlumbing } from './study-flags.ts';

/** Flags shared by every command that runs a formula search. */
export interface SearchFlags extends StudyFlags {
  readonly budget?: number;
  readonly timeLimit?: number;
  readonly seed: number;
  readonly ops?: string;
  readonly json?: string;
  readonly quiet?: boolean;
  readonly maxVertices: number;
  readonly guide?: GuideFlag;
}

/** `amoeba sr data.csv --target y`: fits a formula for one column from the others. */
export const srCommand: CliCommand = (program, io = processIo) => {
  const command = program
    .command('sr')
    .description('symbolic regression: find formulas for a CSV column from the other columns')
    .argument('<data.csv>', 'CSV file: a header row of column names, then numeric rows')
    .requiredOption('--target <column>', 'the column to predict')
    .option('--budget <trials>', 'number of candidate formulas to try (default 100000 without --time-limit)', intFlag('budget', 0))
    .option('--time-limit <seconds>', 'stop after this many seconds', numberFlag('time-limit', 0))
    .option('--seed <n>', 'random seed; the same seed gives the same result with --workers 1 (the default) or --sync', intFlag('seed'), 0)
    .option('--ops <list>', 'comma-separated ops, e.g. add,sub,mul,pdiv,sin,exp (aliases + - * / work)')
    .option('--max-vertices <n>', 'most operations and constants per formula', intFlag('max-vertices', 1, 1000), 16)
    .option('--json <file>', 'also write the front and the best formula as JSON')
    .option('--quiet', 'no progress output');
  addGuideFlag(command);
  // Inline by default: on formulas of a few thousand rows an evaluation costs well under a
  // millisecond, less than handing it to a thread (docs/benchmarks.md), and inline replays.
  addStudyFlags(command, 1)
    .addHelpText('after', '\nCtrl-C, SIGTERM or SIGHUP stop the search and print the front so far; a stored study resumes with amoeba resume.\n\nExamples:\n  amoeba sr data.csv --target y --budget 20000 --seed 1 --json front.json\n  amoeba sr data.csv --target y --db runs.db --workers 4 --sync\n  amoeba sr data.csv --target y --budget 20000 --guide --db runs.db')
    .action(async (path: string, flags: SearchFlags & { target: string }) => {
      checkWritable(flags.json, 'json');
      const data = regressionData(readCsv(path), flags.target, path);
      const interrupt = stopOnSignals(io);
      try {
        const result = await runSearch(data, flags, io, { path, target: flags.target }, 'sr', interrupt);
        if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(frontJson(result), null, 2)}\n`, 'json');
      } finally {
        interrupt.dispose();
      }
    });
};

/**
 * Runs the search with progress (stored, when `--db` names a store, as `<prefix>-<n>`) and
 * prints the front; `interrupt` stops it early, the front so far still printed.
 */
export async function runSearch(data: RegressionData, flags: SearchFlags, io: CliIo, source: DataSource, prefix: string, interrupt: SearchInterrupt): Promise<SymbolicRegressionResult> {
  const ops = flags.ops?.split(',').map((op) => op.trim()).filter((op) => op !== '');
  if (ops !== undefined && ops.length === 0) throw new UsageError('--ops needs at least one op, e.g. --ops add,mul,sin');
  if (ops !== undefined) opSet(ops);
  const plumbing = await studyPlumbing(flags, prefix);
  try {
    const where = plumbing.store === undefined ? '' : `, study '${plumbing.store.name}' in ${flags.db as string}`;
    io.err(`amoeba: seed ${flags.seed} (rerun with --seed ${flags.seed} to replay${replayCondition(flags)})${where}\n`);
    for (const warning of dataWarnings(data.rows, DEFAULT_VALIDATION_FRACTION, flags.maxVertices)) io.err(`amoeba: warning: ${warning}\n`);
    const result = await search(data, flags, ops, plumbing, interrupt.signal, source);
    io.out(formatFront(result));
    if (result.summary.stopReason === 'aborted' && plumbing.store !== undefined) {
      io.err(`amoeba: interrupted; continue with: amoeba resume ${plumbing.store.name} --db ${flags.db as string}\n`);
    }
    return result;
  } finally {
    plumbing.close();
  }
}

/**
 * When a rerun with the same seed replays the search: always inline (`--workers 1`, the
 * default) and with `--sync`; with evaluations in parallel and no `--sync`, trials finish in
 * the order the threads happen to take, so the search may differ.
 */
function replayCondition(flags: SearchFlags): string {
  if (flags.workers <= 1 || flags.sync === true) return '';
  return `; with --workers ${flags.workers} add --sync for that`;
}

/** Where the data came from, kept with the study. */
type DataSource = { readonly path?: string; readonly target: string; readonly generator?: string };

async function search(data: RegressionData, flags: SearchFlags, ops: string[] | undefined, plumbing: StudyPlumbing, signal: AbortSignal, source: DataSource): Promise<SymbolicRegressionResult> {
  let stop = () => {};
  const budgetTrials = flags.budget ?? (flags.timeLimit === undefined ? 100_000 : undefined);
  const result = await searchFormulas({
    data,
    seed: flags.seed,
    maxVertices: flags.maxVertices,
    dataSource: { ...source },
    targetName: source.target,
    signal,
    ...(plumbing.store === undefined ? {} : { store: plumbing.store }),
    ...(plumbing.executor === undefined ? {} : { executor: plumbing.executor as (recipes: { task: Recipe; space: Recipe }) => Executor<Graph> }),
    ...(flags.sync === true ? { syncBatch: flags.workers } : {}),
    ...(ops === undefined ? {} : { ops }),
    ...(budgetTrials === undefined ? {} : { budgetTrials }),
    ...(flags.timeLimit === undefined ? {} : { budgetSeconds: flags.timeLimit }),
    ...(guideSettings(flags.guide) === undefined ? {} : { guide: guideSettings(flags.guide)! }),
    onStudy: (study) => {
      stop = showProgress(study, { quiet: flags.quiet === true, budgetTrials, budgetSeconds: flags.timeLimit, describeBest: describeFormula });
    },
  });
  stop();
  return result;
}

/** The best trial of a formula search in a few characters, for the progress line. */
export function describeFormula(best: { readonly values: readonly number[] }): string {
  return `R² ${(1 - best.values[0]!).toPrecision(6)}`;
}

/** The front as a table, simplest first, the chosen formula marked with `*`. */
export function formatFront(result: SymbolicRegressionResult): string {
  const s = result.summary;
  const lines = [
    `${s.trials} formulas tried in ${(s.elapsedMs / 1000).toFixed(1)} s (${Math.round(s.trialsPerSecond)}/s), ` +
      `${s.cached} answered by the functional cache (${(100 * (s.cache?.hitRate ?? 0)).toFixed(1)}%)`,
    '',
    '  complexity  valid R²       formula',
  ];
  result.front.forEach((f, i) => {
    const r2 = 1 - f.validError;
    lines.push(`${i === result.best ? '*' : ' '} ${String(f.complexity).padStart(10)}  ${r2.toPrecision(10).padEnd(13)}  ${f.expression}`);
  });
  lines.push('', '* best: the simplest formula within 1.5× of the lowest validation error (exact fits count as equal; cancelling constants count against a formula)');
  return lines.join('\n') + '\n';
}

/** What `--json` holds: `{ front: [{ expression, js, complexity, trainError, validError }], best, seed }`. */
export function frontJson(result: SymbolicRegressionResult): Json {
  const front = result.front.map(({ expression, js, complexity, trainError, validError }) => ({ expression, js, complexity, trainError, validError }));
  return { front, best: result.best, seed: result.seed };
}

/** A stored formula study's result after a resume: the front table and JSON that `sr` prints. */
export function formulaStudyOutput(study: Study<unknown>, stored: StoredStudy, summary: StudySummary): { readonly text: string; readonly json: Json } {
  const task = tasks.get(stored.task.id)(stored.task.config) as SymbolicRegressionTask;
  const space = stored.space!.config as unknown as GraphSpaceConfig;
  const names = space.names ?? Array.from({ length: space.inputs }, (_, i) => `x${i}`);
  const result = formulaResult(study as Study<Graph>, task, { ops: opSet(space.ops), names, ...(space.maxVertices === undefined ? {} : { maxVertices: space.maxVertices }) }, summary);
  return { text: formatFront(result), json: frontJson(result) };
}
