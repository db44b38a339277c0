import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import { memoryStore } from '../../../../src/store/index.ts';
import { MAX_COMPARE_MEMBERS, nasCompareConfig, nasCompareConfigJson, nasCompareMembers, readNasCompareConfig } from '../../../../src/tasks/nas/compare/compare-config.ts';
import { nb201Contenders } from '../../../../src/tasks/nas/compare/contenders.ts';
import { compareOnBenchmark } from '../../../../src/tasks/nas/compare/harness.ts';
import { nb201Benchmark } from '../../../../src/tasks/nas/compare/nb201-benchmark.ts';
import { comparisonJson } from '../../../../src/tasks/nas/compare/report.ts';
import { createNasCompareMembers, runNasComparison } from '../../../../src/tasks/nas/compare/run-comparison.ts';
import { runMemberStudies } from '../../../../src/tasks/nas/compare/run-members.ts';
import { storedNasComparison } from '../../../../src/tasks/nas/compare/stored-comparison.ts';
import { loadNb201Table } from '../../../../src/tasks/nas/nb201/table.ts';
import { sharedDataPath, skipWithout } from '../shared-data.ts';

const MINI = 'nasbench201/mini-nb201-12epoch.csv';
const skip = skipWithout(MINI);

test('member studies in a store give the comparison of the plain ask/tell harness, seed for seed', { skip }, async () => {
  const csv = sharedDataPath(MINI);
  const benchmark = nb201Benchmark(loadNb201Table(csv), 'cifar100');
  const settings = { populationSize: 20, tournamentSize: 5, learningRate: 0.02 };
  const plain = compareOnBenchmark({ benchmark: benchmark.name, contenders: nb201Contenders(['re', 'rs', 'reinforce'], benchmark, settings), seeds: 5, budget: 60, seedOffset: 3 });
  const stored = await runNasComparison({ bench: 'nb201', dataset: csv, metrics: ['cifar100'], algorithms: ['re', 'rs', 'reinforce'], seeds: 5, budget: 60, seedOffset: 3, ...settings });
  assert.deepEqual(stored.json, comparisonJson(plain));
  assert.equal(stored.seedsFinished, 5);
});

test('a seed counts once every algorithm has finished its search; the others wait for a resume', { skip }, async () => {
  const config = nasCompareConfig({ bench: 'nb201', dataset: sharedDataPath(MINI), algorithms: ['re', 'rs'], seeds: 3, budget: 20 });
  const store = memoryStore();
  const names = createNasCompareMembers(store, config, (m) => m);
  assert.deepEqual(names, ['cifar10-re-0', 'cifar10-rs-0', 'cifar10-re-1', 'cifar10-rs-1', 'cifar10-re-2', 'cifar10-rs-2']);
  const nothing = storedNasComparison(store, config, (m) => m);
  assert.equal(nothing.seedsFinished, 0);
  assert.match(nothing.text, /no seed has finished every algorithm's search yet/);
  await runMemberStudies(store, [names[0]!, names[1]!, names[2]!, names[4]!, names[5]!]);
  const partial = storedNasComparison(store, config, (m) => m);
  assert.equal(partial.seedsFinished, 2, 'seeds 0 and 2; seed 1 lacks rs');
  await runMemberStudies(store, names);
  const whole = storedNasComparison(store, config, (m) => m);
  assert.equal(whole.seedsFinished, 3);
  for (const name of names) assert.equal(store.counts(name).done, 20);
});

test('a comparison config round-trips through the JSON its group stores, and refuses bad settings', { skip }, () => {
  const config = nasCompareConfig({ bench: 'nb201', dataset: sharedDataPath(MINI), metrics: ['cifar100', 'imagenet'], seeds: 4, budget: 9, seed: 2, learningRate: 0.5 });
  assert.deepEqual(readNasCompareConfig(JSON.parse(JSON.stringify(nasCompareConfigJson(config)))), config);
  assert.deepEqual(config.metrics, ['cifar100', 'imagenet16-120']);
  const members = nasCompareMembers(config);
  assert.equal(members.length, 2 * 4 * 3);
  assert.deepEqual(members[3]!.task, { id: 'nas-bench-201', config: { dataset: config.dataset, metric: 'cifar100' } });
  assert.deepEqual(members[2]!.recipe, { id: 'reinforce', config: { learningRate: 0.5 } });
  const usage = (pattern: RegExp) => (e: unknown) => e instanceof UsageError && pattern.test(e.message);
  assert.throws(() => nasCompareConfig({ bench: 'nb301', seeds: 1, budget: 1 }), usage(/--bench must be nb201 or nb101, got 'nb301'/));
  assert.throws(() => nasCompareConfig({ bench: 'nb201', algorithms: ['re', 're'], seeds: 1, budget: 1 }), usage(/algorithm names must differ/));
  assert.throws(() => nasCompareConfig({ bench: 'nb201', seeds: MAX_COMPARE_MEMBERS, budget: 1 }), usage(/searches \(seeds × algorithms × metrics\) are more than the 100000 one comparison stores/));
  assert.throws(() => nasCompareConfig({ bench: 'nb201', seeds: 1, budget: 0 }), usage(/budget must be a whole number >= 1, got 0/));
  assert.throws(() => nasCompareConfig({ bench: 'nb101', seeds: 1, budget: 1 }), usage(/nb101 needs --dataset/));
});

test('NB101 members search the matrix space, and REINFORCE the DNA encoding through the valid-cells wrapper', () => {
  const config = nasCompareConfig({ bench: 'nb101', dataset: '/data/nasbench_only108.tfrecord', seeds: 1, budget: 5, epochs: 36 });
  const [re, rs, rl] = nasCompareMembers(config);
  assert.deepEqual([re!.member, rs!.member, rl!.member], ['re-0', 'rs-0', 'reinforce-0']);
  assert.deepEqual(re!.space, { id: 'nas-bench-101', config: {} });
  assert.deepEqual(rl!.space, { id: 'nas-bench-101-dna', config: {} });
  assert.deepEqual(rl!.task.config, { dataset: '/data/nasbench_only108.tfrecord', epochs: 36, encoding: 'dna' });
  assert.deepEqual(rl!.recipe, { id: 'nas-bench-101-valid-cells', config: { algorithm: { id: 'reinforce', config: { learningRate: 1 } } } });
});
