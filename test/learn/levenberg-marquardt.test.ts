import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { levenbergMarquardt } from '../../src/learn/levenberg-marquardt.ts';

const xs = Float64Array.from({ length: 30 }, (_, i) => -1.5 + i * 0.1);

describe('levenbergMarquardt', () => {
  it('recovers the parameters of an exponential decay exactly', () => {
    const ys = xs.map((x) => 2.5 * Math.exp(-1.3 * x) + 0.7);
    const fit = levenbergMarquardt({
      rows: xs.length,
      initial: Float64Array.of(1, -0.5, 0),
      residuals: (p, out) => {
        for (let i = 0; i < xs.length; i++) out[i] = p[0]! * Math.exp(p[1]! * xs[i]!) + p[2]! - ys[i]!;
      },
    });
    assert.ok(Math.abs(fit.params[0]! - 2.5) < 1e-6, `a=${fit.params[0]}`);
    assert.ok(Math.abs(fit.params[1]! + 1.3) < 1e-6);
    assert.ok(Math.abs(fit.params[2]! - 0.7) < 1e-6);
    assert.ok(fit.sumOfSquares < 1e-12);
  });

  it('solves the Rosenbrock problem from the standard start', () => {
    const fit = levenbergMarquardt({
      rows: 2,
      initial: Float64Array.of(-1.2, 1),
      maxIterations: 200,
      residuals: (p, out) => {
        out[0] = 10 * (p[1]! - p[0]! * p[0]!);
        out[1] = 1 - p[0]!;
      },
    });
    assert.ok(Math.abs(fit.params[0]! - 1) < 1e-6 && Math.abs(fit.params[1]! - 1) < 1e-6);
  });

  it('never returns parameters worse than the start, even when residuals go non-finite', () => {
    const fit = levenbergMarquardt({
      rows: xs.length,
      initial: Float64Array.of(0.5),
      residuals: (p, out) => {
        for (let i = 0; i < xs.length; i++) out[i] = Math.log(p[0]! - 0.4) - xs[i]!;
      },
    });
    assert.ok(Number.isFinite(fit.sumOfSquares));
    assert.ok(fit.params[0]! > 0.4);
  });

  it('returns the start unchanged when there is nothing to fit', () => {
    const fit = levenbergMarquardt({ rows: 3, initial: new Float64Array(0), residuals: (_, out) => out.fill(1) });
    assert.equal(fit.sumOfSquares, 3);
    assert.equal(fit.iterations, 0);
  });
});
