import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import '../algorithms/index.ts';
import '../tasks/built-in.ts';
import { UsageError } from '../core/errors.ts';
import type { Executor } from '../core/plugs.ts';
import { memoryStore, openStoreFile, sqliteStore } from '../store/index.ts';
import type { StoredStudy, StudyStore } from '../store/index.ts';
import { nasCompareConfig, nasCompareConfigJson, parseMetricsFlag, readNasCompareConfig } from '../tasks/nas/compare/compare-config.ts';
import type { NasCompareConfig } from '../tasks/nas/compare/compare-config.ts';
import { DEFAULT_LEARNING_RATE, DEFAULT_POPULATION_SIZE, DEFAULT_TOURNAMENT_SIZE, createNasCompareMembers } from '../tasks/nas/compare/run-comparison.ts';
import { runMemberStudies } from '../tasks/nas/compare/run-members.ts';
import { storedNasComparison } from '../tasks/nas/compare/stored-comparison.ts';
import type { NasComparisonOutput } from '../tasks/nas/compare/stored-comparison.ts';
import { curvePlotSpec } from '../report/curve-plot.ts';
import { renderImage } from '../report/render.ts';
import { nb101IndexOnce } from '../tasks/nas/nb101/register.ts';
import { intFlag, numberFlag, printResult, processIo, renamedFlag } from './command.ts';
import type { CliIo } from './command.ts';
import { checkWritable, imageFormat, writeOutputFile } from './output-file.ts';
import { etaSeconds, etaText, loadProgress, progressDisplay } from './progress.ts';
import { stopOnSignals } from './signals.ts';
import { addStudyFlags, chooseExecutor, executorFactory, queueNamespace } from './study-flags.ts';
import type { ExecutorKind, StudyFlags } from './study-flags.ts';
import { freshGroupName, groupMemberName, registerGroupOutput } from './study-group.ts';
import { runStudiesOnThreads } from './study-threads.ts';

/** The command a comparison's group is stored under: `amoeba resume` prints it as below. */
export const NAS_COMPARE_COMMAND = 'nas-compare';

interface CompareFlags extends StudyFlags {
  bench: string;
  dataset?: string;
  metric: string;
  algos: string;
  seeds: number;
  budget: number;
  seed: number;
  timeLimit?: number;
  quiet?: boolean;
  population?: number;
  tournament?: number;
  learningRate?: number;
  epochs: number;
  json?: string;
  plot?: string;
  cache: boolean;
  cacheDir?: string;
}

const WORKERS_HELP = `
Every search (an algorithm from one seed, on one metric) is a member study of one group in
the store (--db), all created up front: Ctrl-C, SIGTERM or SIGHUP stop the searches running,
print the seeds whose every search finished and write --json; 'amoeba resume <group>' finishes
the rest and prints the same tables and JSON.

A query is a table lookup of a few microseconds, far less than sending it to a thread or a
machine, so --workers spreads whole searches, not single queries: with the thread executor
(the default when --workers > 1) N searches run at once, each inline on its own thread, and
every search ends with the trials it has inline. --executor redis sends each query to the
amoeba worker processes (--workers queries in flight), one search after another: slower,
but it shows a study spread over machines. --sync evaluates each search in synchronous
batches of --workers queries, so inline, threads and redis give the same searches.

Examples:
  amoeba nas compare --bench nb201 --metric all --seeds 100 --budget 300 --workers 4 --json out.json
  amoeba nas compare --bench nb201 --seeds 20 --budget 100 --db runs.db --workers 1 --sync
  amoeba resume nas-compare-1 --db runs.db --workers 1`;

