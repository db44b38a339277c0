import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { graphSpace, interpret, opSet, toInfix, type Graph } from '../../../src/spaces/graph/index.ts';
import type { RegressionData } from '../../../src/tasks/symbolic-regression/dataset.ts';
import { readableFormula, snappedFormula } from '../../../src/tasks/symbolic-regression/readable.ts';
import { symbolicRegressionTask } from '../../../src/tasks/symbolic-regression/task.ts';

function data(rows: number[][], f: (r: number[]) => number): RegressionData {
  const width = rows[0]!.length;
  return {
    featureNames: Array.from({ length: width }, (_, i) => `x${i}`),
    features: Array.from({ length: width }, (_, c) => Float64Array.from(rows, (r) => r[c]!)),
    target: Float64Array.from(rows, f),
    rows: rows.length,
  };
}

const ops = opSet(['add', 'sub', 'mul', 'pdiv', 'sin', 'cos', 'pexp', 'plog']);
const rng = new Rng(4);
const grid = Array.from({ length: 60 }, () => [rng.uniform(-2, 2), rng.uniform(-2, 2)]);
const task = symbolicRegressionTask({ train: data(grid.slice(0, 45), (r) => 3 * r[0]! * r[1]! - r[1]! ** 2), validation: data(grid.slice(45), (r) => 3 * r[0]! * r[1]! - r[1]! ** 2), ops });

describe('readableFormula', () => {
  it('simplifies a fitted formula, keeping its errors', () => {
    // −1·(−3·x0·x1 + x1·x1), which the search once printed as is.
    const g: Graph = { inputs: 2, vertices: [{ const: -3 }, { op: 'mul', args: [2, 0] }, { op: 'mul', args: [3, 1] }, { op: 'mul', args: [1, 1] }, { op: 'add', args: [4, 5] }, { const: -1 }, { op: 'mul', args: [7, 6] }], outputs: [8] };
    const readable = readableFormula(task, g, ops);
    assert.equal(toInfix(readable.program, { ops: readable.ops, unicode: true })[0], '3·x0·x1 − x1²');
    assert.ok(readable.validError < 1e-20);
  });

  it('prints programs that evaluate equal to the fitted, snapped program on the data', () => {
    const space = graphSpace({ inputs: 2, ops: ops.names, maxVertices: 12 });
    for (let i = 0; i < 40; i++) {
      const g = space.random(rng);
      const fitted = snappedFormula(task, g, ops);
      const readable = readableFormula(task, g, ops);
      for (const row of grid) {
        const want = interpret(fitted, ops, row)[0]!;
        const got = interpret(readable.program, readable.ops, row)[0]!;
        if (Number.isFinite(want)) assert.ok(Math.abs(got - want) <= 1e-6 * (1 + Math.abs(want)), `${toInfix(fitted, { ops })[0]} → ${toInfix(readable.program, { ops: readable.ops })[0]} at ${row}: ${want} vs ${got}`);
      }
    }
  });

  it('keeps the unsimplified formula where the algebra would change its value on the data', () => {
    // pdiv(x0·x1, x1) is x0 except where |x1| < 1e-12, where the guard gives 1: a row has x1 = 0.
    const rows = [...grid.slice(0, 30), [1.5, 0]];
    const guarded = symbolicRegressionTask({ train: data(rows, (r) => r[0]!), validation: data(grid.slice(45), (r) => r[0]!), ops, linearScaling: false });
    const g: Graph = { inputs: 2, vertices: [{ op: 'mul', args: [0, 1] }, { op: 'pdiv', args: [2, 1] }], outputs: [3] };
    const readable = readableFormula(guarded, g, ops);
    assert.equal(toInfix(readable.program, { ops: readable.ops })[0], 'x0 * x1 / x1');
  });
});
