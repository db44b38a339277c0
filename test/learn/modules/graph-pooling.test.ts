import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { graphPooling } from '../../../src/learn/modules/index.ts';
import { parameter, tensor } from '../../../src/learn/tensor/index.ts';
import { assertParameterGradientsMatch, randomTensor } from '../../helpers/gradient-check.ts';

describe('graphPooling', () => {
  const h = tensor([1, 10, 3, 20, 5, 60], [3, 2]);
  const graphOf = Int32Array.from([1, 1, 0]);

  it('takes the mean, max or sum of each graph\'s nodes, in graph order', () => {
    assert.deepEqual(graphPooling().forward(h, graphOf, 2).toArray(), [5, 60, 2, 15]);
    assert.deepEqual(graphPooling({ reduce: 'max' }).forward(h, graphOf, 2).toArray(), [5, 60, 3, 20]);
    assert.deepEqual(graphPooling({ reduce: 'sum' }).forward(h, graphOf, 3).toArray(), [5, 60, 4, 30, 0, 0]);
    assert.deepEqual(graphPooling().parameters(), []);
  });

  it('has gradients that match central differences for every reduction', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (nodes, width, graphs, seed) => {
      const rng = new Rng(seed);
      const x = parameter(randomTensor([nodes, width], rng));
      const ids = Int32Array.from({ length: nodes }, () => rng.int(graphs));
      for (const reduce of ['mean', 'max', 'sum'] as const) assertParameterGradientsMatch(() => graphPooling({ reduce }).forward(x, ids, graphs), [x]);
    }), { numRuns: 15, seed: 1 });
  });
});
