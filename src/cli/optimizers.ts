import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';
import type { Executor } from '../core/plugs.ts';
import type { Json } from '../core/types.ts';
import type { Graph } from '../spaces/graph/graph.ts';
import type { Recipe } from '../store/index.ts';
import { parseGraph } from '../spaces/graph/validate.ts';
import { compareOptimizers, hasSignMomentum, type ComparisonRow } from '../tasks/optimizers/compare.ts';
import { optimizerOps } from '../tasks/optimizers/ops.ts';
import { exportUpdateRule } from '../tasks/optimizers/export-program.ts';
import { printProgram } from '../tasks/optimizers/print-program.ts';
import { simplifyProgram } from '../tasks/optimizers/simplify-program.ts';
import { keptSlots } from '../tasks/optimizers/program-rule.ts';
import { PROXY_KINDS, type ProxyConfig, type ProxyKind } from '../tasks/optimizers/proxies.ts';
import { REFERENCE_PROGRAMS, referenceProgram } from '../tasks/optimizers/reference-programs.ts';
import { searchOptimizers, type OptimizerSearchResult } from '../tasks/optimizers/search.ts';
import { DEFAULT_LR_GRID } from '../tasks/optimizers/task.ts';
import { intFlag, numberFlag, processIo, type CliCommand } from './command.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals } from './signals.ts';
import { addStudyFlags, studyPlumbing, type StudyFlags } from './study-flags.ts';

interface ProxyFlags {
  readonly proxy: string;
  readonly steps?: number;
  readonly lrGrid?: string;
}

interface SearchFlags extends StudyFlags, ProxyFlags {
  readonly budget?: number;
  readonly timeLimit?: number;
  readonly seed: number;
  readonly population: number;
  readonly tournament: number;
  readonly maxStatements: number;
  readonly heldOut: string;
  readonly json?: string;
  readonly quiet?: boolean;
}

function proxyKind(flag: string, raw: string): ProxyKind {
  if ((PROXY_KINDS as readonly string[]).includes(raw)) return raw as ProxyKind;
  throw new UsageError(`${flag} must be one of ${PROXY_KINDS.join(', ')}, got '${raw}'`);
}

function proxyFromFlags(flags: ProxyFlags): ProxyConfig {
  return { kind: proxyKind('--proxy', flags.proxy), ...(flags.steps === undefined ? {} : { steps: flags.steps }) };
}

function lrGridFromFlags(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const grid = raw.split(',').map((s) => Number(s.trim()));
  if (grid.length === 0 || grid.some((lr) => !(lr > 0 && lr < Infinity))) throw new UsageError(`--lr-grid must be comma-separated learning rates > 0, e.g. 1e-3,3e-3,1e-2; got '${raw}'`);
  return grid;
}

