import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { messagePassing, type TypedEdges } from '../../../src/learn/modules/index.ts';
import { noGrad, parameter, tensor } from '../../../src/learn/tensor/index.ts';
import { assertParameterGradientsMatch, randomTensor } from '../../helpers/gradient-check.ts';

const edges = (list: [number, number, number][]): TypedEdges => ({
  sources: Int32Array.from(list, (e) => e[0]),
  targets: Int32Array.from(list, (e) => e[1]),
  types: Int32Array.from(list, (e) => e[2]),
});

describe('messagePassing', () => {
  it('adds (1 + ε)·h to each type\'s incoming sum times its weight, then applies the update', () => {
    const layer = messagePassing({ inputSize: 1, hiddenSizes: [1], edgeTypes: 2, activation: 'identity', rng: new Rng(1), dtype: 'float64' });
    for (const l of layer.update.layers) l.weight.data.fill(1);
    layer.edgeWeight.data.set([2, 3]);
    layer.epsilon!.data[0] = 0.5;
    // Nodes a = 1, b = 10, c = 4: a →₀ c, b →₁ c, a →₁ c.
    const y = layer.forward(tensor([1, 10, 4], [3, 1], 'float64'), edges([[0, 2, 0], [1, 2, 1], [0, 2, 1]]));
    assert.deepEqual(y.toArray(), [1.5, 15, 6 + 2 * 1 + 3 * (10 + 1)]);
  });

  it('tells a − b from b − a: edge types keep argument positions apart', () => {
    const rng = new Rng(5);
    const layer = messagePassing({ inputSize: 3, edgeTypes: 2, rng });
    // Node 0 is the op; nodes 1 and 2 its operands, with different features.
    const h = tensor([0, 0, 0, 1, 0, 0, 0, 1, 0], [3, 3]);
    const aMinusB = noGrad(() => layer.forward(h, edges([[1, 0, 0], [2, 0, 1]]))).toArray().slice(0, 3);
    const bMinusA = noGrad(() => layer.forward(h, edges([[2, 0, 0], [1, 0, 1]]))).toArray().slice(0, 3);
    assert.ok(aMinusB.some((v, i) => Math.abs(v - bMinusA[i]!) > 1e-3), `${aMinusB} vs ${bMinusA}`);
  });

  it('passes messages along edges only, from source to target', () => {
    const layer = messagePassing({ inputSize: 2, edgeTypes: 1, rng: new Rng(2) });
    const h = tensor([1, 2, 3, 4, 5, 6], [3, 2]);
    const alone = noGrad(() => layer.forward(h, edges([]))).toArray();
    const linked = noGrad(() => layer.forward(h, edges([[0, 1, 0]]))).toArray();
    assert.deepEqual([linked.slice(0, 2), linked.slice(4)], [alone.slice(0, 2), alone.slice(4)]);
    assert.notDeepEqual(linked.slice(2, 4), alone.slice(2, 4));
  });

  it('rejects edges that name missing nodes or types', () => {
    const layer = messagePassing({ inputSize: 1, edgeTypes: 2, rng: new Rng(1) });
    const h = tensor([1, 2], [2, 1]);
    assert.throws(() => layer.forward(h, edges([[0, 2, 0]])), /messagePassing: edge 0 \(0 → 2\) names a node outside 0..1/);
    assert.throws(() => layer.forward(h, edges([[0, 1, 2]])), /messagePassing: edge 0 has type 2, outside 0..1/);
    assert.throws(() => layer.forward(h, { sources: Int32Array.from([0]), targets: Int32Array.from([]), types: Int32Array.from([0]) }), /1 sources, 0 targets and 1 types/);
  });

  it('has gradients that match central differences with respect to its weights and node rows', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 8 }), fc.integer(), (nodes, width, edgeTypes, edgeCount, seed) => {
      const rng = new Rng(seed);
      const layer = messagePassing({ inputSize: width, outputSize: rng.intBetween(1, 3), edgeTypes, activation: 'tanh', rng, dtype: 'float64' });
      layer.epsilon!.data[0] = rng.uniform(-0.5, 0.5);
      const h = parameter(randomTensor([nodes, width], rng));
      const list = Array.from({ length: edgeCount }, () => [rng.int(nodes), rng.int(nodes), rng.int(edgeTypes)] as [number, number, number]);
      assertParameterGradientsMatch(() => layer.forward(h, edges(list)), [...layer.parameters(), h]);
    }), { numRuns: 20, seed: 9 });
  });
});
