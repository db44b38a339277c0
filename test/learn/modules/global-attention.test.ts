import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { globalAttention } from '../../../src/learn/modules/index.ts';
import { gather, noGrad, parameter, tensor, type Tensor } from '../../../src/learn/tensor/index.ts';
import { assertParameterGradientsMatch, randomTensor } from '../../helpers/gradient-check.ts';

/** A batch: node rows, each node's graph (graphs interleaved, sizes unequal), the graph count. */
const batchArb = fc.record({
  graphOf: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 8 }),
  heads: fc.constantFrom(1, 2),
  seed: fc.integer(),
});

const rowsOf = (x: Tensor, nodes: readonly number[]): number[] => nodes.flatMap((n) => x.toArray().slice(n * x.shape[1]!, (n + 1) * x.shape[1]!));

describe('globalAttention', () => {
  it('never mixes graphs: changing one graph\'s nodes leaves the others\' outputs exactly as they were', () => {
    fc.assert(fc.property(batchArb, ({ graphOf, heads, seed }) => {
      const rng = new Rng(seed);
      const layer = globalAttention({ size: 4, heads, rng, dtype: 'float64' });
      const ids = Int32Array.from(graphOf);
      const h = randomTensor([ids.length, 4], rng);
      const changed = tensor(h.data.map((v, i) => (ids[Math.floor(i / 4)] === 0 ? v + rng.uniform(-1, 1) : v)), h.shape, 'float64');
      const [before, after] = [h, changed].map((x) => noGrad(() => layer.forward(x, ids, 3)));
      const others = graphOf.flatMap((g, n) => (g === 0 ? [] : [n]));
      assert.deepEqual(rowsOf(after!, others), rowsOf(before!, others));
    }), { numRuns: 30, seed: 12 });
  });

  it('gives each graph of a padded batch what it gives that graph alone', () => {
    fc.assert(fc.property(batchArb, ({ graphOf, heads, seed }) => {
      const rng = new Rng(seed);
      const layer = globalAttention({ size: 4, heads, rng, dtype: 'float64' });
      const h = randomTensor([graphOf.length, 4], rng);
      const batched = noGrad(() => layer.forward(h, Int32Array.from(graphOf), 3));
      for (let g = 0; g < 3; g++) {
        const nodes = graphOf.flatMap((id, n) => (id === g ? [n] : []));
        if (nodes.length === 0) continue;
        const alone = noGrad(() => layer.forward(gather(h, Int32Array.from(nodes)), new Int32Array(nodes.length), 1)).toArray();
        rowsOf(batched, nodes).forEach((v, i) => assert.ok(Math.abs(v - alone[i]!) < 1e-12, `graph ${g}: ${v} vs ${alone[i]}`));
      }
    }), { numRuns: 30, seed: 13 });
  });

  it('lets nodes of the same graph see each other', () => {
    const layer = globalAttention({ size: 4, rng: new Rng(3) });
    const h = tensor([1, 0, 0, 0, 0, 1, 0, 0], [2, 4]);
    const moved = tensor([1, 0, 0, 0, 0, 0, 1, 0], [2, 4]);
    const ids = Int32Array.from([0, 0]);
    assert.notDeepEqual(rowsOf(layer.forward(moved, ids, 1), [0]), rowsOf(layer.forward(h, ids, 1), [0]));
  });

  it('rejects node rows of the wrong width and graph ids out of range', () => {
    const layer = globalAttention({ size: 4, rng: new Rng(1) });
    assert.throws(() => layer.forward(tensor([1, 2], [1, 2]), Int32Array.from([0]), 1), /globalAttention: h must be \[nodes, 4\], got \[1, 2\]/);
    assert.throws(() => layer.forward(tensor([1, 2, 3, 4], [1, 4]), Int32Array.from([1]), 1), /globalAttention: node 0 is in graph 1, outside 0..0/);
  });

  it('has gradients that match central differences with respect to its weights and node rows', () => {
    fc.assert(fc.property(batchArb, ({ graphOf, heads, seed }) => {
      const rng = new Rng(seed);
      const layer = globalAttention({ size: 4, heads, rng, dtype: 'float64' });
      for (const p of [layer.inProjection.bias!, layer.outProjection.bias!, layer.norm.gamma, layer.norm.beta]) p.data.set(randomTensor(p.shape, rng, -1, 1).data);
      const h = parameter(randomTensor([graphOf.length, 4], rng));
      assertParameterGradientsMatch(() => layer.forward(h, Int32Array.from(graphOf), 3), [...layer.parameters(), h], { tolerance: 1e-4 });
    }), { numRuns: 10, seed: 14 });
  });
});
