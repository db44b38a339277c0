import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Cell, cellString, loadAccuracies, networkSpace, proxyAccuracy, searchCells } from '../../../examples/symbolic-nas.ts';
import { Model, baseModel, patchModel } from '../../../examples/symbolic-patches.ts';
import { UsageError } from '../../../src/core/errors.ts';
import { template } from '../../../src/spaces/symbolic/index.ts';

const TABLE = fileURLToPath(new URL('../../../../shared/data/nasbench201/mini-nb201-12epoch.csv', import.meta.url));

test('the NAS example space has the NAS-Bench-201 cell and decodes to networks', () => {
  const t = template(networkSpace);
  assert.equal(t.spec.decisions.filter((d) => d.path.startsWith('cell.edges')).length, 6);
  assert.equal(t.cardinality, 15625 * 3 * 5 * 12);
  const net = t.decode(t.fromJSON([3, 3, 1, 0, 2, 4, 2, 3, 1, 2]));
  assert.equal(cellString(net.cell), '|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|none~0|nor_conv_1x1~1|avg_pool_3x3~2|');
});

test('the NAS example search finds the best cell of its proxy score', async () => {
  const { best, accuracy } = await searchCells({ trials: 300, seed: 1, accuracy: proxyAccuracy });
  assert.ok(best instanceof Cell);
  assert.equal(accuracy, proxyAccuracy(new Cell({ edges: Array(6).fill('nor_conv_3x3') })));
});

test('the NAS example finds a top-0.5% cell of the real table in 300 of its 15,625 cells', { skip: existsSync(TABLE) ? false : `needs ${TABLE}` }, async () => {
  const accuracies = loadAccuracies(TABLE);
  assert.equal(accuracies.size, 15625);
  for (const seed of [1, 2, 3]) {
    const { accuracy } = await searchCells({ trials: 300, seed, accuracy: (cell) => accuracies.get(cellString(cell))! });
    const better = [...accuracies.values()].filter((a) => a > accuracy).length;
    assert.ok(better / accuracies.size < 0.005, `seed ${seed}: ${better} cells beat the ${accuracy}% found`);
  }
});

test('the patches example applies the three patches from strings', () => {
  const patched = patchModel(['add_skip_connections', 'double_width', 'use_lion']);
  assert.ok(patched instanceof Model);
  assert.deepEqual(patched.layers.map((l) => [l.width, l.residual]), [[128, false], [128, true], [128, true], [512, false], [512, true]]);
  assert.deepEqual([patched.optimizer.name, patched.optimizer.lr, patched.optimizer.betas], ['lion', 1e-4, [0.9, 0.99]]);
  assert.equal(baseModel.layers[0]!.width, 64, 'the base model is unchanged');
  assert.deepEqual(patchModel(['add_skip_connections?every=2']).layers.map((l) => l.residual), [false, false, true, false, false]);
});

test('the patches example reports bad patches and invalid results clearly', () => {
  assert.throws(() => patchModel(['use_lion?scale=fast']), (e: unknown) => e instanceof UsageError && /argument 'scale' must be a number >= 1, got 'fast'/.test(e.message));
  assert.throws(() => patchModel(['use_lion?scale=2']), /use_lion keeps the learning rate at most 3e-4/);
  assert.throws(() => patchModel(['wider']), /unknown patcher 'wider'; known: .*add_skip_connections.*double_width.*use_lion/);
  assert.throws(() => patchModel(Array(8).fill('double_width')), /width must be an integer in \[1, 8192\], got 16384/);
});