/** Adds `amoeba nas compare` to the `nas` command. */
export function addNasCompareCommand(nas: Command, io: CliIo = processIo): void {
  const compare = nas
    .command('compare')
    .description('compare regularized evolution, random search and REINFORCE by test regret over many seeds, each search a stored study')
    .requiredOption('--bench <name>', 'nb201 or nb101')
    .option('--dataset <path>', 'nb201: a CSV (the mini table beside the checkout by default); nb101: the .tfrecord file')
    .option('--metric <names>', 'nb201 image datasets, comma-separated: cifar10, cifar100, imagenet16-120, or all', 'cifar10')
    .option('--algos <names>', 'comma-separated: re, rs, reinforce', 're,rs,reinforce')
    .option('--seeds <n>', 'searches per algorithm', intFlag('seeds', 1), 100)
    .option('--budget <n>', 'queries per search', intFlag('budget', 1), 300)
    .option('--seed <n>', 'first seed: search s of every algorithm uses seed + s', intFlag('seed', 0), 0)
    .option('--time-limit <seconds>', 'start no new search after this many seconds; the seeds finished are reported', numberFlag('time-limit', 0))
    .option('--population <n>', `regularized evolution's population P (default ${DEFAULT_POPULATION_SIZE})`, intFlag('population', 1))
    .option('--tournament <n>', `regularized evolution's tournament size S (default ${DEFAULT_TOURNAMENT_SIZE})`, intFlag('tournament', 1))
    .option('--learning-rate <x>', `REINFORCE's step per unit of reward (default ${DEFAULT_LEARNING_RATE.nb201} on nb201, ${DEFAULT_LEARNING_RATE.nb101} on nb101)`, numberFlag('learning-rate', 0))
    .option('--epochs <n>', 'nb101 epoch budget', intFlag('epochs', 1), 108)
    .option('--json <file>', 'write the results as JSON')
    .option('--plot <file>', 'write regret curves as a .png or .svg file')
    .option('--no-cache', 'nb101: neither read nor write the index cache')
    .option('--cache-dir <dir>', 'nb101: where the index cache lives')
    .option('--quiet', 'no progress output');
  addStudyFlags(compare, 1);
  renamedFlag(compare, 'seed-offset', 'seed')
    .addHelpText('after', WORKERS_HELP)
    .action(async (flags: CompareFlags, command: Command) => {
      const plotFormat = flags.plot === undefined ? undefined : imageFormat(flags.plot, 'plot');
      const config = nasCompareConfig({
        bench: flags.bench,
        dataset: flags.dataset,
        metrics: flags.bench === 'nb201' ? parseMetricsFlag(flags.metric) : undefined,
        algorithms: flags.algos.split(',').map((a) => a.trim()),
        seeds: flags.seeds,
        budget: flags.budget,
        seed: flags.seed,
        epochs: flags.epochs,
        populationSize: flags.population,
        tournamentSize: flags.tournament,
        learningRate: flags.learningRate,
      });
      checkWritable(flags.json, 'json');
      const kind = chooseExecutor(flags);
      if (kind === 'threads' && flags.timeout !== undefined) {
        throw new UsageError('--timeout is for evaluations sent to Redis workers; on threads each search runs its lookups inline. Use --executor redis, or leave --timeout out');
      }
      if (kind === 'redis') await executorFactory(kind, flags, 'nas-compare-check'); // the server must answer before anything runs
      if (config.bench === 'nb101') loadNb101(config, flags);
      const output = await compareInGroup(config, flags, kind, io);
      printResult(command, output.text);
      if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(output.json, null, 2)}\n`, 'json');
      if (flags.plot !== undefined && plotFormat !== undefined) writeOutputFile(flags.plot, await renderImage(curvePlotSpec(output.panels, 'test regret'), plotFormat), 'plot');
    });
}

/** Loads the NB101 index once, with progress and the cache flags, for every member's task to reuse. */
function loadNb101(config: NasCompareConfig, flags: CompareFlags): void {
  const loading = loadProgress('loading NAS-Bench-101');
  try {
    nb101IndexOnce(config.dataset, { cache: flags.cache, ...(flags.cacheDir === undefined ? {} : { cacheDir: flags.cacheDir }), onProgress: loading.onProgress });
  } finally {
    loading.stop();
  }
}

/** Where the group lives: the --db file, or with --no-db memory (a temporary file for threads). */
function openGroupStore(flags: CompareFlags, kind: ExecutorKind): { store: StudyStore; path: string | undefined; close(): void } {
  if (flags.db !== false) {
    const store = openStoreFile(flags.db);
    return { store, path: flags.db, close: () => store.close() };
  }
  if (kind !== 'threads') {
    const store = memoryStore();
    return { store, path: undefined, close: () => store.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'amoeba-nas-compare-'));
  const path = join(dir, 'compare.db');
  const store = sqliteStore({ path });
  return { store, path, close: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Creates the group and every member, runs them as the flags ask, and reads the result back. */
async function compareInGroup(config: NasCompareConfig, flags: CompareFlags, kind: ExecutorKind, io: CliIo): Promise<NasComparisonOutput> {
  const where = openGroupStore(flags, kind);
  try {
    const { store } = where;
    const group = freshGroupName(store, NAS_COMPARE_COMMAND);
    store.createGroup({ name: group, command: NAS_COMPARE_COMMAND, config: nasCompareConfigJson(config) });
    const names = createNasCompareMembers(store, config, (member) => groupMemberName(group, member));
    store.flush();
    const stored = flags.db === false ? '' : ` in ${flags.db}`;
    io.err(`amoeba: seed ${config.seed} (rerun with --seed ${config.seed} to replay), group '${group}' of ${names.length} searches${stored}\n`);
    const started = performance.now();
    const display = progressDisplay({ unit: 'searches', total: names.length, quiet: flags.quiet === true });
    let finished = 0;
    const onFinished = () => {
      finished++;
      const seconds = (performance.now() - started) / 1000;
      display.update(finished, () => `${(finished / Math.max(seconds, 1e-9)).toFixed(1)} searches/s${etaText(etaSeconds(finished, names.length, seconds, flags.timeLimit))}`);
    };
    const interrupt = stopOnSignals(io);
    const stops = {
      signal: interrupt.signal,
      ...(flags.timeLimit === undefined ? {} : { timeLimitSeconds: flags.timeLimit }),
      ...(flags.sync === true ? { syncBatch: flags.workers } : {}),
    };
    try {
      if (kind === 'threads') {
        await runStudiesOnThreads({ db: where.path!, names, workers: flags.workers, onEnded: onFinished, ...stops });
      } else {
        const executorFor = kind === 'redis' ? redisExecutors(flags) : undefined;
        await runMemberStudies(store, names, { onFinished, ...stops, ...(executorFor === undefined ? {} : { executorFor }) });
      }
    } finally {
      display.stop();
      interrupt.dispose();
    }
    const output = storedNasComparison(store, config, (member) => groupMemberName(group, member));
    if (output.seedsFinished < output.seedsAsked) {
      const resume = flags.db === false ? ' (kept in no store: rerun with --db to resume)' : `; continue with: amoeba resume ${group} --db ${flags.db} --workers 1`;
      io.err(`amoeba: stopped after ${output.seedsFinished} of ${output.seedsAsked} seeds; the tables and files report the seeds finished${resume}\n`);
    }
    return output;
  } finally {
    where.close();
  }
}

/** Each member's queries go to `amoeba worker` processes under the member's own queue name. */
function redisExecutors(flags: CompareFlags): (study: StoredStudy) => Promise<Executor<unknown>> {
  return async (study) => {
    const factory = await executorFactory('redis', flags, queueNamespace(flags.db, study.name));
    return factory!({ task: study.task, space: study.space! }) as Executor<unknown>;
  };
}

registerGroupOutput(NAS_COMPARE_COMMAND, (store, group) => {
  const output = storedNasComparison(store, readNasCompareConfig(group.config), (member) => groupMemberName(group.name, member));
  return { text: output.text, json: output.json };
});
