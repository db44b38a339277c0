import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { parseContenderNames } from '../tasks/nas/compare/contenders.ts';
import { DEFAULT_LEARNING_RATE, DEFAULT_POPULATION_SIZE, DEFAULT_TOURNAMENT_SIZE, runNasComparison } from '../tasks/nas/compare/run-comparison.ts';
import { regretPlotSvg } from '../tasks/nas/compare/svg-plot.ts';
import { loadNb101Index } from '../tasks/nas/nb101/loader.ts';
import { nb101Hash } from '../tasks/nas/nb101/module-hash.ts';
import { nasBench101 } from '../tasks/nas/nb101/query-api.ts';
import { matrixFromBits } from '../tasks/nas/nb101/spec.ts';
import type { Nb101Spec } from '../tasks/nas/nb101/spec.ts';
import { defaultNb201CsvPath } from '../tasks/nas/nb201/default-data.ts';
import { NB201_DATASETS, loadNb201Table, parseNb201Dataset } from '../tasks/nas/nb201/table.ts';
import { intFlag, numberFlag, processIo, renamedFlag } from './command.ts';
import type { CliCommand } from './command.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { etaSeconds, etaText, loadProgress, progressDisplay } from './progress.ts';
import { stopOnSignals } from './signals.ts';

/**
 * `amoeba nas`: NAS-Bench-101 module hashes and queries, NAS-Bench-201 queries.
 *
 * @example
 * amoeba nas hash --matrix '[[0,1],[0,0]]' --ops input,output
 * amoeba nas query --dataset nasbench_only108.tfrecord --matrix 0100 --ops input,output
 * amoeba nas compare --bench nb201 --metric all --algos re,rs,reinforce --seeds 100 --budget 300 --seed 0 --json out.json
 * amoeba nas query-201 --cell '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|'
 */
