import { writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';
import type { Json } from '../core/types.ts';
import { readCsv, regressionData, type RegressionData } from '../tasks/symbolic-regression/dataset.ts';
import { searchFormulas, type SymbolicRegressionResult } from '../tasks/symbolic-regression/search.ts';
import { intFlag, numberFlag, processIo, type CliCommand, type CliIo } from './command.ts';
import { showProgress } from './progress.ts';

/** Flags shared by every command that runs a formula search. */
export interface SearchFlags {
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
  program
    .command('sr')
    .description('symbolic regression: find formulas for a CSV column from the other columns')
    .argument('<data.csv>', 'CSV file: a header row of column names, then numeric rows')
    .requiredOption('--target <column>', 'the column to predict')
    .option('--budget <trials>', 'number of candidate formulas to try (default 100000)', intFlag('budget', 0))
    .option('--time-limit <seconds>', 'stop after this many seconds', numberFlag('time-limit', 0))
    .option('--seed <n>', 'random seed; the same seed gives the same result', intFlag('seed'), 0)
    .option('--ops <list>', 'comma-separated ops, e.g. add,sub,mul,pdiv,sin,exp (aliases + - * / work)')
    .option('--max-vertices <n>', 'most operations and constants per formula', intFlag('max-vertices', 1, 1000), 16)
    .option('--json <file>', 'also write the front and the best formula as JSON')
    .option('--quiet', 'no progress output')
    .addHelpText('after', '\nExample:\n  amoeba sr data.csv --target y --budget 20000 --seed 1 --json front.json')
    .action(async (path: string, flags: SearchFlags & { target: string }) => {
      const data = regressionData(readCsv(path), flags.target, path);
      await runSearch(data, flags, io, { data: { path, target: flags.target } });
    });
};

/** Runs the search with progress, prints the front and writes `--json` when asked. */
export async function runSearch(data: RegressionData, flags: SearchFlags, io: CliIo, dataSource: Json): Promise<SymbolicRegressionResult> {
  const ops = flags.ops?.split(',').map((op) => op.trim()).filter((op) => op !== '');
  if (ops !== undefined && ops.length === 0) throw new UsageError('--ops needs at least one op, e.g. --ops add,mul,sin');
  io.err(`amoeba: seed ${flags.seed} (rerun with --seed ${flags.seed} to replay)\n`);
  let stop = () => {};
  const result = await searchFormulas({
    data,
    seed: flags.seed,
    maxVertices: flags.maxVertices,
    dataSource,
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
  io.out(formatFront(result, data.featureNames));
  if (flags.json !== undefined) writeJson(flags.json, result);
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
