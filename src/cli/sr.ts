import { UsageError } from '../core/errors.ts';
import type { Executor } from '../core/plugs.ts';
import type { StudySummary } from '../core/study.ts';
import type { Study } from '../core/study.ts';
import type { Json } from '../core/types.ts';
import type { Graph } from '../spaces/graph/graph.ts';
import { opSet } from '../spaces/graph/op-set.ts';
import type { Recipe, StoredStudy, StudyStore } from '../store/index.ts';
import { tasks } from '../core/registries.ts';
import { readCsv, regressionData, type RegressionData } from '../tasks/symbolic-regression/dataset.ts';
import type { GraphSpaceConfig } from '../spaces/graph/register.ts';
import { DEFAULT_VALIDATION_FRACTION, dataWarnings, formulaFront, formulaResult, searchFormulas, type SymbolicRegressionResult } from '../tasks/symbolic-regression/search.ts';
import type { Formula } from '../tasks/symbolic-regression/formula.ts';
import { formatDiagnostics, formatStudyHeader, studyReport } from '../report/index.ts';
import { graphSpaceFromConfig } from '../spaces/graph/register.ts';
import { DEFAULT_SR_OPS, type SymbolicRegressionTask } from '../tasks/symbolic-regression/task.ts';
import { expressionOp } from '../spaces/graph/expression-op.ts';
import { checkNesting } from '../spaces/graph/nesting.ts';
import { intFlag, numberFlag, processIo, type CliCommand, type CliIo } from './command.ts';
import { parseDelimiter } from '../tasks/symbolic-regression/csv-format.ts';
import { MODEL_FORMAT, MODEL_VERSION, modelFromResult } from '../tasks/symbolic-regression/model.ts';
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
  readonly population?: number;
  readonly parsimony?: number;
  readonly validationFraction?: number;
  readonly op?: readonly string[];
  readonly forbidNesting?: { readonly [outer: string]: readonly string[] };
}

/** The flags of `sr` that say how the data file is read. */
interface DataFlags {
  readonly target: string;
  readonly delimiter?: string;
  readonly dropMissing?: boolean;
}

