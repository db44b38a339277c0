import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { float32Ulp, maxRelativeError, maxUlpError } from '../../../src/tasks/function-approx/error-measures.ts';

describe('error measures', () => {
  it('uses the ULP of the true value, including just below a power of two and subnormals', () => {
    assert.equal(float32Ulp(1), 2 ** -23);
    assert.equal(float32Ulp(1.9999999), 2 ** -23);
    assert.equal(float32Ulp(2), 2 ** -22);
    assert.equal(float32Ulp(2 - 2 ** -40), 2 ** -23);
    assert.equal(float32Ulp(-3), 2 ** -22);
    assert.equal(float32Ulp(2 ** -130), 2 ** -149);
  });

  it('measures one float32 step as one ULP everywhere', () => {
    fc.assert(
      fc.property(fc.float({ min: Math.fround(1e-30), max: Math.fround(1e30), noNaN: true }), (f) => {
        const next = new Float32Array(1);
        const bits = new Uint32Array(next.buffer);
        next[0] = f;
        bits[0]! += 1;
        assert.equal(maxUlpError(Float64Array.of(next[0]!), Float64Array.of(f)), 1);
      }),
    );
  });

  it('reports the largest relative error and Infinity for any non-finite output', () => {
    const reference = Float64Array.of(1, 2, 4);
    assert.equal(maxRelativeError(Float64Array.of(1.5, 2, 3), reference), 0.5);
    assert.equal(maxRelativeError(Float64Array.of(1, NaN, 4), reference), Infinity);
    assert.equal(maxUlpError(Float64Array.of(1, Infinity, 4), reference), Infinity);
  });
});
