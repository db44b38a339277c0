import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../src/core/errors.ts';
import { quantize } from '../../src/hashing/quantize.ts';

/** An independent oracle: rounds the magnitude's bit pattern with BigInt arithmetic. */
function quantizeWithBigInt(value: number, bits: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const pattern = view.getBigUint64(0);
  const sign = pattern & (1n << 63n);
  const magnitude = pattern & ((1n << 63n) - 1n);
  const unit = 1n << BigInt(52 - bits);
  const rounded = ((magnitude + unit / 2n) / unit) * unit;
  view.setBigUint64(0, sign | rounded);
  return view.getFloat64(0);
}

function lowMantissaBitsAreZero(value: number, bits: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return (view.getBigUint64(0) & ((1n << BigInt(52 - bits)) - 1n)) === 0n;
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const bits = fc.integer({ min: 0, max: 52 });

describe('quantize', () => {
  it('rounds the mantissa to nearest with ties away from zero', () => {
    assert.equal(quantize(1.4, 0), 1);
    assert.equal(quantize(1.5, 0), 2);
    assert.equal(quantize(1.25, 1), 1.5);
    assert.equal(quantize(-1.25, 1), -1.5);
    assert.equal(quantize(1.2, 1), 1);
  });

  it('agrees with a bit-pattern oracle on every finite value and bit count', () => {
    fc.assert(
      fc.property(finite, bits, (value, b) => {
        assert.ok(Object.is(quantize(value, b), quantizeWithBigInt(value, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps only the requested mantissa bits and stays within half a unit', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), bits, (value, b) => {
        const q = quantize(value, b);
        if (!Number.isFinite(q)) return;
        assert.ok(lowMantissaBitsAreZero(q, b));
        assert.ok(Math.abs(q - value) <= value * 2 ** -(b + 1));
      }),
    );
  });

  it('is idempotent, odd and monotone', () => {
    fc.assert(
      fc.property(finite, finite, bits, (x, y, b) => {
        const qx = quantize(x, b);
        assert.ok(Object.is(quantize(qx, b), qx));
        assert.ok(Object.is(quantize(-x, b), -qx));
        if (x <= y) assert.ok(qx <= quantize(y, b));
      }),
    );
  });

  it('carries a full mantissa into the next power of two', () => {
    assert.equal(quantize(2 - 2 ** -30, 20), 2);
    assert.equal(quantize(Number.MAX_VALUE, 10), Infinity);
  });

  it('returns NaN, infinities, zeros and 52-bit requests unchanged', () => {
    assert.ok(Number.isNaN(quantize(NaN, 3)));
    assert.equal(quantize(Infinity, 3), Infinity);
    assert.equal(quantize(-Infinity, 0), -Infinity);
    assert.ok(Object.is(quantize(-0, 5), -0));
    assert.equal(quantize(Math.PI, 52), Math.PI);
  });

  it('rejects a bit count outside [0, 52] with a message naming it', () => {
    assert.throws(() => quantize(1, 53), (e: unknown) => e instanceof UsageError && e.message === 'quantize: bits must be a whole number in [0, 52], got 53');
    assert.throws(() => quantize(1, 2.5), UsageError);
  });
});
