import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { readJsonFile } from './json-file.ts';
import type { Executor } from '../core/plugs.ts';
import type { Study, StudySummary } from '../core/study.ts';
import type { Json, Trial } from '../core/types.ts';
import type { Graph } from '../spaces/graph/graph.ts';
import type { PhysicsConfig } from '../tasks/rl-loss/env.ts';
import { RL_ENVS } from '../tasks/rl-loss/envs.ts';
import { untrainableReason } from '../tasks/rl-loss/loss-graph.ts';
import { lossSpace } from '../tasks/rl-loss/loss-space.ts';
import { candidateRow, formatLossFront, lossFormulas, simplifiedLoss } from '../tasks/rl-loss/report.ts';
import { SAC_GRAPH } from '../tasks/rl-loss/sac-graph.ts';
import { searchLosses, type RlLossSearchResult } from '../tasks/rl-loss/search.ts';
import { rlLossTask, type RlLossTaskConfig } from '../tasks/rl-loss/task.ts';
import type { Recipe, StoredStudy, StudyStore } from '../store/index.ts';
import { intFlag, numberFlag, processIo, type CliCommand, type CliIo } from './command.ts';
import { addGuideFlag, guideSettings, type GuideFlag } from './guide-flag.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals } from './signals.ts';
import { addStudyFlags, studyPlumbing, type StudyFlags } from './study-flags.ts';

interface TaskFlags {
  readonly env: string;
  /** Base of the training seeds (eval only: a search's seed is its own). */
  readonly trainSeed?: number;
  readonly steps?: number;
  readonly seeds?: number;
  readonly configs?: string;
}

interface SearchFlags extends StudyFlags, TaskFlags {
  readonly budget?: number;
  readonly timeLimit?: number;
  readonly population: number;
  readonly seed: number;
  readonly maxVertices: number;
  readonly maxTries: number;
  readonly json?: string;
  readonly quiet?: boolean;
  readonly guide?: GuideFlag;
}

/** `--configs mass=0.7,length=1.3;mass=1.3`: held-out physics configurations. */
export function parseConfigs(raw: string): PhysicsConfig[] {
  const configs = raw.split(';').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
    const config: { [name: string]: number } = {};
    for (const pair of part.split(',')) {
      const [name, value, extra] = pair.split('=').map((s) => s.trim());
      const number = Number(value);
      if (name === undefined || name === '' || value === undefined || extra !== undefined || value === '' || !Number.isFinite(number)) {
        throw new UsageError(`--configs: '${pair}' is not name=number; write e.g. --configs 'mass=0.7,length=1.3;mass=1.3'`);
      }
      config[name] = number;
    }
    return config;
  });
  if (configs.length === 0) throw new UsageError("--configs needs at least one configuration, e.g. --configs 'mass=0.7,length=1.3'");
  return configs;
}

function taskConfig(flags: TaskFlags): Partial<RlLossTaskConfig> {
  if (!(flags.env in RL_ENVS)) throw new UsageError(`--env must be one of ${Object.keys(RL_ENVS).join(', ')}, got '${flags.env}'`);
  const config: Partial<RlLossTaskConfig> = {
    env: flags.env,
    ...(flags.steps === undefined ? {} : { steps: flags.steps }),
    ...(flags.seeds === undefined ? {} : { seeds: flags.seeds }),
    ...(flags.configs === undefined ? {} : { test: parseConfigs(flags.configs) }),
    ...(flags.trainSeed === undefined ? {} : { seed: flags.trainSeed }),
  };
  const task = rlLossTask(config as Json); // checks the physics names against the environment
  const env = RL_ENVS[flags.env]!;
  for (const physics of task.settings.test ?? []) env.make(physics);
  return config;
}

/** A loss graph from `sac` or a JSON file: the graph itself, or an object with a `graph` field (a `--json` front entry). */
export function readLoss(source: string): Graph {
  const space = lossSpace(1000);
  if (source === 'sac') return space.fromJSON(SAC_GRAPH);
  const json = readJsonFile(source, 'the loss', "; give 'sac' or a JSON file holding a loss graph");
  const graph = typeof json === 'object' && json !== null && 'graph' in json ? (json as { graph: unknown }).graph : json;
  try {
    return space.fromJSON(graph);
  } catch (error) {
    throw new UsageError(`${source}: ${(error as Error).message}`);
  }
}

