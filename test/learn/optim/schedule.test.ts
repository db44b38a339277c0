import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantSchedule, warmupCosineSchedule } from '../../../src/learn/optim/index.ts';

describe('learning-rate schedules', () => {
  it('gives the same rate at every step when constant', () => {
    const lr = constantSchedule(0.01);
    assert.deepEqual([0, 1, 1000].map(lr), [0.01, 0.01, 0.01]);
  });

  it('warms up linearly, reaching the peak on the last warm-up step', () => {
    const lr = warmupCosineSchedule({ peak: 1, warmupSteps: 4, totalSteps: 14 });
    assert.deepEqual([0, 1, 2, 3].map(lr), [0.25, 0.5, 0.75, 1]);
  });

  it('then follows half a cosine from the peak to the final rate, and stays there', () => {
    const lr = warmupCosineSchedule({ peak: 1, warmupSteps: 4, totalSteps: 14, final: 0.1 });
    assert.equal(lr(4), 1);
    // Halfway through the decay the rate is midway between peak and final.
    assert.ok(Math.abs(lr(9) - 0.55) < 1e-15);
    // A quarter of the way: final + (peak − final)·(1 + cos(π/4))/2.
    assert.ok(Math.abs(lr(6.5) - (0.1 + 0.9 * (1 + Math.SQRT1_2) / 2)) < 1e-15);
    assert.ok(Math.abs(lr(14) - 0.1) < 1e-15);
    assert.ok(Math.abs(lr(100) - 0.1) < 1e-15);
  });

  it('decays from the first step without a warm-up', () => {
    const lr = warmupCosineSchedule({ peak: 2, totalSteps: 2 });
    assert.deepEqual([0, 1, 2].map((t) => Math.round(lr(t) * 1e12) / 1e12), [2, 1, 0]);
  });

  it('refuses a warm-up longer than the run and a final rate above the peak', () => {
    assert.throws(() => warmupCosineSchedule({ peak: 1, warmupSteps: 5, totalSteps: 4 }), /warmupSteps \(5\) must not exceed totalSteps \(4\)/);
    assert.throws(() => warmupCosineSchedule({ peak: 1, totalSteps: 4, final: 2 }), /final \(2\) must not exceed peak \(1\)/);
    assert.throws(() => constantSchedule(0), /constantSchedule: lr must be a finite number > 0/);
  });
});
