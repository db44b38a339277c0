import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { cartpole, cartpoleReward, cartpoleStep, tolerance, CARTPOLE_DEFAULTS } from '../../../src/tasks/rl-loss/cartpole.ts';
import { episodeReturn } from '../../../src/tasks/rl-loss/env.ts';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} ≠ ${b}`);

describe('the continuous cart-pole', () => {
  it('takes the step worked out by hand from the rigid-pole equations', () => {
    // θ = 0.1, at rest, F = 5 N; M = 1, m = 0.1, l = L/2 = 0.5:
    // push = F/(M+m) = 4.5454…; θ̈ = (g·sin θ − cos θ·push − b_j·θ̇/(m·l)) / (l·(4/3 − m·cos²θ/(M+m))) = −5.69982…;
    // ẍ = push − m·l·θ̈·cos θ/(M+m) = 4.80324…; then ẋ, θ̇ by Euler and x, θ from the new speeds.
    const env = cartpole();
    env.resetTo([0, 0, 0.1, 0]);
    const step = env.step([0.5]);
    const [x, cos, sin, speed, thetaSpeed] = step.observation;
    close(speed!, 0.048032430046716056, 'ẋ');
    close(thetaSpeed!, -0.056998214687781046, 'θ̇');
    close(x!, 0.00048032430046716056, 'x');
    close(Math.atan2(sin!, cos!), 0.0994300178531222, 'θ');
  });

  it('stays at the upright equilibrium without force, and a pushed cart rights a leaning pole', () => {
    assert.deepEqual(cartpoleStep([0, 0, 0, 0], 0, CARTPOLE_DEFAULTS), [0, 0, 0, 0]);
    const leaning = cartpoleStep([0, 0, 0.1, 0], 0, CARTPOLE_DEFAULTS);
    assert.ok(leaning[3] > 0, 'unpushed, the pole falls further');
    assert.ok(cartpoleStep([0, 0, 0.1, 0], 10, CARTPOLE_DEFAULTS)[3] < 0, 'pushed towards the lean, it rights');
  });

  it('pays dm_control\'s smooth reward: 1 upright, centred and still; 0 hanging down', () => {
    assert.equal(cartpoleReward(0, 1, 0, 0), 1);
    assert.equal(cartpoleReward(0, -1, 0, 0), 0);
    close(tolerance(2, 2, 'gaussian', 0.1), 0.1, 'gaussian at the margin');
    assert.equal(tolerance(1, 1, 'quadratic', 0), 0);
    close(cartpoleReward(2, 1, 5, 1), ((1 + 0.1) / 2) * (4 / 5) * ((1 + 0.1) / 2), 'at every margin');
  });

  it('swings less with joint damping, and slides less with slider damping', () => {
    const swing = (jointDamping: number) => {
      let s: [number, number, number, number] = [0, 0, Math.PI - 0.5, 0];
      let widest = 0;
      for (let t = 0; t < 2000; t++) {
        s = cartpoleStep(s, 0, { ...CARTPOLE_DEFAULTS, jointDamping });
        if (t > 1000) widest = Math.max(widest, Math.abs(Math.PI - s[2]));
      }
      return widest;
    };
    assert.ok(swing(0.01) < swing(2e-6));
    const slide = (sliderDamping: number) => cartpoleStep([0, 1, Math.PI, 0], 0, { ...CARTPOLE_DEFAULTS, sliderDamping })[1];
    assert.ok(slide(3) < slide(5e-4));
    assert.throws(() => cartpole({ poleLength: -1 }), /poleLength must be a finite number above 0/);
    assert.throws(() => cartpole({ friction: 1 }), /unknown physics parameter 'friction'/);
  });

  it('starts balance near upright and swing-up near the bottom, for 1000 steps', () => {
    const balance = cartpole();
    const start = balance.reset(new Rng(1));
    assert.ok(start[1]! > 0.99 && Math.abs(start[0]!) <= 0.1);
    assert.ok(cartpole({}, { swingUp: true }).reset(new Rng(1))[1]! < -0.99);
    let steps = 0;
    const total = episodeReturn(balance, () => (steps++, [0]), new Rng(2));
    assert.equal(steps, 1000);
    assert.ok(total > 0 && total < 1000);
  });
});
