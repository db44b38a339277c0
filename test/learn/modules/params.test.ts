import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import * as nn from '../../../src/learn/modules/index.ts';
import type { Module } from '../../../src/learn/modules/index.ts';
import { loadParametersBinary, loadParametersJson, parametersToBinary, parametersToJson } from '../../../src/learn/modules/params.ts';

/** Every module kind, built from a seed. */
const MODULES: Record<string, (rng: Rng, dtype: 'float32' | 'float64') => Module> = {
  mlp: (rng, dtype) => nn.mlp({ sizes: [3, 5, 2], rng, dtype }),
  lstm: (rng, dtype) => nn.lstm({ inputSize: 2, hiddenSize: 3, rng, dtype }),
  embedding: (rng, dtype) => nn.embedding({ count: 4, size: 3, rng, dtype }),
  messagePassing: (rng, dtype) => nn.messagePassing({ inputSize: 3, edgeTypes: 2, rng, dtype }),
  globalAttention: (rng, dtype) => nn.globalAttention({ size: 4, heads: 2, rng, dtype }),
};

/** The raw bits of every parameter, by name. */
function bits(module: Module): Record<string, number[]> {
  return Object.fromEntries(Object.entries(module.namedParameters()).map(([name, t]) => {
    const raw = t.data instanceof Float64Array ? new BigUint64Array(t.data.buffer) : new Uint32Array(t.data.buffer);
    return [name, Array.from(raw, Number)];
  }));
}

/** Puts awkward values (−0, ±∞, NaN, a subnormal) into the first parameter. */
function withAwkwardValues(module: Module): Module {
  module.parameters()[0]!.data.set([-0, Infinity, -Infinity, NaN, 1e-40]);
  return module;
}

const rejects = (load: () => void, message: RegExp) => assert.throws(load, (e: unknown) => e instanceof UsageError && message.test(e.message));

describe('parameter storage', () => {
  for (const [kind, make] of Object.entries(MODULES)) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`round-trips ${kind} (${dtype}) bit for bit through JSON text and through binary`, () => {
        const trained = withAwkwardValues(make(new Rng(1), dtype));
        const viaJson = make(new Rng(2), dtype);
        loadParametersJson(viaJson, JSON.parse(JSON.stringify(parametersToJson(trained))));
        const viaBinary = make(new Rng(3), dtype);
        loadParametersBinary(viaBinary, parametersToBinary(trained));
        assert.deepEqual(bits(viaJson), bits(trained));
        assert.deepEqual(bits(viaBinary), bits(trained));
      });
    }
  }

  it('writes plain numbers, shapes and element types in JSON', () => {
    const layer = nn.linear({ inputSize: 2, outputSize: 1, rng: new Rng(1) });
    layer.weight.data.set([0.5, -0.25]);
    assert.deepEqual(parametersToJson(layer), {
      format: 'amoeba-parameters', version: 1,
      parameters: [{ name: 'weight', dtype: 'float32', shape: [2, 1], values: [0.5, -0.25] }, { name: 'bias', dtype: 'float32', shape: [1], values: [0] }],
    });
  });

  it('stores binary compactly: a header, each name and shape, and 4 bytes per float32', () => {
    const net = nn.mlp({ sizes: [4, 32, 32, 1], rng: new Rng(1) });
    const floats = net.parameters().reduce((n, p) => n + p.size, 0);
    const names = Object.keys(net.namedParameters()).reduce((n, name) => n + name.length, 0);
    assert.equal(parametersToBinary(net).length, 12 + 6 * 4 + names + 4 * (3 * 2 + 3) + 4 * floats);
  });

  it('loads into the module\'s own tensors, so a predictor made before keeps working', () => {
    const trained = nn.mlp({ sizes: [3, 4, 1], rng: new Rng(1) });
    const fresh = nn.mlp({ sizes: [3, 4, 1], rng: new Rng(2) });
    const predict = fresh.predictor();
    loadParametersBinary(fresh, parametersToBinary(trained));
    assert.deepEqual(Array.from(predict([1, 2, 3])), Array.from(trained.predictor()([1, 2, 3])));
  });

  it('rejects parameters of another architecture by name or shape, and changes nothing', () => {
    const target = nn.mlp({ sizes: [3, 5, 2], rng: new Rng(1) });
    const before = bits(target);
    const deeper = nn.mlp({ sizes: [3, 5, 5, 2], rng: new Rng(2) });
    const wider = nn.mlp({ sizes: [3, 6, 2], rng: new Rng(2) });
    rejects(() => loadParametersJson(target, parametersToJson(deeper)), /^loadParameters: the stored parameters do not fit this module \(unexpected layers\.2\.weight, layers\.2\.bias\); build the module/);
    rejects(() => loadParametersBinary(target, parametersToBinary(nn.mlp({ sizes: [3, 2], rng: new Rng(2) }))), /missing layers\.1\.weight, layers\.1\.bias/);
    rejects(() => loadParametersBinary(target, parametersToBinary(wider)), /^loadParameters: layers\.0\.weight has shape \[3, 5\] in the module but \[3, 6\] stored/);
    assert.deepEqual(bits(target), before);
  });

  it('rejects data that is not stored parameters, truncated or malformed', () => {
    const target = nn.linear({ inputSize: 2, outputSize: 1, rng: new Rng(1) });
    const bytes = parametersToBinary(target);
    rejects(() => loadParametersBinary(target, bytes.subarray(0, bytes.length - 1)), /the buffer is truncated/);
    rejects(() => loadParametersBinary(target, new Uint8Array(16)), /does not start with AMPB/);
    rejects(() => loadParametersJson(target, { weights: [] }), /not stored parameters/);
    const json = parametersToJson(target);
    rejects(() => loadParametersJson(target, { ...json, version: 2 }), /version 2 is not supported/);
    rejects(() => loadParametersJson(target, { ...json, parameters: [{ ...json.parameters[0]!, values: ['x', 1] }, json.parameters[1]] }), /weight holds "x", not a number/);
    rejects(() => loadParametersJson(target, { ...json, parameters: [{ ...json.parameters[0]!, values: [1] }, json.parameters[1]] }), /weight needs 2 values for shape \[2, 1\]/);
  });
});
