import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import { cellMatrix, cellOps, runCount } from '../../../../src/tasks/nas/nb101/dataset-index.ts';
import { loadNb101Index } from '../../../../src/tasks/nas/nb101/loader.ts';
import { nasBench101 } from '../../../../src/tasks/nas/nb101/query-api.ts';
import { encodeNb101Row } from '../../../../src/tasks/nas/nb101/row.ts';
import { encodeTfRecord, writeTfRecords } from '../../../../src/tasks/nas/tfrecord/writer.ts';
import { sharedDataPath, skipWithout } from '../shared-data.ts';
import { readNaslibCells, writeNaslibDataset } from './naslib-dataset.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-nb101-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NASLIB = 'nasbench101/naslib-30-cells.json';

test('decodes the real record to the published module and parameter count', { skip: skipWithout('nasbench101/one-row.tfrecord') }, () => {
  const { index, source } = loadNb101Index(sharedDataPath('nasbench101/one-row.tfrecord'), { cache: false });
  assert.equal(source, 'dataset');
  assert.deepEqual(index.hashes, ['00005c142e6f48ac74fdcf73e3439874']);
  assert.deepEqual(index.epochBudgets, [4]);
  const metrics = nasBench101(index).getMetricsFromHash('00005c142e6f48ac74fdcf73e3439874');
  assert.equal(metrics.trainableParameters, 8555530);
  assert.deepEqual(metrics.moduleOperations, ['input', 'conv3x3-bn-relu', 'maxpool3x3', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'conv1x1-bn-relu', 'output']);
  assert.equal(metrics.moduleAdjacency.flat().join(''), '0100110001000000010010000010000001000000010000000');
  const [run] = metrics.computed[4]!;
  assert.equal(run!.halfwayTrainingTime, 45.152000427246094);
  assert.equal(run!.finalTrainingTime, 89.90399932861328);
  assert.equal(run!.finalValidationAccuracy, 0.3489583432674408);
  assert.equal(run!.finalTestAccuracy, 0.3504607379436493);
});

test('indexes every cell and repeat of a dataset written from the NASLib cells', { skip: skipWithout(NASLIB) }, () => {
  const cells = readNaslibCells();
  const path = join(dir, 'naslib.tfrecord');
  writeNaslibDataset(path, cells);
  const { index } = loadNb101Index(path, { cache: false, verifyHashes: true });
  assert.equal(index.hashes.length, 30);
  assert.equal(runCount(index), 90);
  assert.deepEqual(index.epochBudgets, [108]);
  const bench = nasBench101(index);
  for (const [hash, cell] of Object.entries(cells)) {
    const c = index.cellByHash.get(hash)!;
    assert.deepEqual(cellMatrix(index, c), cell.matrix);
    assert.deepEqual(cellOps(index, c), cell.ops);
    const metrics = bench.getMetrics(cell);
    assert.equal(metrics.trainableParameters, cell.params);
    assert.deepEqual(
      metrics.computed[108]!.map((run) => run.finalTestAccuracy),
      cell.computed['108'].map((run) => run.final_test_accuracy),
    );
    assert.deepEqual(
      metrics.computed[108]!.map((run) => run.halfwayValidationAccuracy),
      cell.computed['108'].map((run) => run.halfway_validation_accuracy),
    );
  }
});

test('groups repeats by cell and budget whatever order the file lists them in', () => {
  const row = (hash: string, epochs: number, accuracy: number) =>
    encodeNb101Row({
      hash,
      epochs,
      adjacency: '0100',
      operations: 'input,output',
      metrics: { trainable_parameters: 7, evaluation_data: [{}, {}, { test_accuracy: accuracy }] },
    });
  const path = join(dir, 'shuffled.tfrecord');
  const a = '0'.repeat(32);
  const b = '1'.repeat(32);
  writeTfRecords(path, [row(a, 108, 0.1), row(b, 4, 0.2), row(a, 4, 0.3), row(a, 108, 0.4), row(b, 108, 0.5)]);
  const bench = nasBench101(loadNb101Index(path, { cache: false }).index);
  assert.deepEqual(bench.index.epochBudgets, [4, 108]);
  const tests = (hash: string) => Object.fromEntries(Object.entries(bench.getMetricsFromHash(hash).computed).map(([e, runs]) => [e, runs.map((r) => r.finalTestAccuracy)]));
  assert.deepEqual(tests(a), { 4: [0.3], 108: [0.1, 0.4] });
  assert.deepEqual(tests(b), { 4: [0.2], 108: [0.5] });
});

