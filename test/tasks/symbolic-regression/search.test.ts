import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { opSet } from '../../../src/spaces/graph/op-set.ts';
import { toInfix } from '../../../src/spaces/graph/print.ts';
import { linearScale } from '../../../src/tasks/symbolic-regression/linear-scaling.ts';
import { nguyen, sampleProblem } from '../../../src/tasks/symbolic-regression/nguyen.ts';
import { pickBest, searchFormulas } from '../../../src/tasks/symbolic-regression/search.ts';
import { tidyFormula } from '../../../src/tasks/symbolic-regression/tidy.ts';

describe('symbolic-regression search', () => {
  it('picks the simplest formula within 1.5x of the lowest validation error', () => {
    const front = [
      { complexity: 1, validError: 0.5 },
      { complexity: 3, validError: 0.0012 },
      { complexity: 7, validError: 0.001 },
    ];
    assert.equal(pickBest(front), 1);
    assert.equal(pickBest([{ complexity: 2, validError: 1e-25 }, { complexity: 5, validError: 1e-31 }]), 0, 'errors below 1e-20 count as equal');
    assert.equal(pickBest([]), -1);
  });

  it('finds the offset and slope of a line exactly, and slope 0 for a constant', () => {
    const f = Float64Array.of(1, 2, 3, 4);
    const s = linearScale(f, Float64Array.of(5, 7, 9, 11), 4);
    assert.deepEqual([s.offset, s.slope], [3, 2]);
    assert.deepEqual(linearScale(Float64Array.of(2, 2, 2), Float64Array.of(1, 2, 3), 3), { offset: 2, slope: 0 });
  });

  it('snaps constants that are whole numbers up to fitting noise, and keeps the others', () => {
    const ops = opSet(['add', 'mul']);
    const g = { inputs: 1, vertices: [{ const: 2.0000000001 }, { op: 'mul', args: [0, 1] }, { const: 0.37 }, { op: 'add', args: [2, 3] }], outputs: [4] };
    const tidy = tidyFormula(g, ops, () => 0, () => 0);
    assert.equal(toInfix(tidy, { ops, names: ['x'] })[0], toInfix({ inputs: 1, vertices: [{ const: 2 }, { op: 'mul', args: [0, 1] }, { const: 0.37 }, { op: 'add', args: [2, 3] }], outputs: [4] }, { ops, names: ['x'] })[0]);
  });

  it('recovers Nguyen-10 (2·sin(x)·cos(y)) exactly from 20 points', async () => {
    const problem = nguyen[9]!;
    const result = await searchFormulas({ data: sampleProblem(problem, new Rng(0)), seed: 0, budgetTrials: 20_000 });
    const best = result.front[result.best]!;
    assert.equal(result.summary.stopReason, 'condition', `stopped by ${result.summary.stopReason}: ${best.expression}`);
    const f = new Function('x', 'y', `return ${best.js};`) as (x: number, y: number) => number;
    for (const [x, y] of [[0.3, 0.7], [0.9, 0.1], [0.55, 0.45]] as const) assert.ok(Math.abs(f(x, y) - problem.f([x, y])) < 1e-9);
  });
});
