import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import { adam, adamw, lion, sgd, type UpdateRule } from '../../../src/learn/optim/index.ts';

/*
 * Each rule against its formula written out again here, coordinate by coordinate, in
 * float64 (so the two must agree to rounding), and against numbers worked out by hand.
 */

type Reference = (w: number[], g: number[], state: number[][], t: number, lr: number) => void;

/** Runs `rule` for steps.length steps from w0 with fresh zero slots; returns the weights after each. */
function run(rule: UpdateRule, w0: readonly number[], steps: readonly (readonly number[])[], lr: number, type: 'float32' | 'float64' = 'float64'): number[][] {
  const make = (values: readonly number[]): Float32Array | Float64Array => (type === 'float32' ? Float32Array.from(values) : Float64Array.from(values));
  const w = make(w0);
  const slots = rule.slots.map(() => make(w0.map(() => 0)));
  return steps.map((g, t) => {
    rule.update(w, make(g), slots, t + 1, lr);
    return Array.from(w);
  });
}

function runReference(reference: Reference, slotCount: number, w0: readonly number[], steps: readonly (readonly number[])[], lr: number): number[][] {
  const w = [...w0];
  const state = Array.from({ length: slotCount }, () => w0.map(() => 0));
  return steps.map((g, t) => {
    reference(w, [...g], state, t + 1, lr);
    return [...w];
  });
}

function assertClose(actual: number[][], expected: number[][], relative: number): void {
  actual.forEach((row, t) => row.forEach((x, i) => {
    const e = expected[t]![i]!;
    assert.ok(Math.abs(x - e) <= relative * Math.max(1, Math.abs(e)), `step ${t + 1}, element ${i}: ${x} vs ${e}`);
  }));
}

function randomProblem(seed: number, size: number, steps: number): { w0: number[]; grads: number[][] } {
  const rng = new Rng(seed);
  return { w0: Array.from({ length: size }, () => rng.normal()), grads: Array.from({ length: steps }, () => Array.from({ length: size }, () => rng.normal())) };
}

const adamReference = (beta1: number, beta2: number, epsilon: number, decay: number): Reference => (w, g, [m, v], t, lr) => {
  for (let i = 0; i < w.length; i++) {
    m![i] = beta1 * m![i]! + (1 - beta1) * g[i]!;
    v![i] = beta2 * v![i]! + (1 - beta2) * g[i]! ** 2;
    const mHat = m![i]! / (1 - Math.pow(beta1, t));
    const vHat = v![i]! / (1 - Math.pow(beta2, t));
    w[i] = w[i]! - lr * decay * w[i]! - lr * mHat / (Math.sqrt(vHat) + epsilon);
  }
};

const lionReference = (beta1: number, beta2: number, decay: number): Reference => (w, g, [m], _t, lr) => {
  for (let i = 0; i < w.length; i++) {
    const c = beta1 * m![i]! + (1 - beta1) * g[i]!;
    const signC = c > 0 ? 1 : c < 0 ? -1 : 0;
    w[i] = w[i]! - lr * (signC + decay * w[i]!);
    m![i] = beta2 * m![i]! + (1 - beta2) * g[i]!;
  }
};

const sgdReference = (mu: number, nesterov: boolean, decay: number): Reference => (w, g, [b], _t, lr) => {
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]! + decay * w[i]!;
    b![i] = mu * b![i]! + gi;
    w[i] = w[i]! - lr * (nesterov ? gi + mu * b![i]! : b![i]!);
  }
};

