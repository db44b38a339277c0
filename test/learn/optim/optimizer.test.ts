import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { adam, adamw, lion, optimizer, sgd, updateRuleConfig, updateRuleFromConfig, warmupCosineSchedule } from '../../../src/learn/optim/index.ts';
import { matmul, mean, parameter, square, sub, tensor } from '../../../src/learn/tensor/index.ts';

/** A least-squares problem: find w with x·w = y. */
function leastSquares(): { w: ReturnType<typeof parameter>; loss: () => ReturnType<typeof mean> } {
  const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, -1, 0.5, 2, -3], [4, 3]);
  const y = matmul(x, tensor([0.5, -1, 2], [3, 1]));
  const w = parameter(tensor([0, 0, 0], [3, 1]));
  return { w, loss: () => mean(square(sub(matmul(x, w), y))) };
}

describe('optimizer', () => {
  it('applies the rule to each parameter with the scheduled rate and counts the steps', () => {
    const a = parameter(tensor([1, 2])), b = parameter(tensor([3]));
    const opt = optimizer([a, b], sgd(), (t) => 0.1 * (t + 1));
    opt.step([tensor([1, 1]), tensor([10])]);
    opt.step([tensor([1, 1]), tensor([10])]);
    assert.equal(opt.steps, 2);
    // Rates 0.1 then 0.2.
    assert.deepEqual(Array.from(a.data), [Math.fround(Math.fround(1 - 0.1) - 0.2), Math.fround(Math.fround(2 - 0.1) - 0.2)]);
    assert.ok(Math.abs(b.data[0]! - 0) < 1e-6);
    assert.ok(Math.abs(opt.learningRate() - 0.3) < 1e-15);
  });

  it('clips by value and then by global norm before the rule sees the gradients', () => {
    const w = parameter(tensor([0, 0]));
    const opt = optimizer([w], sgd(), 1, { clipValue: 3, clipNorm: 1 });
    opt.step([tensor([100, -4])]);
    // (100, −4) → (3, −3) by value → (1, −1)/√2 by norm.
    assert.ok(Math.abs(w.data[0]! + Math.SQRT1_2) < 1e-6 && Math.abs(w.data[1]! - Math.SQRT1_2) < 1e-6);
    assert.ok(Math.abs(opt.lastGradientNorm - 3 * Math.SQRT2) < 1e-6);
  });

  it('drives a least-squares fit to its solution with each rule', () => {
    for (const [rule, lr] of [[sgd({ momentum: 0.9 }), 0.005], [adam(), 0.05], [adamw({ weightDecay: 0 }), 0.05], [lion(), 0.02]] as const) {
      const { w, loss } = leastSquares();
      const opt = optimizer([w], rule, warmupCosineSchedule({ peak: lr, warmupSteps: 10, totalSteps: 600 }));
      for (let i = 0; i < 600; i++) opt.minimize(loss);
      assert.ok(loss().item() < 1e-3, `${rule.name}: loss ${loss().item()}`);
    }
  });

  it('resumes from a saved state, through JSON, exactly where it stopped', () => {
    const straight = leastSquares();
    const opt = optimizer([straight.w], adamw(), 0.05);
    for (let i = 0; i < 20; i++) opt.minimize(straight.loss);

    const resumed = leastSquares();
    const first = optimizer([resumed.w], adamw(), 0.05);
    for (let i = 0; i < 10; i++) first.minimize(resumed.loss);
    const saved = JSON.parse(JSON.stringify(first.saveState())) as unknown;
    const weights = Array.from(resumed.w.data);
    const again = leastSquares();
    again.w.data.set(weights);
    const second = optimizer([again.w], updateRuleFromConfig(JSON.parse(JSON.stringify(updateRuleConfig(adamw())))), 0.05);
    second.loadState(saved);
    assert.equal(second.steps, 10);
    for (let i = 0; i < 10; i++) second.minimize(again.loss);
    assert.deepEqual(Array.from(again.w.data), Array.from(straight.w.data));
  });

  it('refuses a state of another rule or shape and is left as it was', () => {
    const w = parameter(tensor([1, 2, 3]));
    const opt = optimizer([w], adam(), 0.1);
    opt.minimize(() => mean(square(w)));
    const good = opt.saveState();
    assert.throws(() => opt.loadState({ ...good, rule: 'lion' }), /state is of rule 'lion', this optimizer's is 'adam'/);
    assert.throws(() => opt.loadState({ ...good, slots: [[[0, 0, 0], [0, 0]]] }), /slot 'v' of parameter 0 must be 3 finite numbers/);
    assert.throws(() => opt.loadState({ ...good, step: 1.5 }), (e: unknown) => e instanceof UsageError && /step must be a whole number/.test(e.message));
    assert.deepEqual(opt.saveState(), good);
  });

  it('refuses gradients that do not match the parameters, and a parameter listed twice', () => {
    const w = parameter(tensor([1, 2]));
    const opt = optimizer([w], sgd(), 0.1);
    assert.throws(() => opt.step([]), /0 gradients for 1 parameters/);
    assert.throws(() => opt.step([tensor([1])]), /gradient 0 has 1 elements, its parameter 2/);
    assert.throws(() => optimizer([w, w], sgd(), 0.1), /listed twice/);
    assert.throws(() => optimizer([w], sgd(), 0.1, { clipNorm: 0 }), /optimizer: clipNorm must be a finite number > 0/);
  });

  it('rebuilds each shipped rule from its config and refuses unknown names and options', () => {
    for (const rule of [sgd({ momentum: 0.5, nesterov: true }), adam({ beta2: 0.99 }), adamw({ weightDecay: 0.1 }), lion({ weightDecay: 1 })]) {
      const rebuilt = updateRuleFromConfig(updateRuleConfig(rule));
      assert.equal(rebuilt.name, rule.name);
      assert.deepEqual(rebuilt.config, rule.config);
    }
    assert.throws(() => updateRuleFromConfig({ name: 'rmsprop' }), /unknown rule 'rmsprop'; known: sgd, adam, adamw, lion/);
    assert.throws(() => updateRuleFromConfig({ name: 'lion', beta3: 0.9 }), /lion has no option 'beta3'/);
  });
});
