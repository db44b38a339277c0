import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { approxJson, comparisonTable } from '../../../src/tasks/function-approx/report.ts';
import { searchApproximations } from '../../../src/tasks/function-approx/search.ts';
import { builtInTarget } from '../../../src/tasks/function-approx/targets.ts';

const exp2 = builtInTarget('exp2');
const small = { target: exp2, budgetTrials: 40, maxOps: 6, trainPoints: 32, validationPoints: 129, populationSize: 16 } as const;

describe('searchApproximations', () => {
  it('returns a front that improves with every extra op, beside the baselines', async () => {
    const result = await searchApproximations({ ...small, seed: 3 });
    assert.ok(result.front.length >= 2);
    for (let i = 1; i < result.front.length; i++) {
      assert.ok(result.front[i]!.ops > result.front[i - 1]!.ops);
      assert.ok(result.front[i]!.maxError < result.front[i - 1]!.maxError);
    }
    assert.ok(result.baselines.length > 0);
    const f = new Function(`return ${result.front.at(-1)!.js};`)() as (x: number) => number;
    assert.ok(Math.abs(f(0.5) / Math.SQRT2 - 1) <= result.front.at(-1)!.maxRelError * 1.5);
    const json = approxJson('exp2', result);
    assert.deepEqual(Object.keys(json.front[0]!).sort(), ['js', 'maxRelError', 'ops']);
    assert.match(comparisonTable(result, 3, 6), /^ops\s+searched/);
  });

  it('replays the same front from the same seed', async () => {
    const a = await searchApproximations({ ...small, budgetTrials: 25, seed: 4 });
    const b = await searchApproximations({ ...small, budgetTrials: 25, seed: 4 });
    assert.deepEqual(a.front.map((p) => p.js), b.front.map((p) => p.js));
  });

  it('rejects an unknown mode with a message naming the choices', async () => {
    await assert.rejects(searchApproximations({ ...small, mode: 'float16' as 'real' }), (e: unknown) => e instanceof UsageError && /real.*float32/.test(e.message));
  });
});
