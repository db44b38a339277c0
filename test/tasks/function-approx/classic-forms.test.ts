import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpret } from '../../../src/spaces/graph/interpret.ts';
import { opCount } from '../../../src/spaces/graph/cost.ts';
import { BASELINE_OPS } from '../../../src/tasks/function-approx/baselines.ts';
import { halvingProgram, minimaxProgram, padeProgram, taylorProgram } from '../../../src/tasks/function-approx/classic-forms.ts';
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

  it('halves the argument and squares back: ops are 2·degree + halvings + 1', () => {
    const g = halvingProgram(exp2, [0, 1], 4, 2)!;
    assert.equal(opCount(g), 11);
    assert.ok(programRelativeError(g, BASELINE_OPS, grid) < 2e-8);
  });
});
