import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { embedding } from '../../../src/learn/modules/index.ts';
import { assertParameterGradientsMatch } from '../../helpers/gradient-check.ts';

describe('embedding', () => {
  it('returns the table row of each id', () => {
    const table = embedding({ count: 4, size: 2, rng: new Rng(1) });
    const w = table.weight.toArray();
    assert.deepEqual(table.forward(Int32Array.from([3, 0, 3])).toArray(), [w[6], w[7], w[0], w[1], w[6], w[7]]);
  });

  it('rejects an id outside the table', () => {
    assert.throws(() => embedding({ count: 4, size: 2, rng: new Rng(1) }).forward(Int32Array.from([4])), /gather: index 4 at position 0 is outside 0..3/);
  });

  it('has gradients that match central differences with respect to its table', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (count, size, seed) => {
      const rng = new Rng(seed);
      const table = embedding({ count, size, rng, dtype: 'float64' });
      const ids = Int32Array.from({ length: rng.intBetween(1, 6) }, () => rng.int(count));
      assertParameterGradientsMatch(() => table.forward(ids), table.parameters());
    }), { numRuns: 15, seed: 2 });
  });
});