/** A reference program by name, or a program read from a JSON file (a graph, or `--json` output's `best.program`). */
function namedProgram(item: string): { name: string; program: Graph } {
  if (!item.endsWith('.json')) return { name: item, program: referenceProgram(item) };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(item, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the program file ${item}: ${(error as Error).message}`);
  }
  const inner = (json as { best?: { program?: unknown } }).best?.program ?? json;
  return { name: item.replace(/^.*\//, '').replace(/\.json$/, ''), program: parseGraph(inner, optimizerOps) };
}

const number = (x: number) => (Number.isFinite(x) ? x.toPrecision(4) : String(x));

/** The comparison as a table: mean ± 95% interval of the best rate's validation loss per program. */
export function formatComparison(rows: readonly ComparisonRow[], title: string): string {
  const lines = [title, '  program        valid loss (mean ± 95%)   accuracy  best lr(s)       slots'];
  for (const r of rows) {
    const loss = `${number(r.meanLoss)}${r.losses.length > 1 ? ` ± ${number(r.interval)}` : ''}`;
    lines.push(`  ${r.name.padEnd(14)} ${loss.padEnd(25)} ${(r.meanAccuracy === undefined ? '-' : r.meanAccuracy.toFixed(3)).padEnd(9)} ${[...new Set(r.lrs)].join(',').padEnd(16)} ${r.slots}`);
  }
  return lines.join('\n') + '\n';
}

/** `amoeba optimizers`: search for optimizer programs, compare them, print them. */
export const optimizersCommand: CliCommand = (program, io = processIo) => {
  const optimizers = program.command('optimizers').description('optimizer discovery (Lion): evolve update rules from AdamW on proxy trainings');
  const search = optimizers
    .command('search')
    .description('regularized evolution over optimizer programs, the whole first population AdamW')
    .option('--proxy <kind>', `proxy training: ${PROXY_KINDS.join(', ')}`, 'mnist-mlp')
    .option('--steps <n>', 'training steps per run (the proxy\'s default otherwise)', intFlag('steps', 1))
    .option('--lr-grid <list>', `learning rates tried per candidate (default ${DEFAULT_LR_GRID.join(',')})`)
    .option('--budget <trials>', 'candidates to try (default 1000 without --time-limit)', intFlag('budget', 1))
    .option('--time-limit <seconds>', 'stop after this many seconds', numberFlag('time-limit', 0))
    .option('--seed <n>', 'random seed of the search', intFlag('seed'), 0)
    .option('--population <n>', 'population size (the paper: 1000)', intFlag('population', 1), 50)
    .option('--tournament <n>', 'tournament size (the paper: 2)', intFlag('tournament', 1), 2)
    .option('--max-statements <n>', 'most statements per program', intFlag('max-statements', 1, 1000), 30)
    .option('--held-out <kind>', 'proxy on which the best, AdamW and Lion are compared afterwards (none to skip)', 'regression-mlp')
    .option('--json <file>', 'also write the best program and the scores as JSON')
    .option('--quiet', 'no progress output');
  addStudyFlags(search)
    .addHelpText('after', '\nExamples:\n  amoeba optimizers search --time-limit 600 --seed 1 --json best.json\n  amoeba optimizers search --proxy quadratic --budget 2000 --workers 2 --db runs.db')
    .action(async (flags: SearchFlags) => {
      checkWritable(flags.json, 'json');
      if (flags.tournament > flags.population) throw new UsageError(`--tournament (${flags.tournament}) must be at most --population (${flags.population})`);
      const heldOut = flags.heldOut === 'none' ? undefined : proxyKind('--held-out', flags.heldOut);
      const proxy = proxyFromFlags(flags);
      const lrGrid = lrGridFromFlags(flags.lrGrid);
      const interrupt = stopOnSignals(io);
      const plumbing = await studyPlumbing(flags, 'optimizers');
      try {
        const where = plumbing.store === undefined ? '' : `, study '${plumbing.store.name}' in ${flags.db as string}`;
        io.err(`amoeba: seed ${flags.seed} (rerun with --seed ${flags.seed} to replay)${where}\n`);
        let stop = () => {};
        const budgetTrials = flags.budget ?? (flags.timeLimit === undefined ? 1000 : undefined);
        const result = await searchOptimizers({
          proxy, seed: flags.seed, populationSize: flags.population, tournamentSize: flags.tournament, maxStatements: flags.maxStatements,
          signal: interrupt.signal,
          ...(lrGrid === undefined ? {} : { lrGrid }),
          ...(budgetTrials === undefined ? {} : { budgetTrials }),
          ...(flags.timeLimit === undefined ? {} : { budgetSeconds: flags.timeLimit }),
          ...(plumbing.store === undefined ? {} : { store: plumbing.store }),
          ...(plumbing.executor === undefined ? {} : { executor: plumbing.executor as (recipes: { task: Recipe; space: Recipe }) => Executor<Graph> }),
          ...(flags.sync === true ? { syncBatch: flags.workers } : {}),
          onStudy: (study) => {
            stop = showProgress(study, { quiet: flags.quiet === true, budgetTrials, budgetSeconds: flags.timeLimit, describeBest: (b) => `valid loss ${number(b.values[0]!)}` });
          },
        });
        stop();
        const report = searchReport(result, heldOut, lrGrid);
        io.out(report.text);
        if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(report.json, null, 2)}\n`, 'json');
        if (result.summary.stopReason === 'aborted' && plumbing.store !== undefined) io.err(`amoeba: interrupted; continue with: amoeba resume ${plumbing.store.name} --db ${flags.db as string}\n`);
      } finally {
        plumbing.close();
        interrupt.dispose();
      }
    });

  optimizers
    .command('compare')
    .description('train a proxy with each optimizer at its best learning rate of a grid, over several seeds')
    .argument('[programs]', `comma-separated: ${Object.keys(REFERENCE_PROGRAMS).join(', ')} or program .json files`, 'lion,adamw,sgd')
    .option('--proxy <kind>', `proxy training: ${PROXY_KINDS.join(', ')}`, 'mnist-mlp')
    .option('--steps <n>', 'training steps per run', intFlag('steps', 1))
    .option('--lr-grid <list>', 'learning rates to try (default 1e-4 to 1e-1 in half decades)')
    .option('--seeds <n>', 'proxy seeds (data, initial weights, batch order)', intFlag('seeds', 1, 100), 5)
    .action((list: string, flags: ProxyFlags & { seeds: number }) => {
      const programs = list.split(',').map((s) => s.trim()).filter((s) => s !== '').map(namedProgram);
      const lrGrid = lrGridFromFlags(flags.lrGrid) ?? WIDE_GRID;
      const rows = compareOptimizers(programs, proxyFromFlags(flags), { lrGrid, seeds: flags.seeds });
      io.out(formatComparison(rows, `${flags.proxy}, ${flags.seeds} seed(s), lr grid ${lrGrid.join(',')}`));
    });

  optimizers
    .command('show')
    .description('print an optimizer program simplified (dead code removed, constants folded), or export it as a TypeScript update rule')
    .argument('<program>', `${Object.keys(REFERENCE_PROGRAMS).join(', ')} or a program .json file`)
    .option('--dead', 'print the program as stored, dead statements marked, nothing folded')
    .option('--typescript <name>', 'print a TypeScript module exporting the program as a learn/optim UpdateRule named <name>')
    .addHelpText('after', '\nExamples:\n  amoeba optimizers show best.json\n  amoeba optimizers show best.json --typescript found > found.ts   # optimizer(net.parameters(), found, 1e-3)')
    .action((item: string, flags: { dead?: boolean; typescript?: string }) => {
      const { program } = namedProgram(item);
      if (flags.typescript !== undefined) {
        io.out(exportUpdateRule(program, { name: flags.typescript }));
        return;
      }
      const text = flags.dead === true ? printProgram(program, { dead: true }) : printProgram(simplifyProgram(program));
      io.out(`${text}\n# slots kept: ${keptSlots(program).join(', ') || 'none'}; sign(interpolate(g, m, β)): ${hasSignMomentum(program) ? 'yes' : 'no'}\n`);
    });
};

