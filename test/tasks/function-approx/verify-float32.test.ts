import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { interpret } from '../../../src/spaces/graph/interpret.ts';
import { BASELINE_OPS } from '../../../src/tasks/function-approx/baselines.ts';
import { minimaxProgram } from '../../../src/tasks/function-approx/classic-forms.ts';
import { float32Ulp } from '../../../src/tasks/function-approx/error-measures.ts';
import { polynomialProgram } from '../../../src/tasks/function-approx/program-builder.ts';
import { ReferenceDecimal as D, builtInTarget, customTarget } from '../../../src/tasks/function-approx/targets.ts';
import { verifyFloat32 } from '../../../src/tasks/function-approx/verify-float32.ts';

const exp2 = builtInTarget('exp2');

describe('verifyFloat32', () => {
  it('visits every float32 of the interval exactly once', () => {
    // [1, 1 + 2^-10] holds 2^13 + 1 float32 values (spacing 2^-23).
    const report = verifyFloat32({ program: polynomialProgram([0, 1]), target: exp2, interval: [1, 1 + 2 ** -10] });
    assert.equal(report.checked, 2 ** 13 + 1);
  });

  it('finds zero error for a program that is exact in float32', () => {
    const square = customTarget({ name: 'square', reference: (x) => x.mul(x), fast: (x) => x * x, defaultInterval: [1, 2] });
    const report = verifyFloat32({ program: polynomialProgram([0, 0, 1]), target: square, interval: [1, 1.001] });
    // x² of a float32 with 24 bits needs 48: rounding to float32 loses at most half an ULP.
    assert.ok(report.maxUlp <= 0.5 && report.atLeastOneUlp === 0);
  });

  it('reports the worst input, whose error the decimal reference confirms', () => {
    const program = minimaxProgram(exp2, [0, 1], 5, 0)!;
    const report = verifyFloat32({ program, target: exp2, interval: [0.25, 0.25 + 2 ** -12], ops: BASELINE_OPS });
    const x = report.worstInput;
    const exact = exp2.reference(new D(x)).toNumber();
    const y = interpret(program, BASELINE_OPS, [x], undefined, { float32: true })[0]!;
    assert.ok(Math.abs(Math.abs(y - exact) / float32Ulp(exact) - report.maxUlp) < 1e-6);
  });

  it('refuses an interval below zero with a message saying what to do', () => {
    assert.throws(() => verifyFloat32({ program: polynomialProgram([1]), target: exp2, interval: [-1, 1] }), (e: unknown) => e instanceof UsageError && /split/.test(e.message));
  });
});

describe('verifyFloat32Parallel', () => {
  it('splits the inputs over threads and merges to the single-thread report', async () => {
    const { verifyFloat32Parallel } = await import('../../../src/tasks/function-approx/verify-float32-parallel.ts');
    const program = minimaxProgram(exp2, [0, 1], 4, 0, { fma: true })!;
    const interval: [number, number] = [0.75, 0.75 + 2 ** -9];
    const single = verifyFloat32({ program, target: exp2, interval, ops: BASELINE_OPS });
    const parallel = await verifyFloat32Parallel({ program, target: exp2, interval, ops: BASELINE_OPS, workers: 3 });
    assert.deepEqual(parallel, single);
  });
});
