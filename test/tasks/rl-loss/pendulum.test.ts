import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { normalizeAngle, pendulum, pendulumStep, PENDULUM_DEFAULTS } from '../../../src/tasks/rl-loss/pendulum.ts';
import { episodeReturn } from '../../../src/tasks/rl-loss/env.ts';

describe('Pendulum-v1', () => {
  it('takes the step worked out by hand from Gymnasium\'s update rule', () => {
    // θ = 0.5, θ̇ = 0.2, u = 1: θ̇′ = 0.2 + (3·10/2·sin 0.5 + 3·1)·0.05, θ′ = 0.5 + θ̇′·0.05.
    const env = pendulum();
    env.resetTo(0.5, 0.2);
    const step = env.step([0.5]);
    const speed = 0.2 + (15 * 0.479425538604203 + 3) * 0.05;
    assert.ok(Math.abs(speed - 0.7095691539531523) < 1e-15);
    assert.ok(Math.abs(step.observation[2]! - speed) < 1e-15);
    assert.ok(Math.abs(step.observation[0]! - Math.cos(0.5 + speed * 0.05)) < 1e-15);
    assert.ok(Math.abs(step.observation[1]! - Math.sin(0.5354784576976576)) < 1e-15);
    assert.equal(step.reward, -(0.25 + 0.1 * 0.04 + 0.001 * 1));
    assert.equal(step.terminated, false);
  });

  it('clips the torque to ±2 and the speed to ±8, and charges the normalised angle', () => {
    const clipped = pendulumStep(0, 0, 5, PENDULUM_DEFAULTS);
    assert.equal(clipped.speed, (3 / 1) * 2 * 0.05);
    assert.equal(clipped.reward, -0.001 * 4);
    const fast = pendulumStep(Math.PI / 2, 7.9, 2, PENDULUM_DEFAULTS);
    assert.equal(fast.speed, 8);
    const wrapped = pendulumStep(4, 0, 0, PENDULUM_DEFAULTS);
    assert.equal(wrapped.reward, -((4 - 2 * Math.PI) ** 2));
    assert.ok(Math.abs(normalizeAngle(3 * Math.PI + 0.1) - (-Math.PI + 0.1)) < 1e-12);
  });

  it('follows its mass and length: a longer, heavier pendulum falls slower and answers torque less', () => {
    const base = pendulumStep(1, 0, 1, PENDULUM_DEFAULTS);
    const changed = pendulumStep(1, 0, 1, { ...PENDULUM_DEFAULTS, mass: 2, length: 1.5 });
    assert.equal(changed.speed, ((3 * 10) / (2 * 1.5) * Math.sin(1) + (3 / (2 * 1.5 * 1.5)) * 1) * 0.05);
    assert.ok(changed.speed < base.speed);
    assert.throws(() => pendulum({ mass: 0 }), /mass must be a finite number above 0/);
    assert.throws(() => pendulum({ damping: 1 }), /unknown physics parameter 'damping'/);
  });

  it('runs 200-step episodes from seeded starts', () => {
    const env = pendulum();
    const a = episodeReturn(env, () => [0], new Rng(3));
    const b = episodeReturn(env, () => [0], new Rng(3));
    assert.equal(a, b);
    let steps = 0;
    episodeReturn(env, () => (steps++, [0]), new Rng(4));
    assert.equal(steps, 200);
    assert.ok(a < 0 && a > -200 * (Math.PI ** 2 + 6.4 + 0.004));
  });
});
