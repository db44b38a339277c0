import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { floatValue, intValue, manyOf, oneOf, permutate, template } from '../../../../src/spaces/symbolic/index.ts';
import { compile, spaceArbitrary } from '../spaces.ts';

function assertSweepMatches(space: unknown): number {
  const t = compile(space);
  const keys = new Set<string>();
  for (const dna of t.sweep()) {
    assert.equal(t.spec.problem(dna.values), undefined, `sweep gives valid DNA, got ${dna}`);
    keys.add(t.key(dna));
  }
  assert.equal(keys.size, t.cardinality, 'the sweep visits cardinality distinct DNAs');
  return keys.size;
}

test('cardinality agrees with the sweep over random finite nested spaces', () => {
  fc.assert(
    fc.property(
      spaceArbitrary({ finite: true }).filter((s) => compile(s).cardinality <= 3000),
      (space) => void assertSweepMatches(space),
    ),
    { numRuns: 100 },
  );
});

test('manyOf cardinality follows its constraints', () => {
  const items = ['a', 'b', 'c', 'd'];
  assert.equal(assertSweepMatches(manyOf(2, items)), 12, 'distinct, any order: 4 * 3');
  assert.equal(assertSweepMatches(manyOf(2, items, { sorted: true })), 6, 'distinct and sorted: C(4, 2)');
  assert.equal(assertSweepMatches(manyOf(2, items, { distinct: false })), 16, 'free: 4^2');
  assert.equal(assertSweepMatches(manyOf(2, items, { distinct: false, sorted: true })), 10, 'sorted with repeats: C(5, 2)');
  assert.equal(assertSweepMatches(permutate(items)), 24, 'permutations: 4!');
});

test('manyOf cardinality counts the choices inside each chosen candidate', () => {
  const space = manyOf(2, [oneOf([1, 2, 3]), 'x', intValue(0, 1)], { sorted: true });
  // Sorted distinct pairs of candidates with 3, 1 and 2 inner options: 3*1 + 3*2 + 1*2.
  assert.equal(assertSweepMatches(space), 11);
});

test('a conditional space counts the sum over branches of the product inside each', () => {
  const space = { opt: oneOf([{ name: 'sgd', momentum: oneOf([0, 0.9]) }, { name: 'adam', beta: intValue(1, 3) }]), depth: intValue(1, 4) };
  assert.equal(assertSweepMatches(space), (2 + 3) * 4);
});

test('a space with a float decision is infinite and refuses to sweep', () => {
  const t = template({ lr: floatValue(0, 1), n: intValue(0, 2) });
  assert.equal(t.cardinality, Infinity);
  assert.throws(() => t.sweep().next(), /infinite/);
});

test('a space without decisions has one DNA, the empty one, that decodes to the space itself', () => {
  const t = template({ a: 1, b: ['x'] });
  const all = [...t.sweep()];
  assert.equal(t.cardinality, 1);
  assert.equal(all.length, 1);
  assert.deepEqual(t.decode(all[0]!), { a: 1, b: ['x'] });
  assert.deepEqual(t.decode(t.random(new Rng(1))), { a: 1, b: ['x'] });
});
