import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Study, UsageError } from '../../src/core/index.ts';
import type { Task } from '../../src/core/index.ts';
import { fecCache } from '../../src/hashing/fec-cache.ts';
import { functionalHash } from '../../src/hashing/functional-hash.ts';
import { RecordingRandomSearch, distanceTask, integerSpace } from '../helpers/toy.ts';

const fp = (...values: number[]) => Float64Array.from(values);

describe('fecCache', () => {
  it('misses an unknown fingerprint and hits it once recorded', () => {
    const cache = fecCache();
    const first = cache.lookup(fp(1, 2));
    assert.equal(first.measurement, undefined);
    assert.equal(first.hash, functionalHash(fp(1, 2)));
    cache.record(first.hash, { values: [0.5], info: { note: 'x' } });
    assert.deepEqual(cache.lookup(fp(1, 2)).measurement, { values: [0.5], info: { note: 'x' } });
    assert.deepEqual(cache.stats(), { hits: 1, misses: 1, size: 1 });
  });

  it('treats fingerprints equal up to mantissa noise as one program', () => {
    const cache = fecCache({ mantissaBits: 20 });
    cache.record(cache.lookup(fp(0.1 + 0.2)).hash, { values: [7] });
    assert.deepEqual(cache.lookup(fp(0.3)).measurement, { values: [7] });
  });

  it('evicts the least recently used entry', () => {
    const cache = fecCache({ capacity: 2 });
    const a = cache.lookup(fp(1)).hash;
    cache.record(a, { values: [1] });
    const b = cache.lookup(fp(2)).hash;
    cache.record(b, { values: [2] });
    cache.lookup(fp(1)); // a is now more recent than b
    const c = cache.lookup(fp(3)).hash;
    cache.record(c, { values: [3] });
    assert.equal(cache.stats().size, 2);
    assert.equal(cache.peek(b), undefined);
    assert.deepEqual(cache.peek(a), { evaluations: 1, values: [1] });
    assert.deepEqual(cache.peek(c), { evaluations: 1, values: [3] });
  });

  it('averages repeated evaluations up to maxEvals before answering', () => {
    const cache = fecCache({ maxEvals: 3 });
    const observed = [];
    for (const value of [1, 2, 6]) {
      const lookup = cache.lookup(fp(42));
      observed.push(lookup.measurement);
      cache.record(lookup.hash, { values: [value, -value] });
    }
    assert.deepEqual(observed, [undefined, undefined, undefined]);
    assert.deepEqual(cache.lookup(fp(42)).measurement, { values: [3, -3] });
    assert.deepEqual(cache.stats(), { hits: 1, misses: 3, size: 1 });
  });

  it('forgets an entry on a hit with the removal probability', () => {
    const always = fecCache({ removalProbability: 1 });
    always.record(always.lookup(fp(5)).hash, { values: [1] });
    assert.deepEqual(always.lookup(fp(5)).measurement, { values: [1] });
    assert.equal(always.lookup(fp(5)).measurement, undefined);

    // Each recorded entry survives a geometric number of hits (mean 2 at p = 0.5), so about
    // two lookups in three hit; the seed fixes exactly which.
    const hitPattern = (seed: number) => {
      const cache = fecCache({ removalProbability: 0.5, seed });
      const hits: boolean[] = [];
      for (let i = 0; i < 300; i++) {
        const lookup = cache.lookup(fp(9));
        if (lookup.measurement === undefined) cache.record(lookup.hash, { values: [1] });
        hits.push(lookup.measurement !== undefined);
      }
      return hits;
    };
    assert.deepEqual(hitPattern(3), hitPattern(3));
    assert.notDeepEqual(hitPattern(3), hitPattern(4));
    const hits = hitPattern(3).filter(Boolean).length;
    assert.ok(hits > 160 && hits < 240, `expected about 200 hits, got ${hits}`);
  });

  it('answers repeated programs inside a study without evaluating them again', async () => {
    let evaluations = 0;
    const task: Task<number> = {
      ...distanceTask,
      evaluate: (g) => {
        evaluations++;
        return distanceTask.evaluate(g, { trialId: 0, seed: 0 });
      },
      fingerprint: (g) => fp(g % 10),
    };
    const cache = fecCache();
    const study = new Study({ space: integerSpace, task, algorithm: new RecordingRandomSearch(), cache, seed: 4, budgetTrials: 200 });
    const summary = await study.run();
    assert.equal(evaluations, 10);
    assert.equal(summary.cached, 190);
    assert.deepEqual(cache.stats(), { hits: 190, misses: 10, size: 10 });
  });

  it('rejects bad options with a message naming the option', () => {
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof UsageError);
        return e.message;
      }
      return 'no error';
    };
    assert.equal(message(() => fecCache({ capacity: 0 })), 'fecCache: capacity must be a whole number >= 1, got 0');
    assert.equal(message(() => fecCache({ maxEvals: 1.5 })), 'fecCache: maxEvals must be a whole number >= 1, got 1.5');
    assert.equal(message(() => fecCache({ removalProbability: 2 })), 'fecCache: removalProbability must be a number in [0, 1], got 2');
    assert.equal(message(() => fecCache({ mantissaBits: -1 })), 'fecCache: mantissaBits must be a whole number in [0, 52], got -1');
  });
});
