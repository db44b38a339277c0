import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SpaceError, UsageError } from '../../../../src/core/errors.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { nb101Hash } from '../../../../src/tasks/nas/nb101/module-hash.ts';
import { nasBench101Space } from '../../../../src/tasks/nas/nb101/space.ts';

test('keys a cell by its module hash, so isomorphic cells share a key', () => {
  const space = nasBench101Space();
  const a = { matrix: [[0, 1, 1, 0], [0, 0, 0, 1], [0, 0, 0, 1], [0, 0, 0, 0]], ops: ['input', 'conv3x3-bn-relu', 'maxpool3x3', 'output'] };
  const swapped = { matrix: a.matrix, ops: ['input', 'maxpool3x3', 'conv3x3-bn-relu', 'output'] };
  assert.equal(space.key(a), nb101Hash(a));
  assert.equal(space.key(swapped), space.key(a));
});

test('round-trips every cell through JSON', () => {
  const space = nasBench101Space({ mutation: 'single' });
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const rng = new Rng(seed);
      const cell = space.mutate(space.random(rng), rng);
      const back = space.fromJSON(JSON.parse(JSON.stringify(space.toJSON(cell))));
      assert.deepEqual(back, cell);
      assert.equal(space.key(back), space.key(cell));
    }),
    { numRuns: 50 },
  );
});

test('rejects JSON that is not a valid cell with a SpaceError', () => {
  const space = nasBench101Space();
  assert.throws(() => space.fromJSON({ matrix: [[0, 0], [0, 0]], ops: ['input', 'output'] }), SpaceError);
  assert.throws(() => space.fromJSON('cell'), SpaceError);
});

test('rejects unknown options at once', () => {
  assert.throws(() => nasBench101Space({ mutation: 'wild' as 'single' }), UsageError);
  assert.throws(() => nasBench101Space({ mutationRate: 0 }), /mutationRate must be in \(0, 5\], got 0/);
});
