import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clipByGlobalNorm, clipByValue, globalNorm } from '../../../src/learn/optim/index.ts';

describe('gradient clipping', () => {
  it('measures the norm of several arrays as one vector', () => {
    assert.equal(globalNorm([Float32Array.of(3), Float32Array.of(0, 4)]), 5);
  });

  it('scales gradients over the norm down to it, keeping their direction, and returns the norm before', () => {
    const a = Float64Array.of(3, 0), b = Float64Array.of(0, 4);
    assert.equal(clipByGlobalNorm([a, b], 1), 5);
    [...a, ...b].forEach((x, i) => assert.ok(Math.abs(x - [0.6, 0, 0, 0.8][i]!) < 1e-15));
    assert.ok(Math.abs(globalNorm([a, b]) - 1) < 1e-15);
  });

  it('leaves gradients within the norm untouched', () => {
    const a = Float32Array.of(0.3, -0.4);
    assert.equal(clipByGlobalNorm([a], 1), Math.hypot(Math.fround(0.3), Math.fround(0.4)));
    assert.deepEqual(Array.from(a), [Math.fround(0.3), Math.fround(-0.4)]);
  });

  it('clamps each coordinate into ±limit by value', () => {
    const a = Float64Array.of(-3, -0.5, 0, 0.5, 3);
    clipByValue([a], 1);
    assert.deepEqual(Array.from(a), [-1, -0.5, 0, 0.5, 1]);
  });

  it('refuses a limit that is not above zero', () => {
    assert.throws(() => clipByGlobalNorm([], 0), /clipByGlobalNorm: maxNorm must be a finite number > 0, got 0/);
    assert.throws(() => clipByValue([], -1), /clipByValue: limit must be a finite number > 0, got -1/);
  });
});
