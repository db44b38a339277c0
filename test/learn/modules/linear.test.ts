import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { linear } from '../../../src/learn/modules/index.ts';
import { parameter, tensor } from '../../../src/learn/tensor/index.ts';
import { assertParameterGradientsMatch, randomTensor } from '../../helpers/gradient-check.ts';

describe('linear', () => {
  it('computes x·W + b', () => {
    const layer = linear({ inputSize: 2, outputSize: 3, rng: new Rng(1), dtype: 'float64' });
    layer.weight.data.set([1, 2, 3, 4, 5, 6]);
    layer.bias!.data.set([0.5, -1, 0]);
    assert.deepEqual(layer.forward(tensor([1, -1, 2, 0], [2, 2], 'float64')).toArray(), [-2.5, -4, -3, 2.5, 3, 6]);
  });

  it('maps a single row and a batch of batches, and has no bias when told', () => {
    const layer = linear({ inputSize: 2, outputSize: 3, rng: new Rng(1), bias: false });
    assert.equal(layer.bias, null);
    assert.deepEqual(layer.parameters(), [layer.weight]);
    assert.deepEqual(layer.forward(tensor([1, 2])).shape, [3]);
    assert.deepEqual(layer.forward(tensor(new Array(12).fill(1), [2, 3, 2])).shape, [2, 3, 3]);
  });

  it('starts with a zero bias', () => {
    assert.ok(linear({ inputSize: 4, outputSize: 5, rng: new Rng(1) }).bias!.toArray().every((b) => b === 0));
  });

  it('rejects rows of the wrong width', () => {
    assert.throws(() => linear({ inputSize: 2, outputSize: 3, rng: new Rng(1) }).forward(tensor([1, 2, 3], [1, 3])), /linear: input rows must have width 2, got shape \[1, 3\]/);
  });

  it('has gradients that match central differences with respect to its weights and inputs', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (inputSize, outputSize, rows, seed) => {
      const rng = new Rng(seed);
      const layer = linear({ inputSize, outputSize, rng, dtype: 'float64' });
      layer.bias!.data.set(randomTensor([outputSize], rng).data);
      const x = parameter(randomTensor([rows, inputSize], rng));
      assertParameterGradientsMatch(() => layer.forward(x), [...layer.parameters(), x]);
    }), { numRuns: 20, seed: 3 });
  });
});