export const nasCommand: CliCommand = (program, io = processIo) => {
  const nas = program.command('nas').description('NAS-Bench-101 and NAS-Bench-201: module hashes, tabular queries, search comparisons');

  nas
    .command('hash')
    .description('print the NAS-Bench-101 module hash of a cell (after pruning)')
    .requiredOption('--matrix <matrix>', "adjacency as JSON ('[[0,1],[0,0]]') or a row-major 0/1 string ('0100')")
    .requiredOption('--ops <ops>', 'comma-separated ops, input first and output last')
    .action((flags: { matrix: string; ops: string }, command: Command) => {
      print(command, `${nb101Hash(cellFromFlags(flags.matrix, flags.ops))}\n`);
    });

  nas
    .command('query')
    .description('query a NAS-Bench-101 cell from a downloaded .tfrecord file (the parsed index is cached)')
    .requiredOption('--dataset <path>', 'nasbench_only108.tfrecord, nasbench_full.tfrecord or a file of the same format')
    .option('--matrix <matrix>', "adjacency as JSON ('[[0,1],[0,0]]') or a row-major 0/1 string")
    .option('--ops <ops>', 'comma-separated ops, input first and output last')
    .option('--hash <hash>', 'a module hash instead of --matrix and --ops')
    .option('--epochs <n>', 'epoch budget (4, 12, 36 or 108 in the full file)', intFlag('epochs', 1), 108)
    .option('--halfway', 'the metrics at half the epoch budget')
    .option('--all', 'every repeat at every budget instead of one sampled run')
    .option('--seed <n>', 'seed for picking the repeat', intFlag('seed'), 0)
    .option('--no-cache', 'neither read nor write the index cache')
    .option('--cache-dir <dir>', 'where the index cache lives (default $AMOEBA_CACHE_DIR or ~/.cache/amoeba)')
    .action((flags: QueryFlags, command: Command) => {
      const progress = loadProgress('loading NAS-Bench-101');
      let loaded;
      try {
        loaded = loadNb101Index(flags.dataset, {
          cache: flags.cache,
          ...(flags.cacheDir === undefined ? {} : { cacheDir: flags.cacheDir }),
          onProgress: progress.onProgress,
        });
      } finally {
        progress.stop();
      }
      if (loaded.cacheWarning !== undefined) command.configureOutput().writeErr?.(`amoeba: ${loaded.cacheWarning}\n`);
      const bench = nasBench101(loaded.index, { seed: flags.seed });
      const hash = flags.hash ?? bench.hashOf(cellFromFlags(flags.matrix, flags.ops));
      const result = flags.all ? bench.getMetricsFromHash(hash) : bench.queryHash(hash, { epochs: flags.epochs, stopHalfway: flags.halfway === true });
      print(command, `${JSON.stringify(result, null, 2)}\n`);
    });

  const compare = nas
    .command('compare')
    .description('compare regularized evolution, random search and REINFORCE by test regret over many seeds')
    .requiredOption('--bench <name>', 'nb201 or nb101')
    .option('--dataset <path>', 'nb201: a CSV (the mini table beside the checkout by default); nb101: the .tfrecord file')
    .option('--metric <names>', 'nb201 image datasets, comma-separated: cifar10, cifar100, imagenet16-120, or all', 'cifar10')
    .option('--algos <names>', 'comma-separated: re, rs, reinforce', 're,rs,reinforce')
    .option('--seeds <n>', 'searches per algorithm', intFlag('seeds', 1), 100)
    .option('--budget <n>', 'queries per search', intFlag('budget', 1), 300)
    .option('--seed <n>', 'first seed: search s of every algorithm uses seed + s', intFlag('seed', 0), 0)
    .option('--time-limit <seconds>', 'start no new seed after this many seconds; the seeds finished are reported', numberFlag('time-limit', 0))
    .option('--population <n>', `regularized evolution's population P (default ${DEFAULT_POPULATION_SIZE})`, intFlag('population', 1))
    .option('--tournament <n>', `regularized evolution's tournament size S (default ${DEFAULT_TOURNAMENT_SIZE})`, intFlag('tournament', 1))
    .option('--learning-rate <x>', `REINFORCE's step per unit of reward (default ${DEFAULT_LEARNING_RATE.nb201} on nb201, ${DEFAULT_LEARNING_RATE.nb101} on nb101)`, numberFlag('learning-rate', 0))
    .option('--epochs <n>', 'nb101 epoch budget', intFlag('epochs', 1), 108)
    .option('--json <file>', 'write the results as JSON')
    .option('--plot <file>', 'write regret curves as an SVG file')
    .option('--no-cache', 'nb101: neither read nor write the index cache')
    .option('--cache-dir <dir>', 'nb101: where the index cache lives')
    .option('--quiet', 'no progress output')
    .addHelpText('after', '\nCtrl-C, SIGTERM or SIGHUP stop after the seed being searched and report the seeds finished.');
  renamedFlag(compare, 'seed-offset', 'seed')
    .action(async (flags: CompareFlags, command: Command) => {
      if (flags.bench !== 'nb201' && flags.bench !== 'nb101') throw new UsageError(`--bench must be nb201 or nb101, got '${flags.bench}'`);
      if (flags.plot !== undefined && !flags.plot.endsWith('.svg')) throw new UsageError(`--plot writes SVG; name the file *.svg, got '${flags.plot}'`);
      const metrics = flags.metric === 'all' ? [...NB201_DATASETS] : flags.metric.split(',').map((m) => parseNb201Dataset(m.trim()));
      checkWritable(flags.json, 'json');
      checkWritable(flags.plot, 'plot');
      const loading = loadProgress('loading NAS-Bench-101');
      const started = performance.now();
      const display = progressDisplay({ unit: 'seeds', total: flags.seeds * (flags.bench === 'nb201' ? metrics.length : 1), quiet: flags.quiet === true });
      const interrupt = stopOnSignals(io);
      let output;
      try {
        output = await runNasComparison({
          bench: flags.bench,
          ...(flags.dataset === undefined ? {} : { dataset: flags.dataset }),
          metrics,
          algorithms: parseContenderNames(flags.algos.split(',').map((a) => a.trim())),
          seeds: flags.seeds,
          budget: flags.budget,
          seedOffset: flags.seed,
          signal: interrupt.signal,
          ...(flags.timeLimit === undefined ? {} : { timeLimitSeconds: flags.timeLimit }),
          onProgress: (done, total) => {
            loading.stop();
            const seconds = (performance.now() - started) / 1000;
            display.update(done, () => `${(done / Math.max(seconds, 1e-9)).toFixed(1)} seeds/s${etaText(etaSeconds(done, total, seconds, flags.timeLimit))}`);
          },
          epochs: flags.epochs,
          ...(flags.population === undefined ? {} : { populationSize: flags.population }),
          ...(flags.tournament === undefined ? {} : { tournamentSize: flags.tournament }),
          ...(flags.learningRate === undefined ? {} : { learningRate: flags.learningRate }),
          load: {
            cache: flags.cache,
            ...(flags.cacheDir === undefined ? {} : { cacheDir: flags.cacheDir }),
            onProgress: loading.onProgress,
          },
        });
      } finally {
        loading.stop();
        display.stop();
        interrupt.dispose();
      }
      print(command, output.text);
      const finished = output.comparisons.reduce((sum, c) => sum + c.seeds, 0);
      const asked = flags.seeds * (flags.bench === 'nb201' ? metrics.length : 1);
      if (finished < asked) io.err(`amoeba: stopped after ${finished} of ${asked} seeds; the tables and files report the seeds finished\n`);
      if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(output.json)}\n`, 'json');
      if (flags.plot !== undefined) writeOutputFile(flags.plot, await regretPlotSvg(output.panels), 'plot');
    });

  nas
    .command('query-201')
    .description('query a NAS-Bench-201 cell from a CSV of accuracies (the mini NAS-Bench-201 table by default)')
    .requiredOption('--cell <cell>', "cell string, e.g. '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|'")
    .option('--dataset <path>', 'CSV with cellstr and cifar10/cifar100/imagenet -val/-test columns')
    .option('--metric <name>', 'cifar10, cifar100 or imagenet16-120', 'cifar10')
    .action((flags: { cell: string; dataset?: string; metric: string }, command: Command) => {
      const table = loadNb201Table(flags.dataset ?? defaultNb201CsvPath());
      print(command, `${JSON.stringify(table.query(flags.cell, parseNb201Dataset(flags.metric)))}\n`);
    });
};

interface CompareFlags {
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

interface QueryFlags {
  dataset: string;
  matrix?: string;
  ops?: string;
  hash?: string;
  epochs: number;
  halfway?: boolean;
  all?: boolean;
  seed: number;
  cache: boolean;
  cacheDir?: string;
}

/** A cell from the --matrix and --ops flags; either form of matrix is accepted. */
function cellFromFlags(matrixText: string | undefined, opsText: string | undefined): Nb101Spec {
  if (matrixText === undefined || opsText === undefined) throw new UsageError('give the cell with --matrix and --ops (or a --hash)');
  let matrix: unknown;
  const trimmed = matrixText.trim();
  if (trimmed.startsWith('[')) {
    try {
      matrix = JSON.parse(trimmed);
    } catch {
      throw new UsageError(`--matrix is not valid JSON: '${matrixText}'; write it like '[[0,1],[0,0]]'`);
    }
  } else if (/^[01]+$/.test(trimmed)) {
    matrix = matrixFromBits(trimmed);
  } else {
    throw new UsageError(`--matrix must be JSON like '[[0,1],[0,0]]' or a 0/1 string like '0100', got '${matrixText}'`);
  }
  return { matrix: matrix as number[][], ops: opsText.split(',').map((op) => op.trim()) };
}

/** Writes to the program's standard output (which tests may redirect). */
function print(command: Command, text: string): void {
  let root = command;
  while (root.parent) root = root.parent;
  const writeOut = root.configureOutput().writeOut;
  if (writeOut) writeOut(text);
  else process.stdout.write(text);
}
