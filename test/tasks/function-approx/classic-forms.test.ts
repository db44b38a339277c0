import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpret } from '../../../src/spaces/graph/interpret.ts';
import { opCount } from '../../../src/spaces/graph/cost.ts';
import { BASELINE_OPS } from '../../../src/tasks/function-approx/baselines.ts';
import { halvingProgram, minimaxProgram, padeProgram, partialFractionProgram, taylorProgram } from '../../../src/tasks/function-approx/classic-forms.ts';
import { programRelativeError, scoringGrid } from '../../../src/tasks/function-approx/measure.ts';
import { symmetricProgram } from '../../../src/tasks/function-approx/symmetric-form.ts';
import { builtInTarget } from '../../../src/tasks/function-approx/targets.ts';

const exp2 = builtInTarget('exp2');
const exp = builtInTarget('exp');
const grid = scoringGrid(exp2, [0, 1], 513, 'real');
const at = (g: Parameters<typeof interpret>[0], x: number) => interpret(g, BASELINE_OPS, [x])[0]!;

describe('classic forms', () => {
  it('builds the Taylor polynomial of exp at 0 in 2·degree ops', () => {
    const g = taylorProgram(exp, 0, 3)!;
    assert.equal(opCount(g), 6);
    assert.ok(Math.abs(at(g, 0.5) - (1 + 0.5 + 0.25 / 2 + 0.125 / 6)) < 1e-15);
  });

  it('builds the Padé [1/1] of exp at 0, (1 + x/2)/(1 − x/2), with a monic denominator', () => {
    const g = padeProgram(exp, 0, 1, 1)!;
    assert.equal(opCount(g), 4);
    assert.ok(Math.abs(at(g, 0.3) - 1.15 / 0.85) < 1e-15);
  });

  it('reproduces the minimax cross-checks: degree 5 at 7.49e-8 in 10 ops, [4/4] at 1.11e-14 in 16 ops', () => {
    const poly = minimaxProgram(exp2, [0, 1], 5, 0)!;
    assert.equal(opCount(poly), 10);
    assert.ok(Math.abs(programRelativeError(poly, BASELINE_OPS, grid) - 7.49e-8) < 0.01e-8);
    const rational = minimaxProgram(exp2, [0, 1], 4, 4)!;
    assert.equal(opCount(rational), 16);
    const e = programRelativeError(rational, BASELINE_OPS, grid);
    assert.ok(e > 1.1e-14 && e < 1.2e-14, `${e}`);
  });

  it('writes the [4/4] in the symmetric form in 11 ops, 10 with fma, at the same error', () => {
    const plain = symmetricProgram(exp2, [0, 1], 4)!;
    const fused = symmetricProgram(exp2, [0, 1], 4, { fma: true })!;
    assert.equal(opCount(plain), 11);
    assert.equal(opCount(fused), 10);
    for (const g of [plain, fused]) {
      const e = programRelativeError(g, BASELINE_OPS, grid);
      assert.ok(e > 1.1e-14 && e < 1.2e-14, `${e}`);
    }
  });

  it('refuses the symmetric form for a target without the reflection symmetry', () => {
    assert.equal(symmetricProgram(builtInTarget('erf'), [0.25, 2], 4), undefined);
  });

  it('halves the argument and squares back, the halving folded into the coefficients: ops are 2·degree + halvings', () => {
    const g = halvingProgram(exp2, [0, 1], 4, 2)!;
    assert.equal(opCount(g), 10);
    assert.ok(programRelativeError(g, BASELINE_OPS, grid) < 2e-8);
  });

  it('writes the minimax [n/n] as c + r/q with one op fewer than p/q and the same error', () => {
    const ratio = minimaxProgram(exp2, [0, 1], 2, 2)!;
    const partial = partialFractionProgram(exp2, [0, 1], 2)!;
    assert.equal(opCount(partial), opCount(ratio) - 1);
    const e = programRelativeError(partial, BASELINE_OPS, grid);
    assert.ok(Math.abs(e / programRelativeError(ratio, BASELINE_OPS, grid) - 1) < 1e-6, `${e}`);
  });

  it('writes the symmetric form as c + t/g in as many ops, and fits odd degrees that way (9 ops, 9.3e-11 for [3/3])', () => {
    const plain = symmetricProgram(exp2, [0, 1], 4)!;
    const partial = symmetricProgram(exp2, [0, 1], 4, { partialFraction: true })!;
    assert.equal(opCount(partial), opCount(plain));
    assert.ok(Math.abs(programRelativeError(partial, BASELINE_OPS, grid) / programRelativeError(plain, BASELINE_OPS, grid) - 1) < 1e-2);
    const odd = symmetricProgram(exp2, [0, 1], 3, { partialFraction: true })!;
    assert.equal(opCount(odd), 9);
    const e = programRelativeError(odd, BASELINE_OPS, grid);
    assert.ok(e > 9e-11 && e < 9.5e-11, `${e}`);
    assert.equal(symmetricProgram(exp2, [0, 1], 3), undefined);
  });

  it('halves the symmetric form: one squaring buys about 2^(2n+1)/2 in error', () => {
    const once = symmetricProgram(exp2, [0, 1], 2, { partialFraction: true, halvings: 1 })!;
    assert.equal(opCount(once), 8);
    const e = programRelativeError(once, BASELINE_OPS, grid);
    assert.ok(e > 2.6e-8 && e < 2.8e-8, `${e}`);
  });
});

