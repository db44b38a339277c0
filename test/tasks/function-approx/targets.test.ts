import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../../src/core/errors.ts';
import { ReferenceDecimal as D, TARGET_NAMES, builtInTarget, customTarget } from '../../../src/tasks/function-approx/targets.ts';

describe('targets', () => {
  it('computes references to at least 30 significant digits', () => {
    const known: [string, number, string][] = [
      ['exp2', 0.5, '1.41421356237309504880168872420969807857'],
      ['exp', 1, '2.71828182845904523536028747135266249775'],
      ['ln', 2, '0.69314718055994530941723212145817656807'],
      ['log2', 3, '1.58496250072115618145373894394781650875'],
      ['erf', 1, '0.84270079294971486934122063508260925929'],
      ['erf', 3, '0.99997790950300141455862722387041767962'],
    ];
    for (const [name, x, digits] of known) {
      const value = builtInTarget(name).reference(new D(x));
      assert.ok(value.minus(digits).abs().lt(new D(10).pow(-30)), `${name}(${x}) = ${value.toString()}`);
    }
  });

  it('has float64 versions within a few ulps of the reference', () => {
    for (const name of TARGET_NAMES) {
      const target = builtInTarget(name);
      const [low, high] = target.defaultInterval;
      fc.assert(
        fc.property(fc.double({ min: low, max: high, noNaN: true }), (x) => {
          const exact = target.reference(new D(x)).toNumber();
          assert.ok(Math.abs(target.fast(x) - exact) <= 4 * Number.EPSILON * Math.abs(exact), `${name}(${x})`);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('gives Taylor coefficients that sum to the value one step away', () => {
    for (const name of TARGET_NAMES) {
      const target = builtInTarget(name);
      const x0 = (target.defaultInterval[0] + target.defaultInterval[1]) / 2;
      const h = 0.01;
      const series = target.taylor!(new D(x0), 12);
      let sum = new D(0);
      for (let k = series.length - 1; k >= 0; k--) sum = sum.mul(h).add(series[k]!);
      const exact = target.reference(new D(x0 + h));
      assert.ok(sum.minus(exact).abs().div(exact.abs()).lt(1e-24), `${name}: ${sum.toString()} vs ${exact.toString()}`);
    }
  });

  it('names the known targets when asked for an unknown one', () => {
    assert.throws(() => builtInTarget('sinh'), (e: unknown) => e instanceof UsageError && /unknown target 'sinh'.*exp2/.test(e.message));
  });

  it('accepts a user target with a reference and rejects a bad interval', () => {
    const cube = customTarget({ name: 'cube', reference: (x) => x.pow(3), fast: (x) => x * x * x, defaultInterval: [1, 2] });
    assert.equal(cube.reference(new D(2)).toNumber(), 8);
    assert.throws(() => customTarget({ name: 'cube', reference: (x) => x, fast: (x) => x, defaultInterval: [2, 1] }), UsageError);
  });
});
