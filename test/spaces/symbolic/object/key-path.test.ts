import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatPath, joinPath, parsePath } from '../../../../src/spaces/symbolic/index.ts';

test('key paths use dots for identifiers, brackets for indices and quoted keys', () => {
  assert.equal(formatPath(['layers', 2, 'width']), 'layers[2].width');
  assert.equal(formatPath([0, 'a b', 'c']), '[0]["a b"].c');
  assert.equal(joinPath('', 'x'), 'x');
  assert.deepEqual(parsePath('model.layers[10]["odd.key"].units'), ['model', 'layers', 10, 'odd.key', 'units']);
  assert.deepEqual(parsePath(''), []);
});

test('every path parses back to its segments', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string(), fc.nat(1000)), { maxLength: 6 }), (segments) => {
      assert.deepEqual(parsePath(formatPath(segments)), segments);
    }),
  );
});

test('a malformed path names the character it cannot read', () => {
  assert.throws(() => parsePath('a..b'), /bad key path 'a\.\.b' at character 3: expected a key name/);
  assert.throws(() => parsePath('a[1'), /'\[' is never closed/);
  assert.throws(() => parsePath('a[x]'), /expected an index or a quoted key/);
  assert.throws(() => parsePath('a b'), /expected '\.' or '\['/);
});