function addTaskFlags(command: Command): Command {
  return command
    .option('--env <name>', `environment: ${Object.keys(RL_ENVS).join(', ')}`, 'pendulum')
    .option('--steps <n>', 'environment steps per training run (default 4000)', intFlag('steps', 1))
    .option('--seeds <n>', 'independent training runs per loss (default 3)', intFlag('seeds', 1, 100))
    .option('--configs <list>', "held-out physics, e.g. 'mass=0.7,length=1.3;mass=1.3' (default: the environment's own)");
}

function resultJson(result: RlLossSearchResult): Json {
  const space = lossSpace(1000);
  const entry = (trial: NonNullable<RlLossSearchResult['sac']>) => ({ ...candidateRow(trial), ...lossFormulas(simplifiedLoss(trial.genotype)), graph: space.toJSON(trial.genotype) });
  return { seed: result.seed, trials: result.summary.trials, failed: result.summary.failed, cached: result.summary.cached, elapsedMs: Math.round(result.summary.elapsedMs), sac: result.sac === undefined ? null : entry(result.sac), front: result.front.map(entry) };
}

/** The first lines of the result: what was tried, then the front beside SAC. */
function resultText(result: RlLossSearchResult): string {
  const s = result.summary;
  return `${s.trials} loss pairs tried in ${(s.elapsedMs / 1000).toFixed(1)} s: ${s.failed} failed, ${s.cached} answered by the functional cache\n\n${formatLossFront(result.front, result.sac)}`;
}

/**
 * A stored rl-loss study's result after `amoeba resume`: the front beside SAC, trial 0 of
 * every search (the first population starts with it), as `rl-loss search` prints it.
 */
export function rlLossStudyOutput(study: Study<unknown>, stored: StoredStudy, summary: StudySummary, store: StudyStore): { readonly text: string; readonly json: Json } {
  const front = (study as Study<Graph>).front();
  const record = store.trial(stored.name, 0);
  const fromRecord = (): Trial<Graph> | undefined =>
    record === undefined || (record.status !== 'done' && record.status !== 'failed')
      ? undefined
      : ({ ...record, genotype: lossSpace(1000).fromJSON(record.genotype), values: record.values ?? [], loss: [], finishedMs: record.finishedMs ?? 0 } as unknown as Trial<Graph>);
  const result: RlLossSearchResult = { front, sac: front.find((t) => t.id === 0) ?? fromRecord(), summary, seed: stored.seed };
  return { text: resultText(result), json: resultJson(result) };
}

