import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../../../src/core/rng.ts';
import { nb201Contenders } from '../../../../src/tasks/nas/compare/contenders.ts';
import { compareOnBenchmark } from '../../../../src/tasks/nas/compare/harness.ts';
import { nb201Benchmark } from '../../../../src/tasks/nas/compare/nb201-benchmark.ts';
import { nb201CellCode, parseNb201Cell } from '../../../../src/tasks/nas/nb201/cell.ts';
import { loadNb201Table, parseNb201Csv } from '../../../../src/tasks/nas/nb201/table.ts';
import { sharedDataPath, skipWithout } from '../shared-data.ts';

const MINI = 'nasbench201/mini-nb201-12epoch.csv';
const skip = skipWithout(MINI);

test('answers a DNA with its cell\'s validation and test accuracy and knows the best test accuracy', { skip }, () => {
  const table = loadNb201Table(sharedDataPath(MINI));
  const benchmark = nb201Benchmark(table, 'cifar100');
  assert.equal(benchmark.bestTest, table.best('cifar100', 'test').accuracyPercent);
  const cell = parseNb201Cell('|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|');
  const dna = benchmark.space.fromJSON(cell);
  const answer = benchmark.query(dna, new Rng(0))!;
  assert.deepEqual(answer, { key: String(nb201CellCode(cell)), validation: 57.8, test: 58.26, seconds: 0 });
});

test('regularized evolution ends with lower test regret than random search on CIFAR-10', { skip }, () => {
  const benchmark = nb201Benchmark(loadNb201Table(sharedDataPath(MINI)), 'cifar10');
  const contenders = nb201Contenders(['re', 'rs', 'reinforce'], benchmark, { populationSize: 50, tournamentSize: 10, learningRate: 0.01 });
  const comparison = compareOnBenchmark({ benchmark: benchmark.name, contenders, seeds: 20, budget: 300 });
  const reMinusRs = comparison.differences.find((d) => d.first === 're' && d.second === 'rs')!;
  assert.ok(reMinusRs.ci95[1] < 0, `RE − RS = ${reMinusRs.mean} [${reMinusRs.ci95}]`);
  for (const summary of Object.values(comparison.results)) assert.ok(summary.final.mean >= 0);
});

test('refuses a table that lacks cells, since any cell may be proposed', () => {
  const table = parseNb201Csv('cellstr,cifar10-test,cifar10-val,cifar100-test,cifar100-val,imagenet-test,imagenet-val\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,1,2,3,4,5,6\n');
  assert.throws(() => nb201Benchmark(table, 'cifar10'), /needs all 15625 cells, but the table holds 1/);
});
