import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CARTPOLE_V1, THETA_THRESHOLD_RADIANS, cartPoleFallen, cartPoleStep, type CartPoleParams } from '../../../src/tasks/control/cartpole.ts';

const close = (actual: number, expected: number, tolerance = 1e-12, what = ''): void => {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
};

const params = (changes: Partial<CartPoleParams> = {}): CartPoleParams => ({ ...CARTPOLE_V1, ...changes });

describe('cart-pole physics (Gymnasium CartPole-v1)', () => {
  it('takes the first step from rest as worked out by hand', () => {
    // temp = 10/1.1; θ̈ = −temp / (0.5·(4/3 − 0.1/1.1)); ẍ = temp − 0.05·θ̈/1.1; then ẋ = 0.02·ẍ, θ̇ = 0.02·θ̈.
    const temp = 10 / 1.1;
    const thetaAcc = -temp / (0.5 * (4 / 3 - 0.1 / 1.1));
    const xAcc = temp - (0.05 * thetaAcc) / 1.1;
    close(thetaAcc, -14.634146341463415, 1e-14, 'θ̈');
    close(xAcc, 9.75609756097561, 1e-14, 'ẍ');
    const state = new Float64Array(4);
    cartPoleStep(state, 10, params());
    assert.deepEqual([...state], [0, 0.02 * xAcc, 0, 0.02 * thetaAcc]);
    close(state[1]!, 0.1951219512195122, 1e-14, 'ẋ');
    close(state[3]!, -0.2926829268292683, 1e-14, 'θ̇');
  });

  it('follows a trajectory recorded from Gymnasium 1.3.0 CartPoleEnv step by step', () => {
    // env.state = [0.01, -0.02, 0.03, 0.04]; actions 1,0,0,1,1,1,0,1,0,0; env.state after each step.
    const recorded = [
      [0.009600000000000001, 0.17467919574755525, 0.030799999999999998, -0.2430687179600081],
      [0.013093583914951107, -0.020868848948191993, 0.025938625640799837, 0.0591679999394166],
      [0.012676206935987267, -0.21635292104612766, 0.02712198563958817, 0.3599205713784138],
      [0.008349148515064714, -0.021626799199488206, 0.03432039706715644, 0.0759116989474441],
      [0.00791661253107495, 0.17298676004769037, 0.035838631046105324, -0.20574851582677406],
      [0.011376347732028757, 0.3675783725675468, 0.03172366072956984, -0.4869142013445082],
      [0.01872791518337969, 0.17202349486382784, 0.02198537670267968, -0.18440428392099584],
      [0.022168385080656248, 0.36682408600495897, 0.01829729102425976, -0.4700713747851109],
      [0.02950486680075543, 0.1714485132472654, 0.008895863528557544, -0.17167796834313398],
      [0.03293383706570074, -0.02379962460232901, 0.0054623041616948635, 0.12379799946559022],
    ];
    const actions = [1, 0, 0, 1, 1, 1, 0, 1, 0, 0];
    const state = Float64Array.from([0.01, -0.02, 0.03, 0.04]);
    actions.forEach((action, t) => {
      cartPoleStep(state, action === 1 ? 10 : -10, params());
      recorded[t]!.forEach((value, i) => close(state[i]!, value, 1e-13, `step ${t} entry ${i}`));
      assert.equal(cartPoleFallen(state), false);
    });
  });

  it('ends when the pole passes 12 degrees: 9 pushes right from rest, as in Gymnasium', () => {
    const state = new Float64Array(4);
    let steps = 0;
    do {
      cartPoleStep(state, 10, params());
      steps++;
    } while (!cartPoleFallen(state));
    assert.equal(steps, 9);
    close(state[2]!, -0.21518604988500967, 1e-12, 'θ at the fall');
    assert.equal(THETA_THRESHOLD_RADIANS, (12 * 2 * Math.PI) / 360);
    assert.equal(cartPoleFallen(Float64Array.from([2.41, 0, 0, 0])), true);
    assert.equal(cartPoleFallen(Float64Array.from([-2.4, 0, 0, 0])), false);
  });

  it('on a slope, gravity pulls the resting cart downhill by g·sinα', () => {
    const slope = (5 * Math.PI) / 180;
    const state = new Float64Array(4);
    cartPoleStep(state, 0, params({ trackSlope: slope }));
    close(state[1]!, -0.02 * 9.8 * Math.sin(slope), 1e-14, 'ẋ');
    assert.equal(state[3], 0, 'an upright pole on a tilted track stays balanced relative to it at first');
  });

  it('a flipped actuator mirrors the push, and a weakened one scales it', () => {
    const start = [0.1, 0.2, -0.05, 0.3];
    const flipped = Float64Array.from(start);
    const mirrored = Float64Array.from(start);
    cartPoleStep(flipped, 10, params({ forceScale: -1 }));
    cartPoleStep(mirrored, -10, params());
    assert.deepEqual([...flipped], [...mirrored]);
    const weak = Float64Array.from(start);
    const half = Float64Array.from(start);
    cartPoleStep(weak, 10, params({ forceScale: 0.5 }));
    cartPoleStep(half, 5, params());
    assert.deepEqual([...weak], [...half]);
  });

  it('cart friction acts as a force −b·ẋ, and hinge damping slows the pole', () => {
    const rolling = Float64Array.from([0, 1, 0, 0]);
    const pushedBack = Float64Array.from([0, 1, 0, 0]);
    cartPoleStep(rolling, 0, params({ cartDamping: 2 }));
    cartPoleStep(pushedBack, -2, params());
    assert.deepEqual([...rolling], [...pushedBack]);
    const free = Float64Array.from([0, 0, 0, 1]);
    const damped = Float64Array.from([0, 0, 0, 1]);
    cartPoleStep(free, 0, params());
    cartPoleStep(damped, 0, params({ poleDamping: 0.01 }));
    // θ̈ gains −(d·θ̇/(m·l)) / (l·(4/3 − m/M)) = −0.2 / 0.62121… at θ = 0.
    close(damped[3]! - free[3]!, (0.02 * -0.2) / (0.5 * (4 / 3 - 0.1 / 1.1)), 1e-12, 'θ̇ difference');
  });
});