describe('update rules', () => {
  it('Adam matches its update worked out by hand over three steps', () => {
    const after = run(adam(), [1, -0.5], [[0.2, -0.4], [-0.1, 0.3], [0.05, 0.05]], 0.1);
    // Step 1 moves each coordinate by lr·sign(g) (less ε); steps 2 and 3 by the bias-corrected ratio.
    assertClose(after, [[0.900000005, -0.4000000025], [0.8733663027186758, -0.39106750201213564], [0.8393233904720768, -0.3905585742030531]], 1e-12);
  });

  it('Adam and AdamW match the formula over ten steps, in float64 and float32', () => {
    const { w0, grads } = randomProblem(1, 7, 10);
    for (const [rule, decay] of [[adam({ beta1: 0.8, beta2: 0.95, epsilon: 1e-6 }), 0], [adamw({ beta1: 0.8, beta2: 0.95, epsilon: 1e-6, weightDecay: 0.3 }), 0.3]] as const) {
      const expected = runReference(adamReference(0.8, 0.95, 1e-6, decay), 2, w0, grads, 0.05);
      assertClose(run(rule, w0, grads, 0.05), expected, 1e-12);
      assertClose(run(rule, w0, grads, 0.05, 'float32'), expected, 1e-5);
    }
  });

  it('AdamW decays the weights apart from the gradient: a zero gradient shrinks w by lr·λ·w', () => {
    const [after] = run(adamw({ weightDecay: 0.5 }), [2, -4], [[0, 0]], 0.1);
    assert.deepEqual(after, [2 - 0.1 * 0.5 * 2, -4 + 0.1 * 0.5 * 4]);
    // Adam's L2-free update leaves the same weights where they are.
    assert.deepEqual(run(adam(), [2, -4], [[0, 0]], 0.1)[0], [2, -4]);
  });

  it('Lion matches its update worked out by hand: the sign of the momentum mix, not of g', () => {
    const after = run(lion({ weightDecay: 0.1 }), [0.5, -0.3, 0], [[0.1, -0.2, 0], [-0.05, -0.1, 0.3]], 0.01);
    // Step 1: m = 0, so c = 0.1·g and w moves by −lr·(sign g + λw); a zero c leaves w alone.
    // Step 2, first coordinate: c = 0.9·0.001 + 0.1·(−0.05) < 0, so w rises by lr·(1 − λw).
    assertClose(after, [[0.4895, -0.2897, 0], [0.4990105, -0.2794103, -0.01]], 1e-12);
  });

  it('Lion matches the formula over ten steps, in float64 and float32', () => {
    const { w0, grads } = randomProblem(2, 9, 10);
    const expected = runReference(lionReference(0.95, 0.98, 0.2), 1, w0, grads, 0.003);
    assertClose(run(lion({ beta1: 0.95, beta2: 0.98, weightDecay: 0.2 }), w0, grads, 0.003), expected, 1e-12);
    assertClose(run(lion({ beta1: 0.95, beta2: 0.98, weightDecay: 0.2 }), w0, grads, 0.003, 'float32'), expected, 1e-6);
  });

  it('Lion moves every coordinate by exactly lr (plus its decay) or not at all', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), { minLength: 1, maxLength: 20 }),
      (rows) => {
        const w = Float64Array.from(rows, (r) => r[0]), g = Float64Array.from(rows, (r) => r[1]), m = Float64Array.from(rows, (r) => r[2]);
        const before = Float64Array.from(w);
        lion({ weightDecay: 0.5 }).update(w, g, [m], 1, 0.01);
        before.forEach((w0, i) => {
          const move = Math.abs(w[i]! - w0 + 0.01 * 0.5 * w0);
          assert.ok(Math.abs(move - 0.01) < 1e-12 || move < 1e-12, `coordinate ${i} moved by ${move}`);
        });
      },
    ));
  });

  it('SGD with momentum matches its update worked out by hand', () => {
    // b1 = g1 = 1 → w = 1 − 0.1 = 0.9; b2 = 0.9·1 + 0.5 = 1.4 → w = 0.9 − 0.14 = 0.76.
    assertClose(run(sgd({ momentum: 0.9 }), [1], [[1], [0.5]], 0.1), [[0.9], [0.76]], 1e-12);
    // Nesterov steps along g + μ·b: 0.1·(1 + 0.9) = 0.19, then 0.1·(0.5 + 0.9·1.4) = 0.176.
    assertClose(run(sgd({ momentum: 0.9, nesterov: true }), [1], [[1], [0.5]], 0.1), [[0.81], [0.634]], 1e-12);
  });

  it('SGD with momentum, Nesterov and L2 decay matches the formula over ten steps', () => {
    const { w0, grads } = randomProblem(3, 5, 10);
    for (const nesterov of [false, true]) {
      const expected = runReference(sgdReference(0.7, nesterov, 0.01), 1, w0, grads, 0.02);
      assertClose(run(sgd({ momentum: 0.7, nesterov, weightDecay: 0.01 }), w0, grads, 0.02), expected, 1e-12);
    }
  });

  it('plain SGD keeps no state and steps along −lr·g', () => {
    const rule = sgd();
    assert.deepEqual(rule.slots, []);
    assert.deepEqual(run(rule, [1, 2], [[0.5, -1]], 0.25), [[1 - 0.125, 2 + 0.25]]);
  });

  it('keeps two slots for Adam and AdamW, one for Lion and for SGD with momentum', () => {
    assert.deepEqual([adam(), adamw(), lion(), sgd({ momentum: 0.9 })].map((r) => r.slots.length), [2, 2, 1, 1]);
  });

  it('refuses options out of range, naming the rule and the option', () => {
    assert.throws(() => adam({ beta1: 1 }), (e: unknown) => e instanceof UsageError && /adam: beta1 must be a number in \[0, 1\), got 1/.test(e.message));
    assert.throws(() => lion({ weightDecay: -1 }), /lion: weightDecay must be a finite number >= 0/);
    assert.throws(() => adamw({ epsilon: 0 }), /adamw: epsilon must be a finite number > 0/);
    assert.throws(() => sgd({ nesterov: true }), /sgd: nesterov needs momentum > 0/);
  });
});
