import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import '../../../src/algorithms/register.ts';
import { reinforce } from '../../../src/algorithms/reinforce.ts';
import { UsageError } from '../../../src/core/errors.ts';
import { algorithms, spaces, tasks } from '../../../src/core/registries.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { Algorithm, Json, Space } from '../../../src/core/types.ts';
import '../../../src/tasks/nas/register.ts';
import { nasBench101DnaSpace, nb101SpecOfDna } from '../../../src/tasks/nas/nb101/dna-space.ts';
import { isNb101Valid } from '../../../src/tasks/nas/nb101/domain.ts';
import { nb101IndexOnce } from '../../../src/tasks/nas/nb101/register.ts';
import { nasBench101Space } from '../../../src/tasks/nas/nb101/space.ts';
import { NB101_OPS } from '../../../src/tasks/nas/nb101/spec.ts';
import { nasBench201Space } from '../../../src/tasks/nas/nb201/space.ts';
import { readNaslibCells, writeNaslibDataset } from './nb101/naslib-dataset.ts';
import { sharedDataPath, skipWithout } from './shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-nas-register-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The first `n` proposals of an algorithm from a seed, as JSON. */
function proposals<G>(algorithm: Algorithm<G>, space: Space<G>, n: number, seed = 7): Json[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => space.toJSON(algorithm.propose(rng)));
}

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
  assert.throws(() => tasks.get('nas-bench-101')({ dataset: 'x.tfrecord', encoding: 'bits' }), (e: unknown) => e instanceof UsageError && /config.encoding must be one of matrix, dna, got 'bits'/.test(e.message));
});

test('the spaces rebuilt from their recipes draw what their factories draw', () => {
  const pairs: [Space<unknown>, Space<unknown>][] = [
    [spaces.get('nas-bench-201')({}), nasBench201Space() as unknown as Space<unknown>],
    [spaces.get('nas-bench-101')({ mutation: 'single', mutationRate: 1 }), nasBench101Space({ mutation: 'single' }) as Space<unknown>],
    [spaces.get('nas-bench-101')(null), nasBench101Space() as Space<unknown>],
    [spaces.get('nas-bench-101-dna')({}), nasBench101DnaSpace() as unknown as Space<unknown>],
  ];
  for (const [rebuilt, made] of pairs) {
    const a = new Rng(3);
    const b = new Rng(3);
    for (let i = 0; i < 20; i++) {
      const x = rebuilt.random(a);
      const y = made.random(b);
      assert.deepEqual(rebuilt.toJSON(rebuilt.mutate(x, a)), made.toJSON(made.mutate(y, b)));
    }
  }
});

test('a bad space config is one UsageError naming the key', () => {
  assert.throws(() => spaces.get('nas-bench-201')({ edges: 6 }), (e: unknown) => e instanceof UsageError && /space nas-bench-201: unknown config key 'edges'; known: \(none\)/.test(e.message));
  assert.throws(() => spaces.get('nas-bench-101')({ mutation: 'wild' }), /space nas-bench-101: config.mutation must be one of notebook, single, got 'wild'/);
  assert.throws(() => spaces.get('nas-bench-101')({ mutationRate: 'high' }), /config.mutationRate must be a number, got 'high'/);
  assert.throws(() => spaces.get('nas-bench-101')({ mutationRate: 9 }), /mutationRate must be in \(0, 5\]/);
  assert.throws(() => spaces.get('nas-bench-101-dna')([]), /the config must be an object, got an array/);
});

