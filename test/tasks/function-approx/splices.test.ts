import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { interpret } from '../../../src/spaces/graph/interpret.ts';
import { opCount } from '../../../src/spaces/graph/cost.ts';
import { opSet } from '../../../src/spaces/graph/op-set.ts';
import { parseGraph } from '../../../src/spaces/graph/validate.ts';
import { polynomialProgram } from '../../../src/tasks/function-approx/program-builder.ts';
import { addPole, halveAndSquare, hornerStep, SPLICES, squareOutput } from '../../../src/tasks/function-approx/splices.ts';
import { symmetricProgram } from '../../../src/tasks/function-approx/symmetric-form.ts';
import { builtInTarget } from '../../../src/tasks/function-approx/targets.ts';

const ops = opSet(['add', 'sub', 'mul', 'div']);
const exp2 = builtInTarget('exp2');
const value = (g: Parameters<typeof interpret>[0], x: number) => interpret(g, ops, [x])[0]!;

describe('splice mutations', () => {
  const quadratic = polynomialProgram([1, 0.6565, 0.3435]);

  it('a Horner step and a pole keep the parent function exactly (their new coefficient is 0)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (seed, x) => {
        for (const splice of [hornerStep, addPole]) {
          const child = splice(quadratic, new Rng(seed), 24)!;
          assert.ok(opCount(child) > opCount(quadratic));
          assert.equal(value(child, x), value(quadratic, x));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('halving and squaring keeps an exp2 approximation close (p(x/2)² ≈ 2^x), squaring alone does not', () => {
    const g = symmetricProgram(exp2, [0, 1], 4)!;
    const halved = halveAndSquare(g, new Rng(1), 24)!;
    assert.equal(opCount(halved), opCount(g) + 2);
    for (const x of [0, 0.3, 1]) assert.ok(Math.abs(value(halved, x) / 2 ** x - 1) < 1e-13);
    const squared = squareOutput(g, new Rng(1), 24)!;
    assert.ok(Math.abs(value(squared, 1) - 4) < 1e-12);
  });

  it('every splice gives a valid program or refuses when it would pass the vertex limit', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: SPLICES.length - 1 }), (seed, which) => {
        const g = symmetricProgram(exp2, [0, 1], 2)!;
        const child = SPLICES[which]!(g, new Rng(seed), 24);
        if (child !== undefined) parseGraph(child, ops);
        assert.equal(SPLICES[which]!(g, new Rng(seed), g.vertices.length), undefined);
      }),
      { numRuns: 50 },
    );
  });
});
