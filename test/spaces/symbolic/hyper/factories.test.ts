import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import { floatValue, intValue, isHyper, manyOf, oneOf, permutate } from '../../../../src/spaces/symbolic/index.ts';

function rejects(make: () => unknown, message: RegExp): void {
  assert.throws(make, (e: unknown) => e instanceof UsageError && message.test(e.message));
}

test('each factory rejects bad options with a message naming the factory and the problem', () => {
  rejects(() => oneOf([]), /^oneOf: candidates must be a non-empty array, got an empty array$/);
  rejects(() => oneOf('ab' as unknown as string[]), /^oneOf: candidates must be a non-empty array, got string$/);
  rejects(() => oneOf([1], { name: '' }), /^oneOf: name must be a non-empty string$/);
  rejects(() => manyOf(0, [1, 2]), /^manyOf: k must be a whole number >= 1, got 0$/);
  rejects(() => manyOf(3, [1, 2]), /^manyOf: k must be <= the number of candidates when distinct, got 3 > 2$/);
  rejects(() => manyOf(2, [1], { distinct: 'yes' as unknown as boolean }), /distinct and sorted must be true or false/);
  rejects(() => permutate([]), /^permutate: candidates must be a non-empty array/);
  rejects(() => floatValue(1, 1), /^floatValue: min and max must be finite with min < max, got 1 and 1$/);
  rejects(() => floatValue(0, Infinity), /must be finite/);
  rejects(() => floatValue(0, 1, { scale: 'log' }), /^floatValue: a log scale needs min > 0, got 0$/);
  rejects(() => floatValue(0, 1, { scale: 'exp' as 'log' }), /scale must be 'linear' or 'log'/);
  rejects(() => intValue(3, 2), /^intValue: min and max must be whole numbers with min <= max, got 3 and 2$/);
  rejects(() => intValue(0.5, 2), /whole numbers/);
});

test('manyOf with repeats allows k above the number of candidates', () => {
  assert.equal(manyOf(5, ['a', 'b'], { distinct: false }).k, 5);
});

test('hyper values keep their options and describe themselves', () => {
  const m = manyOf(2, ['a', 'b', 'c'], { sorted: true, name: 'pick' });
  assert.deepEqual([m.k, m.distinct, m.sorted, m.name], [2, true, true, 'pick']);
  assert.equal(m.describe(), 'manyOf(2, 3)');
  assert.equal(permutate([1, 2, 3]).describe(), 'permutate(3)');
  assert.equal(floatValue(1e-3, 1, { scale: 'log' }).describe(), 'floatValue(0.001, 1, log)');
  assert.ok(isHyper(oneOf([1])) && !isHyper({ candidates: [1] }));
});

test('a factory copies its candidates, so later changes to the array do not reach the space', () => {
  const candidates = [1, 2];
  const h = oneOf(candidates);
  candidates.push(3);
  assert.deepEqual(h.candidates, [1, 2]);
  assert.ok(Object.isFrozen(h.candidates));
});
