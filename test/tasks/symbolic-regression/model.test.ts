import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { loadModel, symbolicRegression } from '../../../src/tasks/symbolic-regression/model.ts';

// y = 3·a·b + 1 over columns whose names are not identifiers.
const rows = Array.from({ length: 40 }, (_, i) => {
  const a = -1 + (i % 8) * 0.3;
  const b = 0.5 + Math.floor(i / 8) * 0.4;
  return { 'rate (1/s)': a, 'b-2': b, y: 3 * a * b + 1 };
});

describe('symbolicRegression', async () => {
  const model = await symbolicRegression(rows, { target: 'y', seed: 1, budgetTrials: 4000, ops: ['add', 'sub', 'mul'] });

  it('fits a model whose predictions follow the data, with its front and chosen formula', () => {
    assert.equal(model.best, model.front[model.bestIndex]);
    assert.deepEqual(model.columns, ['rate (1/s)', 'b-2']);
    assert.deepEqual(model.variables, ['rate__1_s_', 'b_2']);
    assert.ok(model.best.validError < 1e-12, `best ${model.best.expression}`);
    const predicted = model.predict([{ 'rate (1/s)': 2, 'b-2': 5 }, { 'rate (1/s)': -1, 'b-2': 0.5 }]);
    assert.ok(Math.abs(predicted[0]! - 31) < 1e-6 && Math.abs(predicted[1]! + 0.5) < 1e-6, `${model.best.expression}: ${predicted}`);
  });

  it('prints the chosen formula over the column names, and its code over identifiers', () => {
    assert.match(model.best.expression, /rate \(1\/s\)/);
    const f = new Function('rate__1_s_', 'b_2', `return ${model.best.js};`) as (a: number, b: number) => number;
    assert.ok(Math.abs(f(2, 5) - 31) < 1e-6);
    assert.match(model.best.latex, /\\mathrm\{rate \(1\/s\)\}/);
    for (const key of ['c', 'numpy', 'sympy'] as const) assert.match(model.best[key], /b_2/);
  });

  it('reads its own model file back, predicting the same', () => {
    const again = loadModel(JSON.parse(JSON.stringify(model.toJSON())));
    const input = { 'rate (1/s)': [0.1, 0.7], 'b-2': [1, 2] };
    assert.deepEqual(again.predict(input), model.predict(input));
    assert.equal(again.best.expression, model.best.expression);
  });

  it('needs only the columns the formula reads, and names a missing one', () => {
    assert.throws(
      () => model.predict([{ 'rate (1/s)': 1 }]),
      (e: unknown) => e instanceof UsageError && /lacks the column 'b-2'/.test(e.message) && /its columns are: rate \(1\/s\)/.test(e.message),
    );
    assert.ok(Number.isNaN(model.predict([{ 'rate (1/s)': 1, 'b-2': null }])[0]), 'a missing value predicts NaN');
  });

  it('refuses a model file that is not one, naming what is wrong', () => {
    assert.throws(() => loadModel({ front: [] }), /is not an amoeba model/);
    const json = model.toJSON() as { front: { ops: string[] }[] };
    json.front[0]!.ops = ['frobnicate'];
    assert.throws(() => loadModel(json), /formula 0: .*unknown op 'frobnicate'/);
    assert.throws(() => loadModel({ ...(model.toJSON() as object), best: 99 }), /"best" must index the front/);
  });

  it('drops rows with missing values on request, and refuses them otherwise', async () => {
    const gappy = [...rows, { 'rate (1/s)': 1, 'b-2': Number.NaN, y: 2 }];
    await assert.rejects(symbolicRegression(gappy, { target: 'y', budgetTrials: 10 }), /row 41 has no finite value in column 'b-2'; give --drop-missing/);
    const dropped = await symbolicRegression(gappy, { target: 'y', budgetTrials: 10, dropMissing: true, seed: 1 });
    assert.ok(dropped.front.length > 0);
  });
});
