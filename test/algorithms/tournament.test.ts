import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../src/core/index.ts';
import { tournamentSelect } from '../../src/algorithms/tournament.ts';

/** Members whose fitness is their index: index 0 is the best. */
const ranked = (n: number) => Array.from({ length: n }, (_, i) => ({ fitness: i, index: i }));

describe('tournamentSelect', () => {
  it('without replacement and S = n always returns the best member', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (n, seed) => {
        assert.equal(tournamentSelect(ranked(n), n, false, new Rng(seed)).index, 0);
      }),
    );
  });

  it('with replacement and S = n sometimes misses the best member', () => {
    const rng = new Rng(1);
    const winners = Array.from({ length: 400 }, () => tournamentSelect(ranked(10), 10, true, rng).index);
    const missed = winners.filter((w) => w !== 0).length;
    // The best is drawn at least once with probability 1 - 0.9^10 ≈ 0.65.
    assert.ok(missed > 100 && missed < 180, `best missed ${missed} times out of 400`);
  });

  it('samples distinct members without replacement: S = n - 1 never returns the worst', () => {
    const rng = new Rng(2);
    for (let i = 0; i < 300; i++) assert.notEqual(tournamentSelect(ranked(6), 5, false, rng).index, 5);
  });

  it('picks uniformly with S = 1, with or without replacement', () => {
    for (const withReplacement of [false, true]) {
      const rng = new Rng(3);
      const counts = new Array(5).fill(0);
      for (let i = 0; i < 5000; i++) counts[tournamentSelect(ranked(5), 1, withReplacement, rng).index]++;
      for (const c of counts) assert.ok(c > 850 && c < 1150, `counts ${counts}`);
    }
  });

  it('gives ties to the younger member (the higher index)', () => {
    const flat = Array.from({ length: 8 }, (_, index) => ({ fitness: 1, index }));
    assert.equal(tournamentSelect(flat, 8, false, new Rng(4)).index, 7);
  });

  it('caps a tournament larger than the population at the population', () => {
    assert.equal(tournamentSelect(ranked(3), 10, false, new Rng(5)).index, 0);
  });
});
