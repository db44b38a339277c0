import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import { loadNb101Index } from '../../../../src/tasks/nas/nb101/loader.ts';
import { nasBench101 } from '../../../../src/tasks/nas/nb101/query-api.ts';
import { nasBench101Task } from '../../../../src/tasks/nas/nb101/task.ts';
import { skipWithout } from '../shared-data.ts';
import { readNaslibCells, writeNaslibDataset } from './naslib-dataset.ts';

const skip = skipWithout('nasbench101/naslib-30-cells.json');
const dir = mkdtempSync(join(tmpdir(), 'amoeba-nb101-task-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('scores a cell by the validation accuracy of a repeat fixed by the trial seed', { skip }, () => {
  const path = join(dir, 'naslib.tfrecord');
  writeNaslibDataset(path);
  const bench = nasBench101(loadNb101Index(path, { cache: false }).index);
  const task = nasBench101Task({ bench });
  const [hash, cell] = Object.entries(readNaslibCells())[0]!;
  const first = task.evaluate(cell, { trialId: 0, seed: 12345 });
  const again = task.evaluate(cell, { trialId: 9, seed: 12345 });
  assert.deepEqual(again, first, 'the same seed picks the same repeat');
  assert.ok(!(first instanceof Promise));
  const repeat = cell.computed['108'].find((r) => r.final_validation_accuracy === first.values[0])!;
  assert.ok(repeat);
  assert.deepEqual(first.info, { testAccuracy: repeat.final_test_accuracy, trainingSeconds: repeat.final_training_time, hash, trainableParameters: cell.params });
  assert.throws(() => nasBench101Task({ bench, epochs: 4 }), (e: unknown) => e instanceof UsageError && /epochs must be one of 108/.test(e.message));
});
