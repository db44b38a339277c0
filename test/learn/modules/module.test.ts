import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import * as nn from '../../../src/learn/modules/index.ts';
import type { Module } from '../../../src/learn/modules/index.ts';

/** Every module factory, with small options. */
const FACTORIES: Record<string, (rng: Rng) => Module> = {
  linear: (rng) => nn.linear({ inputSize: 3, outputSize: 2, rng }),
  mlp: (rng) => nn.mlp({ sizes: [3, 4, 2], activation: 'tanh', rng }),
  lstmCell: (rng) => nn.lstmCell({ inputSize: 2, hiddenSize: 3, rng }),
  lstm: (rng) => nn.lstm({ inputSize: 2, hiddenSize: 3, rng }),
  embedding: (rng) => nn.embedding({ count: 5, size: 3, rng }),
  messagePassing: (rng) => nn.messagePassing({ inputSize: 3, edgeTypes: 2, rng }),
  globalAttention: (rng) => nn.globalAttention({ size: 4, heads: 2, rng }),
};

describe('every module', () => {
  for (const [name, make] of Object.entries(FACTORIES)) {
    it(`${name} draws the same weights from the same seed and others from another`, () => {
      const values = (m: Module) => Object.entries(m.namedParameters()).map(([key, t]) => [key, t.shape, t.toArray()]);
      assert.deepEqual(values(make(new Rng(1))), values(make(new Rng(1))));
      assert.notDeepEqual(values(make(new Rng(1))), values(make(new Rng(2))));
    });

    it(`${name} lists its parameters in the order of their names, each once and trainable`, () => {
      const m = make(new Rng(1));
      assert.deepEqual(m.parameters(), Object.values(m.namedParameters()));
      assert.equal(new Set(m.parameters()).size, m.parameters().length);
      assert.ok(m.parameters().every((p) => p.requiresGrad && p.dtype === 'float32'));
    });
  }

  it('names nested parameters by path', () => {
    assert.deepEqual(Object.keys(nn.mlp({ sizes: [3, 4, 2], rng: new Rng(1) }).namedParameters()), ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias']);
    assert.deepEqual(Object.keys(nn.lstm({ inputSize: 2, hiddenSize: 3, rng: new Rng(1) }).namedParameters()), ['cell.inputWeight', 'cell.recurrentWeight', 'cell.bias']);
    assert.deepEqual(Object.keys(nn.globalAttention({ size: 4, rng: new Rng(1) }).namedParameters()),
      ['inProjection.weight', 'inProjection.bias', 'outProjection.weight', 'outProjection.bias', 'norm.gamma', 'norm.beta']);
    assert.deepEqual(Object.keys(nn.messagePassing({ inputSize: 3, edgeTypes: 2, rng: new Rng(1) }).namedParameters()),
      ['edgeWeight', 'epsilon', 'update.layers.0.weight', 'update.layers.0.bias', 'update.layers.1.weight', 'update.layers.1.bias']);
  });

  it('makes float64 parameters when asked', () => {
    assert.ok(nn.mlp({ sizes: [2, 2], rng: new Rng(1), dtype: 'float64' }).parameters().every((p) => p.dtype === 'float64'));
  });

  const rejects = (make: () => unknown, message: string) => assert.throws(make, (e: unknown) => e instanceof UsageError && e.message === message);

  it('rejects bad options with one message naming the module and the option', () => {
    const rng = new Rng(1);
    rejects(() => nn.linear({ inputSize: 0, outputSize: 2, rng }), 'linear: inputSize must be a whole number >= 1, got 0');
    rejects(() => nn.linear({ inputSize: 2, outputSize: 2, rng, dtype: 'float16' as never }), "linear: dtype must be one of float32, float64, got 'float16'");
    rejects(() => nn.linear({ inputSize: 2, outputSize: 2 } as never), 'linear: rng must be an Rng (new Rng(seed)), got undefined');
    rejects(() => nn.mlp({ sizes: [3], rng }), 'mlp: sizes must list at least the input and output widths, e.g. [4, 32, 1]');
    rejects(() => nn.mlp({ sizes: [3, 4, 1], activation: 'gelu' as never, rng }), "mlp: activation must be one of identity, relu, tanh, sigmoid, softplus, leakyRelu, got 'gelu'");
    rejects(() => nn.mlp({ sizes: [3, 4, 1], activation: ['tanh', 'relu'], rng }), 'mlp: activation lists 2 names for 1 hidden layers');
    rejects(() => nn.globalAttention({ size: 6, heads: 4, rng }), 'globalAttention: heads (4) must divide size (6)');
    rejects(() => nn.graphPooling({ reduce: 'median' as never }), "graphPooling: reduce must be one of mean, max, sum, got 'median'");
    rejects(() => nn.messagePassing({ inputSize: 3, edgeTypes: 0, rng }), 'messagePassing: edgeTypes must be a whole number >= 1, got 0');
  });
});
