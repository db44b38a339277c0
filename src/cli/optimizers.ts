import { UsageError } from '../core/errors.ts';
import { readJsonFile } from './json-file.ts';
import type { Json } from '../core/types.ts';
import type { Graph } from '../spaces/graph/graph.ts';
import { openStoreFile, type StoredGroup, type StudyStore } from '../store/index.ts';
import { parseGraph } from '../spaces/graph/validate.ts';
import { compareOptimizers, hasSignMomentum, type ComparisonRow } from '../tasks/optimizers/compare.ts';
import { optimizerOps } from '../tasks/optimizers/ops.ts';
import { exportUpdateRule } from '../tasks/optimizers/export-program.ts';
import { printProgram } from '../tasks/optimizers/print-program.ts';
import { simplifyProgram } from '../tasks/optimizers/simplify-program.ts';
import { keptSlots } from '../tasks/optimizers/program-rule.ts';
import { PROXY_KINDS, type ProxyConfig, type ProxyKind } from '../tasks/optimizers/proxies.ts';
import { REFERENCE_PROGRAMS, referenceProgram } from '../tasks/optimizers/reference-programs.ts';
import { defaultFunnel, type FunnelCandidate } from '../tasks/optimizers/funnel.ts';
import { runOptimizerSearch, type OptimizerRunOptions, type OptimizerRunResult } from '../tasks/optimizers/search-run.ts';
import { DEFAULT_LR_GRID } from '../tasks/optimizers/task.ts';
import { curvePlotSpec } from '../report/curve-plot.ts';
import { renderImage } from '../report/render.ts';
import { intFlag, numberFlag, processIo, type CliCommand } from './command.ts';
import { addGuideFlag, guideSettings, type GuideFlag } from './guide-flag.ts';
import { checkWritable, imageFormat, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals } from './signals.ts';
import { addStudyFlags, chooseExecutor, executorFactory, queueNamespace, type StudyFlags } from './study-flags.ts';
import { freshGroupName, registerGroupOutput, registerGroupRunner, type MemberExecutors } from './study-group.ts';
import type { StudyOutput } from './study-result.ts';

interface ProxyFlags {
  readonly proxy: string;
  readonly steps?: number;
  readonly lrGrid?: string;
}

