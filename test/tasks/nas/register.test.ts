import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tasks } from '../../../src/core/registries.ts';
import '../../../src/tasks/nas/register.ts';
import { nasBench201Space } from '../../../src/tasks/nas/nb201/space.ts';
import { sharedDataPath, skipWithout } from './shared-data.ts';

test('rebuilds the NAS-Bench-201 task from its id and config', { skip: skipWithout('nasbench201/mini-nb201-12epoch.csv') }, () => {
  const task = tasks.get('nas-bench-201')({ dataset: sharedDataPath('nasbench201/mini-nb201-12epoch.csv'), metric: 'cifar100' });
  assert.equal(task.id, 'nas-bench-201');
  const dna = nasBench201Space().fromJSON([3, 3, 4, 1, 3, 1]);
  assert.deepEqual(task.evaluate(dna, { trialId: 0, seed: 0 }), { values: [57.8], info: { testAccuracyPercent: 58.26, cellCode: 3 + 5 * (3 + 5 * (4 + 5 * (1 + 5 * (3 + 5 * 1)))) } });
});

test('names the problem in a bad task config', () => {
  assert.throws(() => tasks.get('nas-bench-201')({ metric: 'mnist' }), /unknown NAS-Bench-201 dataset 'mnist'/);
  assert.throws(() => tasks.get('nas-bench-201')({ colour: 'red' }), /nas-bench-201: unknown config key 'colour'; known: dataset, metric/);
  assert.throws(() => tasks.get('nas-bench-101')({}), /config.dataset must be the path of nasbench_only108.tfrecord/);
  assert.throws(() => tasks.get('nas-bench-101')({ dataset: 3 }), /config.dataset must be a string, got 3/);
});
