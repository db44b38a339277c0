import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { columnEvaluator, rowsEvaluator } from '../../../src/spaces/graph/column-evaluator.ts';
import { compileGraph } from '../../../src/spaces/graph/compile.ts';
import { constantsOf } from '../../../src/spaces/graph/constants.ts';
import { opSet } from '../../../src/spaces/graph/op-set.ts';
import { graphSpace } from '../../../src/spaces/graph/space.ts';

const ops = opSet(['add', 'sub', 'mul', 'pdiv', 'div', 'sin', 'cos', 'pexp', 'plog', 'psqrt', 'fma', 'max', 'square']);
const space = graphSpace({ inputs: 2, ops, outputs: 2, maxVertices: 20 });

describe('columnEvaluator', () => {
  it('computes the same bits as the compiled program on random graphs and inputs', () => {
    const evaluator = columnEvaluator(ops);
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 40 }), (seed, rows) => {
        const rng = new Rng(seed);
        let g = space.random(rng);
        for (let i = 0; i < 5; i++) g = space.mutate(g, rng);
        const columns = [0, 1].map(() => Float64Array.from({ length: rows }, () => rng.uniform(-3, 3)));
        const constants = constantsOf(g);
        const expected = [new Float64Array(rows), new Float64Array(rows)];
        compileGraph(g, ops).run(columns, constants, expected, rows);
        const actual = evaluator.run(g, columns, constants, rows);
        for (let o = 0; o < 2; o++) for (let i = 0; i < rows; i++) assert.ok(Object.is(actual[o]![i], expected[o]![i]));
      }),
      { numRuns: 300 },
    );
  });

  it('grows its scratch space for longer data and bigger programs', () => {
    const evaluator = columnEvaluator(ops);
    const rng = new Rng(1);
    const small = space.random(rng);
    evaluator.run(small, [new Float64Array(3), new Float64Array(3)], constantsOf(small), 3);
    const x = Float64Array.from({ length: 500 }, (_, i) => i);
    const g = { inputs: 2, vertices: [{ op: 'mul', args: [0, 1] }, { op: 'add', args: [2, 0] }], outputs: [3, 2] };
    const [sum, product] = evaluator.run(g, [x, x], [], 500);
    assert.equal(sum![499], 499 * 499 + 499);
    assert.equal(product![499], 499 * 499);
  });

  it('gives the same bits compiled above its row threshold as column by column below it', () => {
    const columns = columnEvaluator(ops);
    const compiledFromFive = rowsEvaluator(ops, 5);
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 12 }), (seed, rows) => {
        const rng = new Rng(seed);
        let g = space.random(rng);
        for (let i = 0; i < 5; i++) g = space.mutate(g, rng);
        const inputs = [0, 1].map(() => Float64Array.from({ length: rows }, () => rng.uniform(-3, 3)));
        const constants = constantsOf(g);
        const expected = columns.run(g, inputs, constants, rows).map((c) => Float64Array.from(c.subarray(0, rows)));
        const actual = compiledFromFive.run(g, inputs, constants, rows);
        for (let o = 0; o < 2; o++) for (let i = 0; i < rows; i++) assert.ok(Object.is(actual[o]![i], expected[o]![i]));
      }),
      { numRuns: 200 },
    );
  });
});