interface SearchFlags extends StudyFlags, ProxyFlags {
  readonly guide?: GuideFlag;
  readonly budget?: number;
  readonly timeLimit?: number;
  readonly seed: number;
  readonly population: number;
  readonly tournament: number;
  readonly maxStatements: number;
  readonly rounds: number;
  readonly restartPatience?: number;
  readonly funnelSize: number;
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
  const json = readJsonFile(item, 'the program file');
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
    .option('--rounds <n>', 'rounds of evolution sharing the budget, alternately from AdamW and from the best so far', intFlag('rounds', 1, 1000), 1)
    .option('--restart-patience <trials>', 'restart a round\'s population from its start after this many trials without a better program', intFlag('restart-patience', 1))
    .option('--funnel-size <n>', 'programs that beat AdamW sent through the funnel of larger proxies (0: no funnel)', intFlag('funnel-size', 0, 1000), 5)
    .option('--held-out <kind>', 'proxy on which the best, AdamW and Lion are compared afterwards (none to skip)', 'regression-mlp')
    .option('--json <file>', 'also write the best program and the scores as JSON')
    .option('--quiet', 'no progress output');
  addGuideFlag(search);
  addStudyFlags(search)
    .addHelpText('after', '\nExamples:\n  amoeba optimizers search --time-limit 600 --seed 1 --json best.json\n  amoeba optimizers search --proxy quadratic --budget 2000 --workers 2 --db runs.db\n  amoeba optimizers search --proxy quadratic --budget 2000 --guide')
    .action(async (flags: SearchFlags) => {
      checkWritable(flags.json, 'json');
      if (flags.tournament > flags.population) throw new UsageError(`--tournament (${flags.tournament}) must be at most --population (${flags.population})`);
      const heldOut = flags.heldOut === 'none' ? undefined : proxyKind('--held-out', flags.heldOut);
      const lrGrid = lrGridFromFlags(flags.lrGrid);
      const guide = guideSettings(flags.guide);
      const budgetTrials = flags.budget ?? (flags.timeLimit === undefined ? 1000 : undefined);
      const config: RunConfig = {
        proxy: proxyFromFlags(flags), seed: flags.seed, populationSize: flags.population, tournamentSize: flags.tournament, maxStatements: flags.maxStatements,
        rounds: flags.rounds, funnelSize: flags.funnelSize, heldOut: heldOut ?? null,
        ...(lrGrid === undefined ? {} : { lrGrid }),
        ...(budgetTrials === undefined ? {} : { budgetTrials }),
        ...(flags.timeLimit === undefined ? {} : { budgetSeconds: flags.timeLimit }),
        ...(flags.restartPatience === undefined ? {} : { restartPatience: flags.restartPatience }),
        ...(flags.sync === true ? { syncBatch: flags.workers } : {}),
        ...(guide === undefined ? {} : { guide }),
      };
      const kind = chooseExecutor(flags);
      const store = flags.db === false ? undefined : openStoreFile(flags.db);
      const interrupt = stopOnSignals(io);
      try {
        let group: string | undefined;
        if (store !== undefined) {
          group = freshGroupName(store, 'optimizers');
          store.createGroup({ name: group, command: 'optimizers', config: config as unknown as Json });
          store.flush();
        }
        io.err(`amoeba: seed ${flags.seed} (rerun with --seed ${flags.seed} to replay)${group === undefined ? '' : `, group '${group}' in ${flags.db as string}`}\n`);
        const executors: MemberExecutors | undefined =
          kind === 'inline' ? undefined : async (recipes, name) => (await executorFactory(kind, flags, queueNamespace(flags.db, name)))?.(recipes);
        const result = await runStored(config, store === undefined || group === undefined ? undefined : { store, group }, interrupt.signal, executors, flags.quiet === true);
        const report = runReport(result, config);
        io.out(report.text);
        if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(report.json, null, 2)}\n`, 'json');
        if (result.interrupted && group !== undefined) io.err(`amoeba: interrupted; continue with: amoeba resume ${group} --db ${flags.db as string}\n`);
      } finally {
        store?.close();
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
    .option('--stage <n>', 'train the proxy itself (0) or stage 1 or 2 of its funnel (about 4× and 16× the cost, other data and weights)', intFlag('stage', 0, 2), 0)
    .option('--plot <file>', 'also draw each optimizer\'s training loss against steps at its best rate (mean and 95% band over seeds), .png or .svg')
    .addHelpText('after', '\nExamples:\n  amoeba optimizers compare lion,adamw,sgd,adafactor --proxy char-lm --seeds 5 --plot curves.png')
    .action(async (list: string, flags: ProxyFlags & { seeds: number; stage: number; plot?: string }) => {
      const format = flags.plot === undefined ? undefined : imageFormat(flags.plot, 'plot');
      const programs = list.split(',').map((s) => s.trim()).filter((s) => s !== '').map(namedProgram);
      const lrGrid = lrGridFromFlags(flags.lrGrid) ?? WIDE_GRID;
      const proxy = flags.stage === 0 ? proxyFromFlags(flags) : { ...defaultFunnel(proxyFromFlags(flags))[flags.stage - 1]!, ...(flags.steps === undefined ? {} : { steps: flags.steps }) };
      const rows = compareOptimizers(programs, proxy, { lrGrid, seeds: flags.seeds, curves: format !== undefined });
      const where = flags.stage === 0 ? flags.proxy : `${flags.proxy} funnel stage ${flags.stage}`;
      io.out(formatComparison(rows, `${where}, ${flags.seeds} seed(s), lr grid ${lrGrid.join(',')}`));
      if (flags.plot !== undefined && format !== undefined) {
        const panel = { title: `${where}: training loss at each optimizer's best rate`, xLabel: 'steps', curves: Object.fromEntries(rows.map((r) => [r.name, r.curve ?? []])) };
        writeOutputFile(flags.plot, await renderImage(curvePlotSpec([panel], flags.proxy === 'quadratic' ? 'f(w)/f(w₀)' : 'training loss'), format), 'plot');
      }
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

/** What a stored search run keeps in its group: the run's options and the held-out proxy. */
type RunConfig = Omit<OptimizerRunOptions, 'store' | 'executor' | 'onStudy' | 'signal'> & { readonly heldOut: ProxyKind | null };

/** Runs or continues a search run, its progress on stderr, one line per study. */
async function runStored(config: RunConfig, where: { store: StudyStore; group: string } | undefined, signal: AbortSignal, executors: MemberExecutors | undefined, quiet: boolean): Promise<OptimizerRunResult> {
  let stop = () => {};
  try {
    return await runOptimizerSearch({
      ...config,
      signal,
      ...(where === undefined ? {} : { store: where }),
      ...(executors === undefined ? {} : { executor: executors as OptimizerRunOptions['executor'] & {} }),
      onStudy: (study, label) => {
        stop();
        const funnel = label.startsWith('funnel');
        const rounds = config.rounds ?? 1;
        stop = showProgress(study, {
          quiet,
          budgetTrials: funnel || config.budgetTrials === undefined ? undefined : Math.ceil(config.budgetTrials / rounds),
          budgetSeconds: funnel || config.budgetSeconds === undefined ? undefined : config.budgetSeconds / rounds,
          describeBest: (b) => `${label}: valid loss ${number(b.values[0]!)}`,
        });
      },
    });
  } finally {
    stop();
  }
}

function readRunConfig(group: StoredGroup): RunConfig {
  const config = group.config as unknown as RunConfig | null;
  if (config === null || typeof config !== 'object' || config.proxy === undefined) throw new UsageError(`group '${group.name}' is not an optimizer search: its config has no proxy`);
  return config;
}

/**
 * The report of each group the runner below finished in this process. `amoeba resume` asks
 * for a group's output (synchronously) right after its runner; the runner, which reads every
 * finished member back anyway, leaves the report here.
 */
const resumedReports = new Map<string, StudyOutput>();

/** `amoeba resume` of a search run: the rounds and stages it has not finished, then its report. */
registerGroupRunner('optimizers', async (store, group, context) => {
  const config = readRunConfig(group);
  const result = await runStored(config, { store, group: group.name }, context.signal, context.executors as MemberExecutors, context.quiet);
  // Interrupted too: the report so far, as `optimizers search` prints it on a signal.
  resumedReports.set(group.name, runReport(result, config));
  return result.interrupted;
});
registerGroupOutput('optimizers', (_store, group): StudyOutput => {
  return resumedReports.get(group.name) ?? { text: `group '${group.name}' is not finished; continue with: amoeba resume ${group.name}\n`, json: null };
});

/** A proxy's fields that apply to its kind (those a network or the quadratic leaves at 0 are left out). */
const describeProxy = (p: ProxyConfig) => Object.entries(p).filter(([k, v]) => k !== 'kind' && v !== 0).map(([k, v]) => `${k} ${String(v)}`).join(', ');

/** What `search` prints and writes: each round, the best program against AdamW, the funnel, and the held-out comparison. */
function runReport(result: OptimizerRunResult, config: RunConfig): { text: string; json: Json } {
  const trials = result.rounds.reduce((s, r) => s + r.trials, 0);
  const failed = result.rounds.reduce((s, r) => s + r.failed, 0);
  const seconds = result.rounds.reduce((s, r) => s + r.elapsedMs, 0) / 1000;
  const mean = (f: (r: OptimizerRunResult['rounds'][number]) => number) => result.rounds.reduce((s, r) => s + f(r) * r.trials, 0) / Math.max(1, trials);
  const fec = mean((r) => r.fecHitRate);
  const dead = mean((r) => r.deadStatementRate);
  const lines = [
    `${trials} programs tried in ${seconds.toFixed(1)} s (${(trials / Math.max(seconds, 1e-9)).toFixed(2)}/s) over ${result.rounds.length} round(s); ${failed} failed; ` +
      `FEC cache hits ${(100 * fec).toFixed(1)}%; dead statements ${(100 * dead).toFixed(1)}% per program`,
    ...result.rounds.map((r) => `  round ${r.index} from ${r.start}: ${r.trials} programs in ${(r.elapsedMs / 1000).toFixed(1)} s; best valid loss ${number(r.best?.loss ?? NaN)}${r.best === undefined ? '' : ` (trial ${r.best.id})`}${r.restarts === undefined || r.restarts === 0 ? '' : `; ${r.restarts} restart(s)`}`),
  ];
  const best = result.best;
  if (best === undefined) return { text: `${lines.join('\n')}\nno program finished\n`, json: { trials, failed } };
  const program = best.program;
  lines.push(
    `AdamW (the start): valid loss ${number(result.adamwLoss ?? NaN)}`,
    `best (trial ${best.id}): valid loss ${number(best.loss)} at lr ${String(best.info?.['lr'])}; ${keptSlots(program).length} slot(s); sign(interpolate(g, m, β)): ${hasSignMomentum(program) ? 'yes' : 'no'}`,
    '',
    printProgram(simplifyProgram(program)),
    '',
  );
  if (result.candidates.length === 0) lines.push('funnel: no program beat AdamW on the search proxy');
  result.stages.forEach((stage, k) => {
    lines.push(`funnel ${k + 1} (${stage.proxy.kind}: ${describeProxy(stage.proxy)}): AdamW ${number(stage.adamwLoss)}; ${stage.survived} of ${stage.entered} beat it`);
  });
  const candidateLine = (c: FunnelCandidate) => `  round ${c.round} trial ${c.trial}: search ${number(c.searchLoss)}, funnel ${c.stageLosses.map(number).join(' → ')}; sign momentum: ${hasSignMomentum(c.program) ? 'yes' : 'no'}`;
  lines.push(...result.candidates.map(candidateLine));
  const signs = result.signs;
  lines.push(
    `sign among the ${signs.programs} distinct programs evaluated: ${signs.withSign} take a sign, ${signs.withSignMomentum} contain sign(interpolate(g, m, β))` +
      (signs.bestSignMomentum === undefined ? '' : ` (the best of them: valid loss ${number(signs.bestSignMomentum.loss)})`),
  );
  const discovery = result.discoveries[0];
  if (result.stages.length > 0) lines.push(`discoveries (beat AdamW at every stage): ${result.discoveries.length}`);
  if (discovery !== undefined) lines.push('', printProgram(simplifyProgram(discovery.program)), '');
  let comparison: ComparisonRow[] = [];
  const chosen = discovery?.program ?? program;
  if (config.heldOut !== null) {
    const programs = [{ name: discovery === undefined ? 'best' : 'discovery', program: chosen }, { name: 'adamw', program: referenceProgram('adamw') }, { name: 'lion', program: referenceProgram('lion') }];
    comparison = compareOptimizers(programs, { kind: config.heldOut }, { lrGrid: config.lrGrid ?? WIDE_GRID });
    lines.push(formatComparison(comparison, `held out: ${config.heldOut}`));
  }
  const json: Json = {
    summary: { trials, failed, elapsedMs: seconds * 1000, fecHitRate: fec, deadStatementRate: dead },
    rounds: result.rounds.map((r) => ({ index: r.index, start: r.start, trials: r.trials, failed: r.failed, elapsedMs: r.elapsedMs, restarts: r.restarts ?? null, bestLoss: r.best?.loss ?? null })),
    startLoss: result.adamwLoss ?? null,
    best: { trial: best.id, validLoss: best.loss, info: best.info ?? null, code: printProgram(simplifyProgram(program)), program: program as unknown as Json, signMomentum: hasSignMomentum(program) },
    funnel: result.stages.map((s) => ({ proxy: s.proxy, adamwLoss: s.adamwLoss, entered: s.entered, survived: s.survived })) as unknown as Json,
    candidates: result.candidates.map((c) => ({ round: c.round, trial: c.trial, searchLoss: c.searchLoss, stageLosses: c.stageLosses, signMomentum: hasSignMomentum(c.program), program: c.program as unknown as Json })),
    discoveries: result.discoveries.length,
    signs: { programs: signs.programs, withSign: signs.withSign, withSignMomentum: signs.withSignMomentum, bestSignMomentumLoss: signs.bestSignMomentum?.loss ?? null },
    heldOut: comparison.map((r) => ({ ...r, meanAccuracy: r.meanAccuracy ?? null })) as unknown as Json,
  };
  return { text: lines.join('\n'), json };
}