/** `amoeba sr data.csv --target y`: fits a formula for one column from the others. */
export const srCommand: CliCommand = (program, io = processIo) => {
  const command = program
    .command('sr')
    .description('symbolic regression: find formulas for a CSV column from the other columns')
    .argument('<data.csv>', 'a header row of column names, then numeric rows; cells split at commas, tabs, semicolons, pipes or spaces (detected)')
    .requiredOption('--target <column>', 'the column to predict')
    .option('--budget <trials>', 'number of candidate formulas to try (default 100000 without --time-limit)', intFlag('budget', 0))
    .option('--time-limit <seconds>', 'stop after this many seconds', numberFlag('time-limit', 0))
    .option('--seed <n>', 'random seed; the same seed gives the same result with --workers 1 (the default) or --sync', intFlag('seed'), 0)
    .option('--ops <list>', 'comma-separated ops, e.g. add,sub,mul,pdiv,sin,exp (aliases + - * / work)')
    .option('--op <definition>', "an op of your own, defined over the standard ops: --op 'cubic(x)=x*x*x' (repeat for more; added to --ops)", (raw: string, previous: string[] = []) => [...previous, expressionOp(raw).definition!])
    .option('--forbid-nesting <rules>', "ops that may not appear inside others, e.g. 'sin(sin,cos) exp(exp,log)'", parseNestingFlag)
    .option('--max-vertices <n>', 'most operations and constants per formula', intFlag('max-vertices', 1, 1000), 16)
    .option('--json <file>', 'also write the model file: the front in every printed form and the chosen formula (for amoeba predict)')
    .option('--delimiter <char>', 'cell delimiter: one character, or tab, comma, semicolon, pipe, space, whitespace (default: detected)', parseDelimiter)
    .option('--drop-missing', 'drop rows with a missing value (empty, NA, NaN, null, ?) and say how many')
    .option('--population <n>', 'population size of the evolution (default 100)', intFlag('population', 2))
    .option('--parsimony <x>', 'price of one unit of complexity, in decades of validation error (default 0.02)', numberFlag('parsimony', 0))
    .option('--validation-fraction <f>', 'share of rows held out to choose formulas on (default 0.25)', numberFlag('validation-fraction', 0.01, 0.9))
    .option('--quiet', 'no progress output');
  addGuideFlag(command);
  // Inline by default: on formulas of a few thousand rows an evaluation costs well under a
  // millisecond, less than handing it to a thread (docs/benchmarks.md), and inline replays.
  addStudyFlags(command, 1)
    .addHelpText('after', '\nCtrl-C, SIGTERM or SIGHUP stop the search and print the front so far; a stored study resumes with amoeba resume.\n\nExamples:\n  amoeba sr data.csv --target y --budget 20000 --seed 1 --json model.json\n  amoeba predict model.json new.csv --out preds.csv\n  amoeba sr data.tsv --target "speed (m/s)" --drop-missing --op "cubic(x)=x*x*x" --forbid-nesting "sin(sin,cos)"\n  amoeba sr data.csv --target y --db runs.db --workers 4 --sync\n  amoeba sr data.csv --target y --budget 20000 --guide --db runs.db')
    .action(async (path: string, flags: SearchFlags & DataFlags) => {
      checkWritable(flags.json, 'json');
      const data = readData(path, flags, io);
      const interrupt = stopOnSignals(io);
      try {
        const result = await runSearch(data, flags, io, { path, target: flags.target }, 'sr', interrupt);
        if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(modelJson(result, flags.target), null, 2)}\n`, 'json');
      } finally {
        interrupt.dispose();
      }
    });
};

/** `--forbid-nesting 'sin(sin,cos) exp(exp)'` as rules by outer op (the space checks the names). */
function parseNestingFlag(raw: string): { [outer: string]: string[] } {
  const rules: { [outer: string]: string[] } = {};
  const rest = raw.replace(/([^\s(),;]+)\s*\(([^)]*)\)/g, (_, outer: string, inner: string) => {
    rules[outer] = inner.split(',').map((name) => name.trim()).filter((name) => name !== '');
    return '';
  });
  if (rest.replace(/[\s,;]/g, '') !== '' || Object.keys(rules).length === 0) throw new UsageError(`--forbid-nesting must look like 'sin(sin,cos) exp(exp)', got '${raw}'`);
  return rules;
}

/** The data file as `sr` reads it: delimiter detected or given, rows with missing values refused or dropped (and counted). */
function readData(path: string, flags: DataFlags, io: CliIo): RegressionData {
  const table = readCsv(path, { ...(flags.delimiter === undefined ? {} : { delimiter: flags.delimiter }), allowMissing: flags.dropMissing === true });
  const data = regressionData(table, flags.target, path, { dropMissing: flags.dropMissing === true });
  if (data.dropped > 0) io.err(`amoeba: dropped ${data.dropped} of ${table.rows} rows with missing values; ${data.rows} left\n`);
  return data;
}

/**
 * Runs the search with progress (stored, when `--db` names a store, as `<prefix>-<n>`) and
 * prints the front; `interrupt` stops it early, the front so far still printed.
 */
export async function runSearch(data: RegressionData, flags: SearchFlags, io: CliIo, source: DataSource, prefix: string, interrupt: SearchInterrupt): Promise<SymbolicRegressionResult> {
  const listed = flags.ops?.split(',').map((op) => op.trim()).filter((op) => op !== '');
  if (listed !== undefined && listed.length === 0) throw new UsageError('--ops needs at least one op, e.g. --ops add,mul,sin');
  const defined = flags.op ?? [];
  const ops = listed === undefined && defined.length === 0 ? undefined : [...(listed ?? DEFAULT_SR_OPS), ...defined];
  const chosen = opSet(ops ?? DEFAULT_SR_OPS);
  if (flags.forbidNesting !== undefined) checkNesting(flags.forbidNesting, chosen, '--forbid-nesting');
  const plumbing = await studyPlumbing(flags, prefix);
  try {
    const where = plumbing.store === undefined ? '' : `, study '${plumbing.store.name}' in ${flags.db as string}`;
    io.err(`amoeba: seed ${flags.seed} (rerun with --seed ${flags.seed} to replay${replayCondition(flags)})${where}\n`);
    for (const warning of dataWarnings(data.rows, flags.validationFraction ?? DEFAULT_VALIDATION_FRACTION, flags.maxVertices)) io.err(`amoeba: warning: ${warning}\n`);
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
    ...(flags.population === undefined ? {} : { populationSize: flags.population }),
    ...(flags.forbidNesting === undefined ? {} : { forbiddenNesting: flags.forbidNesting }),
    ...(flags.parsimony === undefined ? {} : { parsimony: flags.parsimony }),
    ...(flags.validationFraction === undefined ? {} : { validationFraction: flags.validationFraction }),
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

/** The front as a table, simplest first, the chosen formula marked with `*`, after a line on the search. */
export function formatFront(result: SymbolicRegressionResult): string {
  const s = result.summary;
  const lines = [
    `${s.trials} formulas tried in ${(s.elapsedMs / 1000).toFixed(1)} s (${Math.round(s.trialsPerSecond)}/s), ` +
      `${s.cached} answered by the functional cache (${(100 * (s.cache?.hitRate ?? 0)).toFixed(1)}%)`,
    '',
  ];
  return lines.join('\n') + formatFrontTable(result.front, result.best);
}

/** The formulas of a front with complexity and validation R², the chosen one marked with `*`: what `sr` and `show` print. */
export function formatFrontTable(front: readonly Formula[], best: number): string {
  const lines = ['  complexity  valid R²       formula'];
  front.forEach((f, i) => {
    const r2 = 1 - f.validError;
    lines.push(`${i === best ? '*' : ' '} ${String(f.complexity).padStart(10)}  ${r2.toPrecision(10).padEnd(13)}  ${f.expression}`);
  });
  lines.push('', '* best: the simplest formula within 1.5× of the lowest validation error (exact fits count as equal; cancelling constants count against a formula)');
  return lines.join('\n') + '\n';
}

/**
 * What `--json` holds: the model file (`amoeba predict` reads it), with the target, the
 * columns, the front (each formula as infix, LaTeX, JS, C, NumPy and SymPy, with its program)
 * and the index of the chosen formula. A search that finished no trial has an empty front.
 */
export function modelJson(result: SymbolicRegressionResult, target: string): Json {
  if (result.front.length === 0) return { format: MODEL_FORMAT, version: MODEL_VERSION, target, columns: [...result.naming.columns], variables: [...result.naming.variables], front: [], best: -1, seed: result.seed };
  return modelFromResult(result, target).toJSON();
}

/** A stored formula study's result after a resume: the front table and JSON that `sr` prints. */
export function formulaStudyOutput(study: Study<unknown>, stored: StoredStudy, summary: StudySummary): { readonly text: string; readonly json: Json } {
  const task = tasks.get(stored.task.id)(stored.task.config) as SymbolicRegressionTask;
  const space = stored.space!.config as unknown as GraphSpaceConfig;
  const names = space.names ?? Array.from({ length: space.inputs }, (_, i) => `x${i}`);
  const result = formulaResult(study as Study<Graph>, task, { ops: opSet(space.ops), names, ...(space.maxVertices === undefined ? {} : { maxVertices: space.maxVertices }) }, summary);
  return { text: formatFront(result), json: modelJson(result, formulaTarget(stored.task.config)) };
}

/**
 * `amoeba show` for a formula study: the study's header, then its front fitted, simplified
 * and measured exactly as `sr` prints it (so both give each formula the same complexity).
 */
export function formulaStudyReport(store: StudyStore, stored: StoredStudy): { readonly text: string; readonly json: Json } {
  const report = studyReport(store, stored);
  const task = tasks.get(stored.task.id)(stored.task.config) as SymbolicRegressionTask;
  const space = graphSpaceFromConfig(stored.space!.config);
  const config = stored.space!.config as unknown as GraphSpaceConfig;
  const names = config.names ?? Array.from({ length: config.inputs }, (_, i) => `x${i}`);
  const { front, best, naming } = formulaFront(report.trials.map((t) => space.fromJSON(t.genotype)), task, { ops: space.ops, names });
  const target = formulaTarget(stored.task.config);
  const model: Json = front.length === 0 ? null : modelFromResult({ front, best, naming, seed: stored.seed }, target).toJSON();
  const table = front.length === 0 ? '  (no finished trials yet)\n' : formatFrontTable(front, best);
  const diagnostics = formatDiagnostics(report);
  const text = `${formatStudyHeader(report).join('\n')}\n\nPareto front (${front.length} formulas):\n${table}${diagnostics.length === 0 ? '' : `${diagnostics.join('\n')}\n`}`;
  return { text, json: { study: report.study as unknown as Json, counts: report.counts as unknown as Json, model, ...(report.diagnostics === undefined ? {} : { diagnostics: report.diagnostics }) } };
}

/** The target column a stored formula study predicts: as the data source named it, else as its data holds it. */
function formulaTarget(config: Json): string {
  const fields = config as { source?: { target?: unknown } | null; data?: { target?: unknown } };
  const target = fields.source?.target ?? fields.data?.target;
  return typeof target === 'string' ? target : 'y';
}
