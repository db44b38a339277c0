import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import { NB201_CELL_COUNT, parseNb201Cell } from '../../../../src/tasks/nas/nb201/cell.ts';
import { loadNb201Table, parseNb201Csv, parseNb201Dataset } from '../../../../src/tasks/nas/nb201/table.ts';
import { sharedDataPath, skipWithout } from '../shared-data.ts';

const MINI = 'nasbench201/mini-nb201-12epoch.csv';
const HEADER = 'cellstr,cifar10-test,cifar10-val,cifar100-test,cifar100-val,imagenet-test,imagenet-val';
const CELL = '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|';

test('loads all 15,625 cells of the mini NAS-Bench-201 table and answers a query', { skip: skipWithout(MINI) }, () => {
  const table = loadNb201Table(sharedDataPath(MINI));
  assert.equal(table.cellCount, NB201_CELL_COUNT);
  assert.deepEqual(table.query(CELL, 'cifar10'), { validationAccuracyPercent: 63.364, testAccuracyPercent: 69.55 });
  assert.deepEqual(table.query(parseNb201Cell(CELL), 'cifar100'), { validationAccuracyPercent: 31.84, testAccuracyPercent: 31.26 });
  assert.deepEqual(table.query(CELL, 'imagenet16-120'), { validationAccuracyPercent: 18.4667, testAccuracyPercent: 17 });
  for (const dataset of ['cifar10', 'cifar100', 'imagenet16-120'] as const) {
    const best = table.best(dataset, 'test');
    assert.equal(Math.max(...table.column(dataset, 'test')), best.accuracyPercent);
    assert.equal(table.accuracyOfCode(best.code, dataset, 'test'), best.accuracyPercent);
  }
});

test('reads columns by name in any order and leaves absent cells out', () => {
  const table = parseNb201Csv(`imagenet-val,imagenet-test,cellstr,cifar100-val,cifar100-test,cifar10-val,cifar10-test\n6,5,${CELL},4,3,2,1\n`);
  assert.equal(table.cellCount, 1);
  assert.deepEqual(table.query(CELL, 'cifar10'), { validationAccuracyPercent: 2, testAccuracyPercent: 1 });
  assert.deepEqual(table.query(CELL, 'imagenet16-120'), { validationAccuracyPercent: 6, testAccuracyPercent: 5 });
  assert.equal(table.hasCode(0), false);
  assert.ok(Number.isNaN(table.accuracyOfCode(0, 'cifar10', 'test')));
  assert.throws(() => table.query('|none~0|+|none~0|none~1|+|none~0|none~1|none~2|', 'cifar10'), /no row for cell/);
});

test('names the line and the problem in a malformed CSV', () => {
  const bad: [string, RegExp][] = [
    ['cellstr,cifar10-test\n', /header lacks cifar10-val, cifar100-test/],
    [`${HEADER}\n${CELL},1,2,3\n`, /line 2: 4 fields, the header has 7/],
    [`${HEADER}\n|x~0|,1,2,3,4,5,6\n`, /line 2: NAS-Bench-201 cell '\|x~0\|'/],
    [`${HEADER}\n${CELL},1,2,3,4,5,abc\n`, /line 2: imagenet-val must be a number, got 'abc'/],
    [`${HEADER}\n${CELL},1,2,3,4,5,6\n${CELL},1,2,3,4,5,6\n`, /line 3: cell .* appears twice/],
    [`${HEADER}\n`, /no rows after the header/],
  ];
  for (const [text, message] of bad) assert.throws(() => parseNb201Csv(text, 'mine.csv'), (e: unknown) => e instanceof UsageError && e.message.startsWith('mine.csv') && message.test(e.message));
});

test('knows the three datasets and accepts imagenet as ImageNet16-120', () => {
  assert.equal(parseNb201Dataset('CIFAR10'), 'cifar10');
  assert.equal(parseNb201Dataset('imagenet'), 'imagenet16-120');
  assert.throws(() => parseNb201Dataset('mnist'), /unknown NAS-Bench-201 dataset 'mnist'; use one of cifar10, cifar100, imagenet16-120/);
});
