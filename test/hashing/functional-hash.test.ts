import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../src/core/errors.ts';
import { functionalHash } from '../../src/hashing/functional-hash.ts';
import { quantize } from '../../src/hashing/quantize.ts';

// Hashes recorded once: a change here silently invalidates every stored functional hash.
const SNAPSHOT_MIXED = 'e558c0fc418030d7';
const SNAPSHOT_FULL_PRECISION = '3fc2e767e3efa227';

const hash = (values: number[], mantissaBits?: number) =>
  functionalHash(Float64Array.from(values), mantissaBits === undefined ? {} : { mantissaBits });

/** A NaN with the given sign and payload bits, which JS arithmetic would never produce. */
function nanWithPayload(negative: boolean, payload: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, (negative ? 0xfff00000 : 0x7ff00000) | 0x80000 | (payload & 0x7ffff));
  view.setUint32(4, payload);
  return view.getFloat64(0);
}

const gridValue = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => quantize(v, 20)).filter((v) => v !== 0);

describe('functionalHash', () => {
  it('stays the same across versions for fixed fingerprints', () => {
    assert.equal(hash([]), 'faaeb132703c4bfb');
    assert.equal(hash([0]), '338a640de365ddd0');
    assert.equal(hash([1, 2, 3]), '4277fddf89ca2778');
    assert.equal(hash([NaN]), '6c8ea30c8699686e');
    assert.equal(hash([Math.PI, -Math.E, 1e-9, 1e9]), SNAPSHOT_MIXED);
    assert.equal(hash([0.1, 0.2, 0.3], 52), SNAPSHOT_FULL_PRECISION);
  });

  it('returns 16 lowercase hex characters', () => {
    fc.assert(fc.property(fc.array(fc.double()), (values) => assert.match(hash(values), /^[0-9a-f]{16}$/)));
  });

  it('hashes fingerprints equal when they differ only below the kept mantissa bits', () => {
    fc.assert(
      fc.property(fc.array(gridValue, { minLength: 1, maxLength: 20 }), fc.double({ min: -1, max: 1, noNaN: true }), (values, noise) => {
        // A relative change below a quarter unit of the 20th bit rounds back to the grid.
        const noisy = values.map((v) => v * (1 + noise * 2 ** -23));
        assert.equal(hash(noisy), hash(values));
      }),
    );
  });

  it('hashes fingerprints differently when one value moves past the resolution', () => {
    fc.assert(
      fc.property(fc.array(gridValue, { minLength: 1, maxLength: 20 }), fc.nat(), (values, at) => {
        const changed = values.slice();
        const i = at % values.length;
        changed[i] = values[i]! * (1 + 2 ** -18);
        assert.notEqual(hash(changed), hash(values));
      }),
    );
  });

  it('depends on the order and the number of values', () => {
    assert.notEqual(hash([1, 2]), hash([2, 1]));
    assert.notEqual(hash([0]), hash([0, 0]));
    assert.notEqual(hash([]), hash([0]));
  });

  it('maps every NaN to one value and -0 to +0, keeping the infinities apart', () => {
    assert.equal(hash([nanWithPayload(true, 12345), 1]), hash([NaN, 1]));
    assert.equal(hash([nanWithPayload(false, 7)]), hash([NaN]));
    assert.equal(hash([-0, 2]), hash([0, 2]));
    const distinct = new Set([hash([Infinity]), hash([-Infinity]), hash([NaN]), hash([0]), hash([1e300])]);
    assert.equal(distinct.size, 5);
  });

  it('merges more values with fewer mantissa bits', () => {
    assert.notEqual(hash([1.001], 20), hash([1.002], 20));
    assert.equal(hash([1.001], 4), hash([1.002], 4));
  });

  it('rejects a mantissa bit count outside [0, 52] with a message naming it', () => {
    assert.throws(
      () => hash([1], 60),
      (e: unknown) => e instanceof UsageError && e.message === 'functionalHash: mantissaBits must be a whole number in [0, 52], got 60',
    );
  });
});
