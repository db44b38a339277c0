import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Rng } from '../../../../src/core/rng.ts';
import type { Space } from '../../../../src/core/types.ts';
import { nb101Benchmark } from '../../../../src/tasks/nas/compare/nb101-benchmark.ts';
import { loadNb101Index } from '../../../../src/tasks/nas/nb101/loader.ts';
import { nasBench101 } from '../../../../src/tasks/nas/nb101/query-api.ts';
import { skipWithout } from '../shared-data.ts';
import { readNaslibCells, writeNaslibDataset } from '../nb101/naslib-dataset.ts';

const skip = skipWithout('nasbench101/naslib-30-cells.json');
const dir = mkdtempSync(join(tmpdir(), 'amoeba-nb101-bench-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('samples a repeat for validation and seconds but measures regret on the mean test accuracy', { skip }, () => {
  const path = join(dir, 'naslib.tfrecord');
  writeNaslibDataset(path);
  const cells = Object.entries(readNaslibCells());
  const bench = nasBench101(loadNb101Index(path, { cache: false }).index);
  // Genotypes are the NASLib cells' positions, so every query is in this partial dataset.
  const positions: Space<number> = { random: (rng) => rng.int(cells.length), mutate: (g) => g, key: String, toJSON: (g) => g, fromJSON: (j) => j as number };
  const benchmark = nb101Benchmark(bench, positions, (i) => (i < 0 ? { matrix: [[0, 0], [0, 0]], ops: ['input', 'output'] } : cells[i]![1]));
  const meanTest = cells.map(([, c]) => c.computed['108'].reduce((sum, r) => sum + r.final_test_accuracy, 0) / 3);
  assert.equal(benchmark.bestTest, Math.max(...meanTest));
  cells.forEach(([hash, cell], i) => {
    const answer = benchmark.query(i, new Rng(i))!;
    assert.equal(answer.key, hash);
    assert.ok(Math.abs(answer.test - meanTest[i]!) < 1e-12);
    assert.ok(cell.computed['108'].some((r) => r.final_validation_accuracy === answer.validation && r.final_training_time === answer.seconds));
  });
  assert.equal(benchmark.query(-1, new Rng(0)), undefined, 'an invalid cell is answered as invalid');
});
