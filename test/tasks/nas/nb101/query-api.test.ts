import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Rng } from '../../../../src/core/rng.ts';
import type { Nb101Index } from '../../../../src/tasks/nas/nb101/dataset-index.ts';
import { InvalidSpecError, NotInDatasetError, OutOfDomainError } from '../../../../src/tasks/nas/nb101/errors.ts';
import { loadNb101Index } from '../../../../src/tasks/nas/nb101/loader.ts';
import { nasBench101 } from '../../../../src/tasks/nas/nb101/query-api.ts';
import { skipWithout } from '../shared-data.ts';
import { readNaslibCells, writeNaslibDataset } from './naslib-dataset.ts';
import type { NaslibCell } from './naslib-dataset.ts';

const skip = skipWithout('nasbench101/naslib-30-cells.json');
const dir = mkdtempSync(join(tmpdir(), 'amoeba-nb101-query-'));
let index: Nb101Index;
let cells: [string, NaslibCell][];
before(() => {
  if (skip) return;
  const path = join(dir, 'naslib.tfrecord');
  writeNaslibDataset(path);
  index = loadNb101Index(path, { cache: false }).index;
  cells = Object.entries(readNaslibCells());
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('returns one of the cell\'s repeats, final or halfway', { skip }, () => {
  const bench = nasBench101(index, { seed: 3 });
  for (const [hash, cell] of cells) {
    const final = bench.query(cell);
    assert.equal(final.hash, hash);
    assert.equal(final.trainableParameters, cell.params);
    const repeat = cell.computed['108'].find(
      (r) => r.final_test_accuracy === final.testAccuracy && r.final_validation_accuracy === final.validationAccuracy && r.final_training_time === final.trainingTime,
    );
    assert.ok(repeat, 'the result is one of the repeats');
    assert.equal(final.trainAccuracy, repeat.final_train_accuracy);
    const halfway = bench.query(cell, { stopHalfway: true });
    assert.ok(cell.computed['108'].some((r) => r.halfway_validation_accuracy === halfway.validationAccuracy && r.halfway_training_time === halfway.trainingTime));
  }
});

test('picks the same repeats for the same seed and visits every repeat', { skip }, () => {
  const [, cell] = cells[0]!;
  const picks = (seed: number) => Array.from({ length: 30 }, () => nasBench101(index, { seed }).query(cell).testAccuracy);
  const sequence = (seed: number) => {
    const bench = nasBench101(index, { seed });
    return Array.from({ length: 30 }, () => bench.query(cell).testAccuracy);
  };
  assert.deepEqual(sequence(9), sequence(9));
  assert.equal(new Set(sequence(9)).size, 3);
  assert.equal(new Set(picks(9)).size, 1);
  const rng = new Rng(4);
  const withRng = nasBench101(index).query(cell, { rng }).testAccuracy;
  assert.equal(withRng, nasBench101(index, { seed: 77 }).query(cell, { rng: new Rng(4) }).testAccuracy);
});

test('adds each query\'s training time and epochs to the budget', { skip }, () => {
  const bench = nasBench101(index);
  const [, cell] = cells[1]!;
  const a = bench.query(cell);
  const b = bench.query(cell, { stopHalfway: true });
  assert.deepEqual(bench.budget(), { trainingSeconds: a.trainingTime + b.trainingTime, epochs: 108 + 54 });
  bench.getMetrics(cell);
  assert.equal(bench.budget().epochs, 162, 'getMetrics charges nothing');
  bench.resetBudget();
  assert.deepEqual(bench.budget(), { trainingSeconds: 0, epochs: 0 });
});

test('answers an unpruned cell with the data of its pruned module', { skip }, () => {
  const [hash, cell] = cells.find(([, c]) => c.matrix.length === 6)!;
  // Add a vertex that feeds nothing: pruning removes it.
  const n = cell.matrix.length;
  const matrix = cell.matrix.map((row) => [...row.slice(0, n - 1), 0, row[n - 1]!]);
  matrix.splice(n - 1, 0, new Array<number>(n + 1).fill(0));
  matrix[n]!.fill(0);
  matrix[0]![n - 1] = 1;
  const ops = [...cell.ops.slice(0, n - 1), 'maxpool3x3', 'output'];
  assert.equal(nasBench101(index).query({ matrix, ops }).hash, hash);
});

test('gives an invalid spec, a cell outside the space, an absent cell and a bad budget each its own error', { skip }, () => {
  const bench = nasBench101(index);
  assert.throws(() => bench.query({ matrix: [[0, 1], [1, 0]], ops: ['input', 'output'] }), InvalidSpecError);
  assert.throws(() => bench.query({ matrix: [[0, 0], [0, 0]], ops: ['input', 'output'] }), OutOfDomainError);
  assert.throws(() => bench.query({ matrix: [[0, 1], [0, 0]], ops: ['input', 'output'] }), NotInDatasetError);
  assert.throws(() => bench.query(cells[0]![1], { epochs: 12 }), /invalid number of epochs 12; this dataset holds 108/);
  assert.throws(() => bench.queryHash('f'.repeat(32)), /no record of module f{32}/);
  assert.equal(bench.isValid({ matrix: [[0, 1], [0, 0]], ops: ['input', 'output'] }), true);
  assert.equal(bench.isValid({ matrix: [[0, 0], [0, 0]], ops: ['input', 'output'] }), false);
  assert.deepEqual(bench.budget(), { trainingSeconds: 0, epochs: 0 }, 'failed queries charge nothing');
});
