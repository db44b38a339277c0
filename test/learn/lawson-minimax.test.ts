import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lawsonMinimax } from '../../src/learn/lawson-minimax.ts';
import { remez } from '../../src/learn/remez.ts';

describe('lawsonMinimax', () => {
  const xs = Float64Array.from({ length: 201 }, (_, i) => -1 + i / 100);

  it('reaches the minimax line of exp on [−1, 1] that Remez finds, from a least-squares-poor start', () => {
    const fit = lawsonMinimax({
      rows: xs.length,
      residuals: (p, out) => {
        for (let i = 0; i < xs.length; i++) out[i] = p[0]! + p[1]! * xs[i]! - Math.exp(xs[i]!);
      },
      initial: [0, 0],
      rounds: 60,
    });
    const exact = remez({ f: Math.exp, interval: [-1, 1], numeratorDegree: 1, relative: false }).maxError;
    assert.ok(fit.maxResidual < exact * 1.01 && fit.maxResidual >= exact * 0.999, `${fit.maxResidual} vs ${exact}`);
  });

  it('never returns parameters worse than its start', () => {
    const residuals = (p: Float64Array, out: Float64Array) => {
      for (let i = 0; i < xs.length; i++) out[i] = Math.sin(p[0]! * xs[i]!) - xs[i]!;
    };
    const fit = lawsonMinimax({ rows: xs.length, residuals, initial: [1], rounds: 3 });
    const out = new Float64Array(xs.length);
    residuals(Float64Array.of(1), out);
    assert.ok(fit.maxResidual <= Math.max(...out.map(Math.abs)));
  });
});
