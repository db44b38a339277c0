import assert from 'node:assert/strict';
import { test } from 'node:test';
import { regularizedEvolution } from '../../../../src/algorithms/regularized-evolution.ts';
import { Study } from '../../../../src/core/study.ts';
import { nasBench201Space } from '../../../../src/tasks/nas/nb201/space.ts';
import { loadNb201Table } from '../../../../src/tasks/nas/nb201/table.ts';
import { nasBench201Task } from '../../../../src/tasks/nas/nb201/task.ts';
import { sharedDataPath, skipWithout } from '../shared-data.ts';

const MINI = 'nasbench201/mini-nb201-12epoch.csv';

test('runs a study on NAS-Bench-201 that selects by validation and keeps test accuracy', { skip: skipWithout(MINI) }, async () => {
  const table = loadNb201Table(sharedDataPath(MINI));
  const space = nasBench201Space();
  const task = nasBench201Task({ table, dataset: 'imagenet16-120' });
  const study = new Study({ space, task, algorithm: regularizedEvolution({ space, populationSize: 20, tournamentSize: 5 }), seed: 1, budgetTrials: 200 });
  const summary = await study.run();
  assert.equal(summary.done, 200);
  const best = study.best()!;
  const code = best.info!['cellCode'] as number;
  assert.equal(best.values[0], table.accuracyOfCode(code, 'imagenet16-120', 'validation'));
  assert.equal(best.info!['testAccuracyPercent'], table.accuracyOfCode(code, 'imagenet16-120', 'test'));
  const column = [...table.column('imagenet16-120', 'validation')].sort((a, b) => a - b);
  const percentile99 = column[Math.floor(column.length * 0.99)]!;
  assert.ok(best.values[0]! >= percentile99, `best validation ${best.values[0]} < 99th percentile ${percentile99}`);
});
