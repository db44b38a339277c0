import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { loadNb101Index } from '../tasks/nas/nb101/loader.ts';
import { nb101Hash } from '../tasks/nas/nb101/module-hash.ts';
import { nasBench101 } from '../tasks/nas/nb101/query-api.ts';
import { matrixFromBits } from '../tasks/nas/nb101/spec.ts';
import type { Nb101Spec } from '../tasks/nas/nb101/spec.ts';
import { defaultNb201CsvPath } from '../tasks/nas/nb201/default-data.ts';
import { loadNb201Table, parseNb201Dataset } from '../tasks/nas/nb201/table.ts';
import { intFlag, printResult, processIo } from './command.ts';
import type { CliCommand } from './command.ts';
import { addNasCompareCommand } from './nas-compare.ts';
import { loadProgress } from './progress.ts';

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
      printResult(command, `${nb101Hash(cellFromFlags(flags.matrix, flags.ops))}\n`);
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
      printResult(command, `${JSON.stringify(result, null, 2)}\n`);
    });

  addNasCompareCommand(nas, io);

  nas
    .command('query-201')
    .description('query a NAS-Bench-201 cell from a CSV of accuracies (the mini NAS-Bench-201 table by default)')
    .requiredOption('--cell <cell>', "cell string, e.g. '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|'")
    .option('--dataset <path>', 'CSV with cellstr and cifar10/cifar100/imagenet -val/-test columns')
    .option('--metric <name>', 'cifar10, cifar100 or imagenet16-120', 'cifar10')
    .action((flags: { cell: string; dataset?: string; metric: string }, command: Command) => {
      const table = loadNb201Table(flags.dataset ?? defaultNb201CsvPath());
      printResult(command, `${JSON.stringify(table.query(flags.cell, parseNb201Dataset(flags.metric)))}\n`);
    });
};

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
