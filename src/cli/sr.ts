import { writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';
import { readCsv, regressionData, type RegressionData } from '../tasks/symbolic-regression/dataset.ts';
import { searchFormulas, type SymbolicRegressionResult } from '../tasks/symbolic-regression/search.ts';
import { intFlag, numberFlag, processIo, type CliCommand, type CliIo } from './command.ts';
import { showProgress } from './progress.ts';
import { addStudyFlags, studyPlumbing, type StudyFlags, type StudyPlumbing } from './study-flags.ts';
import type { Executor } from '../core/plugs.ts';
import type { Graph } from '../spaces/graph/graph.ts';
import { opSet } from '../spaces/graph/op-set.ts';
import type { Recipe } from '../store/index.ts';

/** Flags shared by every command that runs a formula search. */
export interface SearchFlags extends StudyFlags {
  readonly budget?: number;
  readonly timeLimit?: number;
  readonly seed: number;
  readonly ops?: string;
  readonly json?: string;
  readonly quiet?: boolean;
  readonly maxVertices: number;
}

/** `amoeba sr data.csv --target y`: fits a formula for one column from the others. */
export const srCommand: CliCommand = (program, io = processIo) => {
  const command = program
    .command('sr')
    .description('symbolic regression: find formulas for a CSV column from the other columns')
    .argument('<data.csv>', 'CSV file: a header row of column names, then numeric rows')
    .requiredOption('--target <column>', 'the column to predict')
    .option('--budget <trials>', 'number of candidate formulas to try (default 100000)', intFlag('budget', 0))
    .option('--time-limit <seconds>', 'stop after this many seconds', numberFlag('time-limit', 0))
    .option('--seed <n>', 'random seed; the same seed gives the same result with --workers 1 or --sync', intFlag('seed'), 0)
    .option('--ops <list>', 'comma-separated ops, e.g. add,sub,mul,pdiv,sin,exp (aliases + - * / work)')
    .option('--max-vertices <n>', 'most operations and constants per formula', intFlag('max-vertices', 1, 1000), 16)
    .option('--json <file>', 'also write the front and the best formula as JSON')
    .option('--quiet', 'no progress output');
  addStudyFlags(command)
    .addHelpText('after', '\nExamples:\n  amoeba sr data.csv --target y --budget 20000 --seed 1 --json front.json\n  amoeba sr data.csv --target y --db runs.db --workers 4 --sync')
    .action(async (path: string, flags: SearchFlags & { target: string }) => {
      const data = regressionData(readCsv(path), flags.target, path);
      await runSearch(data, flags, io, { path, target: flags.target }, 'sr');
    });
};

/**
 * Runs the search with progress (stored, when `--db` names a store, as `<prefix>-<n>`),
 * prints the front and writes `--json` when asked.
 */
export async function runSearch(data: RegressionData, flags: SearchFlags, io: CliIo, source: DataSource, prefix: string): Promise<SymbolicRegressionResult> {
  const ops = flags.ops?.split(',').map((op) => op.trim()).filter((op) => op !== '');
  if (ops !== undefined && ops.length === 0) throw new UsageError('--ops needs at least one op, e.g. --ops add,mul,sin');
  if (ops !== undefined) opSet(ops);
  const plumbing = await studyPlumbing(flags, prefix);
  const stopSignal = new AbortController();
  const onInterrupt = () => stopSignal.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const where = plumbing.store === undefined ? '' : `, study '${plumbing.store.name}' in ${flags.db as string}`;
    io.err(`amoeba: seed ${flags.seed} (rerun with --seed ${flags.seed} to replay)${where}\n`);
    const result = await search(data, flags, ops, plumbing, stopSignal.signal, source);
    io.out(formatFront(result, data.featureNames));
    if (result.summary.stopReason === 'aborted' && plumbing.store !== undefined) {
      io.err(`amoeba: interrupted; continue with: amoeba resume ${plumbing.store.name} --db ${flags.db as string}\n`);
    }
    if (flags.json !== undefined) writeJson(flags.json, result);
    return result;
  } finally {
    process.off('SIGINT', onInterrupt);
    plumbing.close();
  }
}

/** Where the data came from, kept with the study. */
type DataSource = { readonly path?: string; readonly target: string; readonly generator?: string };

async function search(data: RegressionData, flags: SearchFlags, ops: string[] | undefined, plumbing: StudyPlumbing, signal: AbortSignal, source: DataSource): Promise<SymbolicRegressionResult> {
  let stop = () => {};
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
    ...(flags.budget === undefined ? {} : { budgetTrials: flags.budget }),
    ...(flags.timeLimit === undefined ? {} : { budgetSeconds: flags.timeLimit }),
    onStudy: (study) => {
      stop = showProgress(study, {
        quiet: flags.quiet === true,
        budgetTrials: flags.budget ?? (flags.timeLimit === undefined ? 100_000 : undefined),
        describeBest: (t) => `R² ${(1 - (t.values[0] as number)).toPrecision(6)}`,
      });
    },
  });
  stop();
  return result;
}

/** The front as a table, simplest first, the chosen formula marked with `*`. */
export function formatFront(result: SymbolicRegressionResult, _names: readonly string[]): string {
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
  lines.push('', '* best: the simplest formula within 1.5× of the lowest validation error');
  return lines.join('\n') + '\n';
}

function writeJson(path: string, result: SymbolicRegressionResult): void {
  const front = result.front.map(({ expression, js, complexity, trainError, validError }) => ({ expression, js, complexity, trainError, validError }));
  try {
    writeFileSync(path, JSON.stringify({ front, best: result.best, seed: result.seed }, null, 2) + '\n');
  } catch (error) {
    throw new UsageError(`cannot write --json file '${path}': ${(error as Error).message}`);
  }
}
