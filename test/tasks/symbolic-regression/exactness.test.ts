import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { columnEvaluator } from '../../../src/spaces/graph/column-evaluator.ts';
import type { Graph } from '../../../src/spaces/graph/graph.ts';
import { opSet } from '../../../src/spaces/graph/op-set.ts';
import { digitsLost } from '../../../src/tasks/symbolic-regression/cancellation.ts';
import { feynman } from '../../../src/tasks/symbolic-regression/feynman.ts';
import { sampleProblem } from '../../../src/tasks/symbolic-regression/nguyen.ts';
import { dataWarnings, pickBest, searchFormulas } from '../../../src/tasks/symbolic-regression/search.ts';
import { EXACT_NMSE, EXACT_RELATIVE_ERROR, exactThreshold } from '../../../src/tasks/symbolic-regression/task.ts';

const ops = opSet(['add', 'sub', 'mul', 'pdiv', 'sin', 'cos', 'pexp', 'plog']);
const evaluator = columnEvaluator(ops);
const uniformData = (rows: number, seed: number) => {
  const rng = new Rng(seed);
  const features = [0, 1, 2].map(() => Float64Array.from({ length: rows }, () => rng.uniform(1, 5)));
  return { featureNames: ['x1', 'x2', 'x3'], features, target: new Float64Array(rows), rows };
};
// 3·(x2·x1 + cos(x3/3409.21)·7748490) − 23245500, a fit found by the search for x1·x2 − c·x3².
const cancelling: Graph = {
  inputs: 3,
  vertices: [
    { op: 'mul', args: [1, 0] }, { const: 3409.21 }, { op: 'pdiv', args: [2, 4] }, { op: 'cos', args: [5] }, { const: 7748490 }, { op: 'mul', args: [6, 7] },
    { op: 'add', args: [3, 8] }, { const: 3 }, { op: 'mul', args: [10, 9] }, { const: 23245500 }, { op: 'sub', args: [11, 12] },
  ],
  outputs: [13],
};
// x1·x2 − x3·x3
const honest: Graph = { inputs: 3, vertices: [{ op: 'mul', args: [0, 1] }, { op: 'mul', args: [2, 2] }, { op: 'sub', args: [3, 4] }], outputs: [5] };

describe('exact fits and the choice of best', () => {
  it('sets the exact threshold from the target magnitude, so an offset target tolerates more error', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 1, max: 1e6, noNaN: true }), (seed, offset) => {
        const rng = new Rng(seed);
        const y = Float64Array.from({ length: 200 }, () => rng.uniform(0, 1));
        const shifted = y.map((v) => v + offset);
        assert.ok(exactThreshold(y) >= EXACT_NMSE);
        assert.ok(exactThreshold(shifted) > exactThreshold(y));
        const meanSquare = shifted.reduce((s, v) => s + v * v, 0) / shifted.length;
        const mean = shifted.reduce((s, v) => s + v, 0) / shifted.length;
        const variance = shifted.reduce((s, v) => s + (v - mean) ** 2, 0) / shifted.length;
        const expected = (EXACT_RELATIVE_ERROR ** 2 * meanSquare) / variance;
        assert.ok(Math.abs(exactThreshold(shifted) - expected) <= 1e-6 * expected);
      }),
      { numRuns: 50 },
    );
  });

  it('stops a search on clean 1,000-row data well before its budget once a fit is exact', async () => {
    const law = feynman.find((p) => p.name === 'I.12.1')!;
    const result = await searchFormulas({ data: sampleProblem(law, new Rng(0)), seed: 0, budgetTrials: 50_000, polishTrials: 300 });
    assert.equal(result.summary.stopReason, 'condition');
    assert.ok(result.summary.trials < 5000, `${result.summary.trials} trials`);
    const best = result.front[result.best]!;
    assert.ok(best.validError <= result.exactError, `${best.validError} > ${result.exactError}`);
    assert.deepEqual(best.expression.replace(/\s/g, '').split('·').sort(), ['Nn', 'mu']);
  });

  it('scores many digits lost for cancelling huge constants and near none for an honest formula', () => {
    const data = uniformData(500, 1);
    assert.ok(digitsLost(cancelling, evaluator, data) > 4, String(digitsLost(cancelling, evaluator, data)));
    assert.ok(digitsLost(honest, evaluator, data) < 1, String(digitsLost(honest, evaluator, data)));
  });

  it('passes over a cancelling formula for an honest one of similar error', () => {
    const front = [
      { complexity: 14, validError: 1.2e-15, digitsLost: 6 },
      { complexity: 17, validError: 1e-15, digitsLost: 0.3 },
    ];
    assert.equal(pickBest(front), 1);
    assert.equal(pickBest(front.map(({ complexity, validError }) => ({ complexity, validError }))), 0, 'without the penalty the simpler one wins');
  });

  it('counts errors below the exact threshold as equal when picking best', () => {
    assert.equal(pickBest([{ complexity: 3, validError: 8e-19 }, { complexity: 9, validError: 1e-24 }], 1e-18), 0);
  });

  it('warns when the data are too few for the size of the formulas, and not otherwise', () => {
    assert.match(dataWarnings(5, 0.25, 16)[0]!, /only 5 rows \(4 to fit, 1 to validate\)/);
    assert.equal(dataWarnings(20, 0.25, 16).length, 1);
    assert.deepEqual(dataWarnings(1000, 0.25, 16), []);
  });
});