test('saves the index to the cache and reads it back unchanged on the second load', { skip: skipWithout(NASLIB) }, () => {
  const path = join(dir, 'cached.tfrecord');
  const cacheDir = join(dir, 'cache');
  writeNaslibDataset(path);
  const first = loadNb101Index(path, { cacheDir });
  const second = loadNb101Index(path, { cacheDir });
  assert.equal(first.source, 'dataset');
  assert.equal(second.source, 'cache');
  assert.equal(second.cacheFile, first.cacheFile);
  assert.ok(existsSync(first.cacheFile!));
  const { cellByHash: firstMap, ...firstArrays } = first.index;
  const { cellByHash: secondMap, ...secondArrays } = second.index;
  assert.deepEqual(secondArrays, firstArrays);
  assert.deepEqual([...secondMap], [...firstMap]);
});

test('parses the dataset again when its modification time changes', { skip: skipWithout(NASLIB) }, () => {
  const path = join(dir, 'touched.tfrecord');
  const cacheDir = join(dir, 'cache-touched');
  writeNaslibDataset(path);
  loadNb101Index(path, { cacheDir });
  utimesSync(path, new Date(2001, 1, 1), new Date(2001, 1, 1));
  assert.equal(loadNb101Index(path, { cacheDir }).source, 'dataset');
  assert.equal(loadNb101Index(path, { cacheDir }).source, 'cache');
  assert.equal(readdirSync(cacheDir).length, 2);
});

test('ignores a damaged cache file and parses the dataset', { skip: skipWithout(NASLIB) }, () => {
  const path = join(dir, 'damaged.tfrecord');
  const cacheDir = join(dir, 'cache-damaged');
  writeNaslibDataset(path);
  const { cacheFile } = loadNb101Index(path, { cacheDir });
  writeFileSync(cacheFile!, 'AMNB101\nnot an index');
  const again = loadNb101Index(path, { cacheDir });
  assert.equal(again.source, 'dataset');
  assert.equal(again.index.hashes.length, 30);
});

test('names the record and the problem when a row is not a NAS-Bench-101 row', () => {
  const path = join(dir, 'not-rows.tfrecord');
  const good = encodeNb101Row({ hash: 'a'.repeat(32), epochs: 108, adjacency: '0100', operations: 'input,output', metrics: { trainable_parameters: 1, evaluation_data: [{}, {}, {}] } });
  const cases: [Buffer, RegExp][] = [
    [Buffer.from('not json'), /record at byte \d+: the record is not JSON/],
    [Buffer.from('["abc", 108, "0100", "input,output", ""]'), /field 1 must be a 32-digit hex module hash/],
    [Buffer.from(`["${'a'.repeat(32)}", 108, "0100", "input,output", ""]`), /ModelMetrics has 0 evaluations/],
    [encodeNb101Row({ hash: 'b'.repeat(32), epochs: 108, adjacency: '0110', operations: 'input,output', metrics: { trainable_parameters: 1, evaluation_data: [{}, {}, {}] } }), /upper-triangular/],
  ];
  const secondOffset = encodeTfRecord(good).length;
  for (const [record, message] of cases) {
    writeFileSync(path, Buffer.concat([encodeTfRecord(good), encodeTfRecord(record)]));
    assert.throws(
      () => loadNb101Index(path, { cache: false }),
      (error: unknown) => error instanceof UsageError && error.message.includes(`record at byte ${secondOffset}:`) && message.test(error.message),
    );
  }
});

test('rejects a module hash that does not match its cell when asked to verify', () => {
  const path = join(dir, 'wrong-hash.tfrecord');
  writeTfRecords(path, [encodeNb101Row({ hash: 'c'.repeat(32), epochs: 108, adjacency: '0100', operations: 'input,output', metrics: { trainable_parameters: 1, evaluation_data: [{}, {}, {}] } })]);
  assert.equal(loadNb101Index(path, { cache: false }).index.hashes.length, 1);
  assert.throws(() => loadNb101Index(path, { cache: false, verifyHashes: true }), /does not match its cell \(which hashes to 043721b9c7fe8c5fad811d47d83132ec\)/);
});

test('says what to do when the dataset path is wrong or the file is empty', () => {
  assert.throws(() => loadNb101Index(join(dir, 'nope.tfrecord')), /cannot read NAS-Bench-101 dataset .*give the path of a \.tfrecord file/);
  const empty = join(dir, 'empty.tfrecord');
  writeFileSync(empty, '');
  assert.throws(() => loadNb101Index(empty, { cache: false }), /holds no records/);
});