async function search(flags: SearchFlags, io: CliIo): Promise<void> {
  checkWritable(flags.json, 'json');
  const task = taskConfig(flags);
  const plumbing = await studyPlumbing(flags, 'rl-loss');
  const interrupt = stopOnSignals(io);
  try {
    const where = plumbing.store === undefined ? '' : `, study '${plumbing.store.name}' in ${flags.db as string}`;
    io.err(`amoeba: rl-loss on ${flags.env}, seed ${flags.seed} (rerun with --seed ${flags.seed} to replay)${where}\n`);
    const budgetTrials = flags.budget ?? (flags.timeLimit === undefined ? 4 * flags.population : undefined);
    const guide = guideSettings(flags.guide);
    let stop = () => {};
    const result = await searchLosses({
      task,
      seed: flags.seed,
      populationSize: flags.population,
      maxVertices: flags.maxVertices,
      maxTries: flags.maxTries,
      signal: interrupt.signal,
      ...(guide === undefined ? {} : { guide }),
      ...(budgetTrials === undefined ? {} : { budgetTrials }),
      ...(flags.timeLimit === undefined ? {} : { budgetSeconds: flags.timeLimit }),
      ...(plumbing.store === undefined ? {} : { store: plumbing.store }),
      ...(plumbing.executor === undefined ? {} : { executor: plumbing.executor as (recipes: { task: Recipe; space: Recipe }) => Executor<Graph> }),
      ...(flags.sync === true ? { syncBatch: flags.workers } : {}),
      onStudy: (study) => {
        stop = showProgress(study, { quiet: flags.quiet === true, budgetTrials, budgetSeconds: flags.timeLimit, describeBest: (b) => `performance ${b.values[0]!.toFixed(3)}` });
      },
    });
    stop();
    const s = result.summary;
    io.out(resultText(result));
    if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(resultJson(result), null, 2)}\n`, 'json');
    if (s.stopReason === 'aborted' && plumbing.store !== undefined) io.err(`amoeba: interrupted; continue with: amoeba resume ${plumbing.store.name} --db ${flags.db as string}\n`);
  } finally {
    interrupt.dispose();
    plumbing.close();
  }
}

function evaluate(source: string, flags: TaskFlags, io: CliIo): void {
  const g = readLoss(source);
  const reason = untrainableReason(g);
  if (reason !== undefined) throw new UsageError(`${source}: ${reason}`);
  const task = rlLossTask(taskConfig(flags) as Json);
  const started = performance.now();
  const runs = Array.from({ length: task.settings.seeds }, (_, k) => {
    const run = task.trainAndScore(g, k);
    io.err(`seed ${k}: performance ${run.performance.toFixed(3)}, generalization ${run.generalization.toFixed(3)} (${run.perConfig.map((v) => v.toFixed(3)).join(', ')})\n`);
    return run;
  });
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
  const perf = runs.map((r) => r.performance);
  const gen = runs.map((r) => r.generalization);
  io.out(`performance    ${mean(perf).toFixed(3)} ± ${sd(perf).toFixed(3)}\ngeneralization ${mean(gen).toFixed(3)} ± ${sd(gen).toFixed(3)}\ninstability    ${((sd(perf) + sd(gen)) / 2).toFixed(3)}\n`);
  io.out(`${runs.length} runs of ${task.settings.steps} steps in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

/**
 * `amoeba rl-loss search|eval|print`: evolves SAC's actor and critic losses (MetaPG,
 * Garau-Luis et al. 2022) with NSGA-II on performance, generalization and stability.
 */
export const rlLossCommand: CliCommand = (program, io = processIo) => {
  const command = program.command('rl-loss').description('MetaPG: evolve actor-critic losses from SAC for performance, generalization and stability');
  const searchCommand = addTaskFlags(command.command('search').description('NSGA-II over loss graphs, starting from SAC; prints the Pareto front against SAC'))
    .option('--budget <trials>', 'loss pairs to evaluate (default 4 generations)', intFlag('budget', 1))
    .option('--time-limit <seconds>', 'stop proposing after this many seconds', numberFlag('time-limit', 0))
    .option('--population <n>', 'NSGA-II population: SAC and mutants of it start it', intFlag('population', 2, 1000), 8)
    .option('--seed <n>', 'random seed of the search', intFlag('seed'), 0)
    .option('--max-vertices <n>', 'most vertices of a loss graph (SAC has 32)', intFlag('max-vertices', 32, 1000), 48)
    .option('--max-tries <n>', 'variation attempts per proposal until the child can train (1: keep every mutant)', intFlag('max-tries', 1, 1000), 20)
    .option('--json <file>', 'also write SAC, the front and each loss graph as JSON')
    .option('--quiet', 'no progress output');
  addGuideFlag(searchCommand);
  addStudyFlags(searchCommand)
    .addHelpText('after', '\nEach evaluation trains SAC (seconds to minutes); a stored study resumes with amoeba resume.\n\nExamples:\n  amoeba rl-loss search --env pendulum --budget 24 --population 8 --workers 2 --json front.json\n  amoeba rl-loss search --steps 300 --seeds 2 --budget 6 --population 3 --no-db')
    .action((flags: SearchFlags) => search(flags, io));
  addTaskFlags(command.command('eval').description('trains SAC with one loss pair and prints its three scores').argument('<loss>', "'sac' or a JSON file holding a loss graph (or a --json front entry)"))
    .option('--train-seed <n>', 'base of the training seeds (default 0, the search\'s); another gives fresh seeds, free of the selection a search did', intFlag('train-seed', 0, 2 ** 32 - 1))
    .addHelpText('after', "\nExamples:\n  amoeba rl-loss eval sac --seeds 3\n  amoeba rl-loss eval best.json --seeds 5 --train-seed 1000 --configs 'mass=0.5;length=2'")
    .action((source: string, flags: TaskFlags) => evaluate(source, flags, io));
  command.command('print').description('prints a loss pair as formulas').argument('<loss>', "'sac' or a JSON file holding a loss graph")
    .action((source: string) => {
      const { actor, critic } = lossFormulas(simplifiedLoss(readLoss(source)));
      io.out(`actor  = ${actor}\ncritic = ${critic}\n`);
    });
};
