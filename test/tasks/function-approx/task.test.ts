import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { opSet } from '../../../src/spaces/graph/op-set.ts';
import { polynomialProgram } from '../../../src/tasks/function-approx/program-builder.ts';
import { functionApproxTask } from '../../../src/tasks/function-approx/task.ts';
import { builtInTarget } from '../../../src/tasks/function-approx/targets.ts';

const ops = opSet(['add', 'sub', 'mul', 'div', 'fma']);
const exp2 = builtInTarget('exp2');

describe('functionApproxTask', () => {
  const task = functionApproxTask({ target: exp2, interval: [0, 1], mode: 'real', ops, trainPoints: 64, validationPoints: 257 });

  it('fits the constants of a line to the minimax line of exp2 (relative error 2.98e-2)', () => {
    const m = task.evaluate(polynomialProgram([0.3, -2]), { trialId: 0, seed: 1 });
    assert.ok(Math.abs((m.values[0]! - 2.9821e-2) / 2.9821e-2) < 1e-3, `${m.values[0]}`);
    assert.equal(m.values[1], 2);
  });

  it('keeps the fitted program for its children and never returns worse than the start', () => {
    const start = polynomialProgram([1, 0.6565, 0.3435]);
    const before = task.fit(start, 5);
    const m = task.evaluate(start, { trialId: 1, seed: 2 });
    assert.ok(m.values[0]! <= before.maxError * (1 + 1e-6));
    assert.notEqual(task.fitted(start), start);
    assert.deepEqual(m.info!.constants, [...task.fitted(start).vertices.filter((v) => 'const' in v).map((v) => (v as { const: number }).const)]);
  });

  it('replays the same fit from the same seed', () => {
    const g = polynomialProgram([1, 0.7, 0.3, 0.01]);
    assert.deepEqual(task.evaluate(g, { trialId: 0, seed: 9 }).values, task.evaluate(g, { trialId: 0, seed: 9 }).values);
  });

  it('counts float32 ULPs in float32 mode', () => {
    const f32 = functionApproxTask({ target: exp2, interval: [0, 1], mode: 'float32', ops, trainPoints: 64, validationPoints: 257 });
    const m = f32.evaluate(polynomialProgram([1, 0.6565, 0.3435]), { trialId: 0, seed: 3 });
    // The minimax quadratic has relative error 1.7e-3, about 1.7e-3 · 2^23 ≈ 14,000 ULPs.
    assert.ok(m.values[0]! > 5_000 && m.values[0]! < 30_000, `${m.values[0]}`);
    assert.ok((m.info!.maxRelError as number) < 2e-3);
  });
});
