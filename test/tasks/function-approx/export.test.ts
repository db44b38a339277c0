import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../../src/core/errors.ts';
import { interpret } from '../../../src/spaces/graph/interpret.ts';
import { BASELINE_OPS } from '../../../src/tasks/function-approx/baselines.ts';
import { minimaxProgram } from '../../../src/tasks/function-approx/classic-forms.ts';
import { exportFunction, toFunctionExpression } from '../../../src/tasks/function-approx/export.ts';
import { symmetricProgram } from '../../../src/tasks/function-approx/symmetric-form.ts';
import { builtInTarget } from '../../../src/tasks/function-approx/targets.ts';

const exp2 = builtInTarget('exp2');
const symmetric = symmetricProgram(exp2, [0, 1], 4, { fma: true })!;
const fmaPolynomial = minimaxProgram(exp2, [0, 1], 6, 0, { fma: true })!;

describe('export', () => {
  it('writes a function expression that evaluates bit for bit like the interpreter', () => {
    const f = new Function(`return ${toFunctionExpression(symmetric, { ops: BASELINE_OPS })};`)() as (x: number) => number;
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => Object.is(f(x), interpret(symmetric, BASELINE_OPS, [x])[0])));
  });

  it('rounds every step in float32 mode exactly as the float32 interpreter does', () => {
    const f = new Function(`return ${toFunctionExpression(fmaPolynomial, { ops: BASELINE_OPS, float32: true })};`)() as (x: number) => number;
    fc.assert(fc.property(fc.float({ min: 0, max: 1, noNaN: true }), (x) => Object.is(f(x), interpret(fmaPolynomial, BASELINE_OPS, [x], undefined, { float32: true })[0])));
  });

  it('computes a shared subexpression once', () => {
    const code = exportFunction(symmetric, 'exp2_10', 'ts', { ops: BASELINE_OPS });
    assert.equal(code.match(/const v/g)!.length, 10);
    assert.match(code, /^export function exp2_10\(x: number\): number \{/);
  });

  it('writes C constants as hex floats, in float with fma rounded once in float32 mode', () => {
    const code = exportFunction(fmaPolynomial, 'exp2f_6', 'c', { ops: BASELINE_OPS, float32: true });
    assert.match(code, /^float exp2f_6\(float x\) \{/);
    assert.match(code, /0x1\.[0-9a-f]+p[-+]\d+f/);
    assert.match(code, /\(float\)\(\(double\)/);
  });

  it('rejects a function name that is not an identifier', () => {
    assert.throws(() => exportFunction(symmetric, 'exp 2', 'js', { ops: BASELINE_OPS }), UsageError);
  });
});
