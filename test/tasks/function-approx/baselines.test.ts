import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestBaselineByOps, classicBaselines } from '../../../src/tasks/function-approx/baselines.ts';
import { scoringGrid } from '../../../src/tasks/function-approx/measure.ts';
import { builtInTarget } from '../../../src/tasks/function-approx/targets.ts';

describe('classicBaselines', () => {
  const exp2 = builtInTarget('exp2');
  const baselines = classicBaselines({ target: exp2, interval: [0, 1], grid: scoringGrid(exp2, [0, 1], 257, 'real'), maxOps: 10 });

  it('builds every family within the op limit', () => {
    for (const family of ['Taylor', 'Padé', 'minimax poly', 'minimax [', 'symmetric', 'halve']) {
      assert.ok(baselines.some((b) => b.name.startsWith(family)), family);
    }
    assert.ok(baselines.every((b) => b.ops <= 10 && Number.isFinite(b.maxRelError)));
  });

  it('ranks minimax ahead of Taylor and Padé at equal degrees', () => {
    const error = (name: string) => baselines.find((b) => b.name === name)!.maxRelError;
    assert.ok(error('minimax poly 4') < error('Taylor 4'));
    assert.ok(error('minimax [2/2]') < error('Padé [2/2]'));
  });

  it('picks, at each op count, the best baseline with at most that many ops', () => {
    const best = bestBaselineByOps(baselines, 10);
    assert.equal(best[10]!.name, 'symmetric minimax [4/4] (fma)');
    for (let ops = 2; ops <= 10; ops++) assert.ok(best[ops]!.maxRelError <= best[ops - 1]!.maxRelError);
  });
});