test('REINFORCE rebuilt from its recipe proposes what its factory proposes, and resumes from its snapshot', () => {
  const space = nasBench201Space();
  const rebuilt = algorithms.get('reinforce')(space as unknown as Space<unknown>, { learningRate: 0.5, baselineDecay: 0.5 }) as Algorithm<never>;
  const made = reinforce({ space, learningRate: 0.5, baselineDecay: 0.5 });
  const rng = new Rng(1);
  for (let i = 0; i < 30; i++) {
    const dna = made.propose(rng);
    const trial = { id: i, genotype: dna, key: '', hash: undefined, status: 'done' as const, values: [i % 7], loss: [-(i % 7)], error: undefined, cached: false, finishedMs: 0, info: undefined };
    made.feedback(trial);
    rebuilt.feedback(trial as never);
  }
  const restored = algorithms.get('reinforce')(space as unknown as Space<unknown>, { learningRate: 0.5, baselineDecay: 0.5, snapshot: made.snapshot() });
  assert.deepEqual(proposals(restored, space as unknown as Space<unknown>, 10), proposals(made, space, 10));
  assert.deepEqual(rebuilt.snapshot(), made.snapshot());
  assert.throws(() => algorithms.get('reinforce')(space as unknown as Space<unknown>, { lr: 1 }), /algorithm 'reinforce': unknown config key 'lr'; known: learningRate, baselineDecay, objective, snapshot/);
  assert.throws(() => algorithms.get('reinforce')(nasBench101Space() as Space<unknown>, {}), /reinforce: space must be a DNA space with a spec/);
});

test('the valid-cells wrapper proposes only valid NAS-Bench-101 cells, counts the others, and resumes from its snapshot', () => {
  const space = nasBench101DnaSpace() as unknown as Space<unknown>;
  const config = { algorithm: { id: 'reinforce', config: { learningRate: 1 } } };
  const wrapped = algorithms.get('nas-bench-101-valid-cells')(space, config);
  const rng = new Rng(5);
  for (let i = 0; i < 20; i++) assert.ok(isNb101Valid(nb101SpecOfDna(wrapped.propose(rng) as never)));
  const snapshot = wrapped.snapshot() as { invalidProposals: number };
  assert.ok(snapshot.invalidProposals > 0, 'uniform edge bits are mostly invalid cells');
  const restored = algorithms.get('nas-bench-101-valid-cells')(space, { ...config, snapshot: wrapped.snapshot() });
  assert.deepEqual(restored.snapshot(), wrapped.snapshot());
  assert.deepEqual(proposals(restored, space, 5), proposals(wrapped, space, 5));
  assert.throws(() => algorithms.get('nas-bench-101-valid-cells')(space, {}), /config.algorithm must be \{ id, config \} naming a registered algorithm/);
  assert.throws(() => algorithms.get('nas-bench-101-valid-cells')(space, { ...config, inner: 1 }), /unknown config key 'inner'; known: algorithm, snapshot/);
  assert.throws(() => algorithms.get('nas-bench-101-valid-cells')(space, { algorithm: { id: 'bayes' } }), /unknown algorithm 'bayes'/);
});

test('the NAS-Bench-101 task scores a DNA as the cell it encodes', { skip: skipWithout('nasbench101/naslib-30-cells.json') }, () => {
  const path = join(dir, 'naslib.tfrecord');
  writeNaslibDataset(path);
  nb101IndexOnce(path, { cache: false });
  const matrix = tasks.get('nas-bench-101')({ dataset: path });
  const dna = tasks.get('nas-bench-101')({ dataset: path, encoding: 'dna' });
  const cell = Object.values(readNaslibCells()).find((c) => c.ops.length === 7)!;
  const bits = cell.matrix.flatMap((row, i) => row.slice(i + 1));
  const ops = cell.ops.slice(1, 6).map((op) => (NB101_OPS as readonly string[]).indexOf(op));
  const genotype = nasBench101DnaSpace().fromJSON([...bits, ...ops]);
  assert.deepEqual(nb101SpecOfDna(genotype), { matrix: cell.matrix, ops: cell.ops });
  assert.deepEqual(dna.evaluate(genotype, { trialId: 0, seed: 11 }), matrix.evaluate(cell, { trialId: 0, seed: 11 }));
});
