import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../../src/core/rng.ts';
import { assertDnaContracts, compile, spaceArbitrary } from '../spaces.ts';

test('encode(decode(dna)) equals dna for random DNA over random nested conditional spaces', () => {
  fc.assert(
    fc.property(spaceArbitrary(), fc.integer({ min: 0, max: 1000 }), (space, seed) => {
      assertDnaContracts(compile(space), seed);
    }),
    { numRuns: 200 },
  );
});

test('decode gives fresh containers, so changing one decoded value leaves the next alone', () => {
  fc.assert(
    fc.property(spaceArbitrary(), fc.integer({ min: 0, max: 1000 }), (space, seed) => {
      const t = compile(space);
      const dna = t.random(new Rng(seed));
      const first = JSON.stringify(t.decode(dna));
      const value = t.decode(dna);
      if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) (value as Record<string, unknown>).extra = 1;
      assert.equal(JSON.stringify(t.decode(dna)), first);
    }),
    { numRuns: 100 },
  );
});

test('the same seed gives the same DNAs', () => {
  fc.assert(
    fc.property(spaceArbitrary(), fc.integer({ min: 0, max: 1000 }), (space, seed) => {
      const t = compile(space);
      const a = new Rng(seed);
      const b = new Rng(seed);
      for (let i = 0; i < 3; i++) assert.equal(t.key(t.mutate(t.random(a), a)), t.key(t.mutate(t.random(b), b)));
    }),
    { numRuns: 100 },
  );
});