/** Learning rates of `compare` and of the held-out check: 1e-4 to 1e-1 in half decades. */
const WIDE_GRID: readonly number[] = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1];

/** What `search` prints and writes: the counts, the best program against AdamW, and the held-out comparison. */
function searchReport(result: OptimizerSearchResult, heldOut: ProxyKind | undefined, lrGrid: readonly number[] | undefined): { text: string; json: Json } {
  const s = result.summary;
  const lines = [
    `${s.trials} programs tried in ${(s.elapsedMs / 1000).toFixed(1)} s (${s.trialsPerSecond.toFixed(2)}/s); ${s.failed} failed; ` +
      `FEC cache hits ${(100 * (s.cache?.hitRate ?? 0)).toFixed(1)}%; dead statements ${(100 * result.deadStatementRate).toFixed(1)}% per program`,
  ];
  const best = result.best;
  if (best === undefined) return { text: `${lines.join('\n')}\nno program finished\n`, json: { summary: s as unknown as Json } };
  const program = best.genotype;
  lines.push(
    `AdamW (the start): valid loss ${number(result.startLoss ?? NaN)}`,
    `best (trial ${best.id}): valid loss ${number(best.values[0]!)} at lr ${String(best.info?.['lr'])}; ${keptSlots(program).length} slot(s); sign(interpolate(g, m, β)): ${hasSignMomentum(program) ? 'yes' : 'no'}`,
    '',
    printProgram(simplifyProgram(program)),
    '',
  );
  let comparison: ComparisonRow[] = [];
  if (heldOut !== undefined) {
    const programs = [{ name: 'best', program }, { name: 'adamw', program: referenceProgram('adamw') }, { name: 'lion', program: referenceProgram('lion') }];
    comparison = compareOptimizers(programs, { kind: heldOut }, { lrGrid: lrGrid ?? WIDE_GRID });
    lines.push(formatComparison(comparison, `held out: ${heldOut}`));
  }
  const json: Json = {
    summary: { trials: s.trials, failed: s.failed, cached: s.cached, elapsedMs: s.elapsedMs, fecHitRate: s.cache?.hitRate ?? 0, deadStatementRate: result.deadStatementRate },
    startLoss: result.startLoss ?? null,
    best: { trial: best.id, validLoss: best.values[0]!, info: best.info ?? null, code: printProgram(simplifyProgram(program)), program: program as unknown as Json, signMomentum: hasSignMomentum(program) },
    heldOut: comparison.map((r) => ({ ...r, meanAccuracy: r.meanAccuracy ?? null })) as unknown as Json,
  };
  return { text: lines.join('\n'), json };
}
