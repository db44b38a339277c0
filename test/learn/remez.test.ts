import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/core/errors.ts';
import { remez } from '../../src/learn/remez.ts';

const exp2 = (x: number) => Math.exp(x * Math.LN2);
const evaluate = (c: Float64Array, u: number) => c.reduceRight((s, v) => s * u + v, 0);

describe('remez', () => {
  it('finds the degree-5 minimax polynomial of exp2 on [0, 1]: relative error 7.49e-8', () => {
    const fit = remez({ f: exp2, interval: [0, 1], numeratorDegree: 5 });
    assert.ok(fit.converged);
    assert.ok(Math.abs(fit.maxError - 7.4936e-8) < 0.0002e-8, `${fit.maxError}`);
  });

  it('finds the [4/4] minimax rational of exp2 on [0, 1]: relative error 1.109e-14', () => {
    const fit = remez({ f: exp2, interval: [0, 1], numeratorDegree: 4, denominatorDegree: 4 });
    // The levelled error is 1.109e-14; float64 evaluation adds a few 1e-16 on top.
    assert.ok(fit.maxError > 1.10e-14 && fit.maxError < 1.14e-14, `${fit.maxError}`);
  });

  it('equioscillates: the error alternates in sign at m + n + 2 points with equal size', () => {
    const fit = remez({ f: Math.exp, interval: [-1, 1], numeratorDegree: 3, denominatorDegree: 2 });
    assert.equal(fit.extrema.length, 7);
    const errors = [...fit.extrema].map((x) => {
      const u = x; // the interval is already [-1, 1]
      return (Math.exp(x) - evaluate(fit.numerator, u) / evaluate(fit.denominator, u)) / Math.exp(x);
    });
    for (let i = 1; i < errors.length; i++) assert.ok(Math.sign(errors[i]!) === -Math.sign(errors[i - 1]!));
    for (const e of errors) assert.ok(Math.abs(Math.abs(e) - fit.maxError) < 1e-3 * fit.maxError);
  });

  it('gives the textbook best line for x² on [0, 1] in absolute error: x − 1/8', () => {
    const fit = remez({ f: (x) => x * x, interval: [0, 1], numeratorDegree: 1, relative: false });
    assert.ok(Math.abs(fit.maxError - 0.125) < 1e-12);
    // In u = 2x − 1: x − 1/8 = u/2 + 3/8.
    assert.ok(Math.abs(fit.numerator[0]! - 0.375) < 1e-12 && Math.abs(fit.numerator[1]! - 0.5) < 1e-12);
  });

  it('rejects negative degrees with a message naming them', () => {
    assert.throws(() => remez({ f: exp2, interval: [0, 1], numeratorDegree: -1 }), (e: unknown) => e instanceof UsageError && /degrees/.test(e.message));
  });
});
