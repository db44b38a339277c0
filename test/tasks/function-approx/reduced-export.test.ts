import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BASELINE_OPS } from '../../../src/tasks/function-approx/baselines.ts';
import { minimaxProgram } from '../../../src/tasks/function-approx/classic-forms.ts';
import { float32Ulp } from '../../../src/tasks/function-approx/error-measures.ts';
import { exportReduced, reducesArgument } from '../../../src/tasks/function-approx/reduced-export.ts';
import { builtInTarget } from '../../../src/tasks/function-approx/targets.ts';

const exp2 = builtInTarget('exp2');
// The degree-7 minimax polynomial with fma is under 1 ulp on every float32 of [0, 1] (0.87).
const kernel = minimaxProgram(exp2, [0, 1], 7, 0, { fma: true })!;
const source = exportReduced(kernel, 'exp2f7', 'js', BASELINE_OPS).replaceAll('export function', 'function');
const exp2f7 = new Function(`${source}\nreturn exp2f7;`)() as (x: number) => number;
const ulps = (x: number) => {
  const truth = 2 ** x;
  return truth < 2 ** -149 / 2 ? Math.abs(exp2f7(x)) / 2 ** -149 : Math.abs(exp2f7(x) - truth) / float32Ulp(truth);
};

describe('exp2 export with argument reduction', () => {
  it('stays under 1 ulp on float32 inputs across the whole domain, subnormal results included', () => {
    fc.assert(
      fc.property(fc.float({ min: -160, max: Math.fround(127.99), noNaN: true }), (x) => {
        assert.ok(ulps(x) < 1, `x = ${x}: ${ulps(x)} ulp`);
      }),
      { numRuns: 3000 },
    );
    // Just below 0 the fraction 1 + x is not a float32; the scale carries its last bits.
    for (const x of [-(2 ** -20), -0.042234093, -1e-7, -0.5, -149.5, -126.25, 127.5]) assert.ok(ulps(Math.fround(x)) < 1, `x = ${x}: ${ulps(Math.fround(x))}`);
  });

  it('passes NaN through, overflows to infinity and underflows to 0', () => {
    assert.ok(Number.isNaN(exp2f7(NaN)));
    assert.equal(exp2f7(Infinity), Infinity);
    assert.equal(exp2f7(200), Infinity);
    assert.equal(exp2f7(-Infinity), 0);
    assert.equal(exp2f7(-151), 0);
    assert.equal(exp2f7(0), 1);
    assert.equal(exp2f7(3), 8);
  });

  it('applies to float32 exp2 kernels fitted on [0, 1] only, and writes C with the kernel inlined, in double', () => {
    assert.ok(reducesArgument('exp2', [0, 1], 'float32'));
    assert.ok(!reducesArgument('exp2', [0, 1], 'real'));
    assert.ok(!reducesArgument('exp2', [0, 0.5], 'float32'));
    assert.ok(!reducesArgument('exp', [0, 1], 'float32'));
    const c = exportReduced(kernel, 'exp2f7', 'c', BASELINE_OPS);
    assert.match(c, /static inline double exp2f7_kernel\(double x\)/);
    assert.match(c, /^float exp2f7\(float x\) \{/m);
  });
});
