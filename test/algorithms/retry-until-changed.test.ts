import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng, UsageError } from '../../src/core/index.ts';
import type { Space } from '../../src/core/index.ts';
import { retryUntilChanged } from '../../src/algorithms/retry-until-changed.ts';
import { integerSpace } from '../helpers/toy.ts';
import { lineageSpace } from '../helpers/algorithm-contracts.ts';

/** Integers whose mutation leaves the genotype unchanged except on every `period`-th call. */
function stubbornSpace(period: number): Space<number> & { calls: number } {
  const space = {
    ...integerSpace,
    calls: 0,
    mutate: (g: number) => (++space.calls % period === 0 ? g + 1 : g),
  };
  return space;
}

describe('retryUntilChanged', () => {
  it('always returns a different key when the space can change within maxTries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 998 }), (period, g) => {
        const space = stubbornSpace(period);
        const child = retryUntilChanged(space, { maxTries: 12 }).mutate(g, new Rng(0));
        assert.notEqual(space.key(child), space.key(g));
      }),
    );
  });

  it('changes the key of a space whose mutation is mostly a no-op', () => {
    // integerSpace clamps at 999, so half its mutations of 999 change nothing.
    const wrapped = retryUntilChanged(integerSpace, { maxTries: 60 });
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) assert.notEqual(wrapped.mutate(999, rng), 999);
  });

  it('returns the last attempt after maxTries when nothing changes', () => {
    const space = stubbornSpace(100);
    assert.equal(retryUntilChanged(space, { maxTries: 5 }).mutate(7, new Rng(0)), 7);
    assert.equal(space.calls, 5);
  });

  it('keeps the wrapped space otherwise, crossover included only when it exists', () => {
    const wrapped = retryUntilChanged(lineageSpace);
    const g = lineageSpace.random(new Rng(3));
    assert.deepEqual(wrapped.random(new Rng(3)), g);
    assert.equal(wrapped.key(g), lineageSpace.key(g));
    assert.deepEqual(wrapped.toJSON(g), lineageSpace.toJSON(g));
    assert.equal(typeof wrapped.crossover, 'function');
    assert.equal(retryUntilChanged(integerSpace).crossover, undefined);
  });

  it('rejects a maxTries below 1', () => {
    assert.throws(() => retryUntilChanged(integerSpace, { maxTries: 0 }), (e: unknown) => e instanceof UsageError && e.message === 'retryUntilChanged: maxTries must be a whole number >= 1, got 0');
  });
});
