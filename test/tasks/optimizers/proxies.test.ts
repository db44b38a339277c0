import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adamw, sgd } from '../../../src/learn/optim/index.ts';
import { defaultFunnel } from '../../../src/tasks/optimizers/funnel.ts';
import { grammarText } from '../../../src/tasks/optimizers/grammar-text.ts';
import { PROXY_KINDS, proxyConfig, proxyTask } from '../../../src/tasks/optimizers/proxies.ts';

const TINY_LM = { kind: 'char-lm', steps: 60, hidden: 32, trainSize: 4000, validSize: 300 } as const;

describe('proxy tasks', () => {
  it('grammar text is the same for a seed, different for another, and made of letters, spaces, commas and full stops', () => {
    const text = grammarText(3000, 4);
    assert.equal(text.length, 3000);
    assert.equal(grammarText(3000, 4), text);
    assert.notEqual(grammarText(3000, 5), text);
    assert.match(text, /^[a-z ,.]+$/);
    assert.ok(text.split('. ').length > 20);
  });

  it('the character model learns the grammar: validation loss well below a uniform guess, the same run every time', () => {
    const proxy = proxyTask(TINY_LM);
    const vocabulary = new Set(grammarText(TINY_LM.trainSize + TINY_LM.validSize + 8, 1)).size;
    const curve: number[] = [];
    const run = proxy.train(adamw(), 1e-2, undefined, curve);
    assert.equal(run.diverged, false);
    assert.equal(curve.length, TINY_LM.steps);
    assert.ok(Math.abs(curve[0]! - Math.log(vocabulary)) < 1, `first loss ${curve[0]} against ln ${vocabulary}`);
    assert.ok(run.validLoss < 0.75 * Math.log(vocabulary), `validation loss ${run.validLoss}`);
    assert.deepEqual(proxy.train(adamw(), 1e-2), run);
  });

  it('logistic regression on MNIST has no hidden layer and reports accuracy', () => {
    const config = proxyConfig({ kind: 'mnist-logistic' });
    assert.equal(config.layers, 0);
    const run = proxyTask({ kind: 'mnist-logistic', steps: 30, trainSize: 300, validSize: 100 }).train(sgd({ momentum: 0.9 }), 0.1);
    assert.equal(run.diverged, false);
    assert.ok(run.accuracy !== undefined && run.accuracy > 0.5, `accuracy ${run.accuracy}`);
  });

  it('records the quadratic\'s curve as f(w)/f(w₀), and stops it where a run diverges', () => {
    const proxy = proxyTask({ kind: 'quadratic', steps: 50 });
    const curve: number[] = [];
    const run = proxy.train(adamw(), 1e-2, undefined, curve);
    assert.equal(curve.length, 50);
    assert.equal(curve[0], 1);
    assert.ok(run.validLoss < curve[0]!);
    const blownUp: number[] = [];
    assert.equal(proxy.train(sgd(), 10, undefined, blownUp).diverged, true);
    assert.ok(blownUp.length < 50);
  });

  it('has a funnel of two larger stages of its own kind for every kind', () => {
    for (const kind of PROXY_KINDS) {
      const stages = defaultFunnel({ kind });
      assert.equal(stages.length, 2);
      for (const stage of stages) assert.equal(proxyConfig(stage).kind, kind);
    }
  });

  it('refuses a language model without context and an unknown field, naming them', () => {
    assert.throws(() => proxyTask({ kind: 'char-lm', context: 0 }), /char-lm needs context >= 1/);
    assert.throws(() => proxyConfig({ kind: 'char-lm', vocabulary: 3 }), /unknown field 'vocabulary'/);
  });
});
