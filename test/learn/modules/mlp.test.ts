import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { ACTIVATION_NAMES, mlp, type ActivationName } from '../../../src/learn/modules/index.ts';
import { noGrad, parameter, tensor } from '../../../src/learn/tensor/index.ts';
import { compilePredictor } from '../../../src/learn/modules/predictor.ts';
import { assertParameterGradientsMatch, randomTensor } from '../../helpers/gradient-check.ts';

const sizesArb = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 });
const activationArb = fc.constantFrom(...ACTIVATION_NAMES);
// Smooth activations only, so that finite differences never straddle a kink.
const smoothArb = fc.constantFrom<ActivationName>('tanh', 'sigmoid', 'softplus', 'identity');

describe('mlp', () => {
  it('applies the hidden activations and the output activation', () => {
    const net = mlp({ sizes: [2, 3, 3, 1], activation: ['relu', 'tanh'], outputActivation: 'sigmoid', rng: new Rng(1) });
    assert.deepEqual(net.activations, ['relu', 'tanh', 'sigmoid']);
    const y = noGrad(() => net.forward(tensor([5, -3, 100, 2], [2, 2]))).toArray();
    assert.ok(y.every((v) => v > 0 && v < 1));
  });

  it('has gradients that match central differences with respect to its weights and inputs', () => {
    fc.assert(fc.property(sizesArb, smoothArb, smoothArb, fc.integer({ min: 1, max: 3 }), fc.integer(), (sizes, activation, outputActivation, rows, seed) => {
      const rng = new Rng(seed);
      const net = mlp({ sizes, activation, outputActivation, rng, dtype: 'float64' });
      for (const layer of net.layers) layer.bias!.data.set(randomTensor([layer.outputSize], rng).data);
      const x = parameter(randomTensor([rows, sizes[0]!], rng));
      assertParameterGradientsMatch(() => net.forward(x), [...net.parameters(), x]);
    }), { numRuns: 20, seed: 4 });
  });

  it('has a predictor that equals the tensor forward, for every activation and both element types', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 2, maxLength: 4 }), activationArb, activationArb, fc.boolean(), fc.integer(), (sizes, activation, outputActivation, wide, seed) => {
      const rng = new Rng(seed);
      for (const dtype of ['float32', 'float64'] as const) {
        const net = mlp({ sizes, activation, outputActivation, rng, dtype });
        for (const layer of net.layers) layer.bias!.data.set(randomTensor([layer.outputSize], rng).data);
        const input = randomTensor([sizes[0]!], rng, wide ? -5 : -1, wide ? 5 : 1).data;
        const expected = noGrad(() => net.forward(tensor(input, [1, sizes[0]!], dtype))).toArray();
        const actual = Array.from(net.predictor()(input));
        const tolerance = dtype === 'float64' ? 1e-12 : 1e-5;
        actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) <= tolerance * Math.max(1, Math.abs(expected[i]!)), `${dtype} output ${i}: ${v} vs ${expected[i]}`));
      }
    }), { numRuns: 40, seed: 6 });
  });

  it('has a predictor that follows the weights as they are trained', () => {
    const net = mlp({ sizes: [4, 32, 32, 1], activation: 'tanh', rng: new Rng(2) });
    const predict = net.predictor();
    const input = new Float32Array([0.1, -0.2, 0.3, 0.4]);
    const before = predict(input)[0]!;
    for (const p of net.parameters()) for (let i = 0; i < p.size; i++) p.data[i]! += 0.01;
    const after = predict(input)[0]!;
    assert.notEqual(after, before);
    assert.ok(Math.abs(after - noGrad(() => net.forward(tensor(input, [1, 4]))).item()) < 1e-6);
  });

  it('has a predictor that rejects an input of the wrong length', () => {
    assert.throws(() => mlp({ sizes: [3, 2], rng: new Rng(1) }).predictor()([1, 2]), /predictor: the input must have 3 values, got 2/);
  });

  it('has a predictor that computes layers without biases, partial vectors and saturated tanh', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 11 }), { minLength: 2, maxLength: 4 }), fc.constantFrom<ActivationName>('identity', 'relu', 'tanh'), fc.integer(), (sizes, activation, seed) => {
      const rng = new Rng(seed);
      const layers = sizes.slice(1).map((outputs, i) => ({
        weight: randomTensor([sizes[i]!, outputs], rng, -3, 3).data,
        bias: rng.chance(0.5) ? null : randomTensor([outputs], rng).data,
        inputs: sizes[i]!, outputs, activation,
      }));
      const float32 = layers.map((l) => ({ ...l, weight: Float32Array.from(l.weight), bias: l.bias === null ? null : Float32Array.from(l.bias) }));
      const input = Float32Array.from(randomTensor([sizes[0]!], rng, -4, 4).data);
      let expected: number[] = Array.from(input);
      for (const l of float32) {
        expected = Array.from({ length: l.outputs }, (_, j) => {
          let z = l.bias === null ? 0 : l.bias[j]!;
          for (let i = 0; i < l.inputs; i++) z += expected[i]! * l.weight[i * l.outputs + j]!;
          return activation === 'relu' ? Math.max(z, 0) : activation === 'tanh' ? Math.tanh(z) : z;
        });
      }
      const actual = compilePredictor(float32, 'float32')(input);
      expected.forEach((e, j) => assert.ok(Math.abs(actual[j]! - e) <= 1e-5 * Math.max(1, Math.abs(e)), `output ${j}: ${actual[j]} vs ${e}`));
    }), { numRuns: 60, seed: 8 });
    const saturated = compilePredictor([{ weight: Float32Array.of(1, -1, 0.5), bias: null, inputs: 1, outputs: 3, activation: 'tanh' }], 'float32')([40]);
    assert.deepEqual(Array.from(saturated), [1, -1, 1]);
  });
});
