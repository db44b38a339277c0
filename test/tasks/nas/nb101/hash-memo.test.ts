import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { Nb101HashMemo, encodeSpec } from '../../../../src/tasks/nas/nb101/hash-memo.ts';
import { nb101Hash } from '../../../../src/tasks/nas/nb101/module-hash.ts';
import { notebookMutation, randomNb101Spec } from '../../../../src/tasks/nas/nb101/mutations.ts';
import { OutOfDomainError } from '../../../../src/tasks/nas/nb101/errors.ts';

test('remembers exactly the hash that nb101Hash computes', () => {
  const memo = new Nb101HashMemo();
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const spec = randomNb101Spec(new Rng(seed));
      assert.equal(memo.hash(spec), nb101Hash(spec));
      assert.equal(memo.hash(spec), nb101Hash(spec));
    }),
    { numRuns: 50 },
  );
});

test('gives different unpruned cells different codes', () => {
  fc.assert(
    fc.property(fc.integer(), fc.integer(), (a, b) => {
      const x = randomNb101Spec(new Rng(a));
      const y = notebookMutation(x, new Rng(b));
      const same = JSON.stringify(x) === JSON.stringify(y);
      assert.equal(encodeSpec(x) === encodeSpec(y), same);
    }),
    { numRuns: 100 },
  );
});

test('codes only well-formed cells of 2 to 7 vertices with known ops, each below 2^30', () => {
  const full = Array.from({ length: 7 }, (_, i) => Array.from({ length: 7 }, (_, j) => (j > i ? 1 : 0)));
  assert.ok(encodeSpec({ matrix: full, ops: ['input', ...new Array<string>(5).fill('maxpool3x3'), 'output'] }) < 2 ** 30);
  assert.equal(encodeSpec({ matrix: [[0, 1], [0, 0]], ops: ['input', 'output'] }), 1);
  assert.equal(encodeSpec({ matrix: [[0, 1], [1, 0]], ops: ['input', 'output'] }), -1);
  assert.equal(encodeSpec({ matrix: [[0, true], [0, 0]], ops: ['input', 'output'] }), -1);
  assert.equal(encodeSpec({ matrix: [[0, 1, 0], [0, 0, 1], [0, 0, 0]], ops: ['input', 'conv5x5', 'output'] }), -1);
  assert.equal(encodeSpec('cell'), -1);
});

test('starts over when full, and still throws for invalid cells', () => {
  const memo = new Nb101HashMemo(2);
  const rng = new Rng(1);
  for (let k = 0; k < 5; k++) memo.hash(randomNb101Spec(rng));
  assert.ok(memo.size <= 2);
  assert.throws(() => memo.hash({ matrix: [[0, 0], [0, 0]], ops: ['input', 'output'] }), OutOfDomainError);
});
