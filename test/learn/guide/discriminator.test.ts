import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { pairDiscriminator } from '../../../src/learn/guide/discriminator.ts';
import { batchGraphs } from '../../../src/learn/guide/encoded-graph.ts';
import { encoderFromRecipe } from '../../../src/learn/guide/encodings.ts';
import { OnlineDiscriminator } from '../../../src/learn/guide/online-discriminator.ts';
import { noGrad } from '../../../src/learn/tensor/index.ts';
import { graphSpace, isConst, type Graph } from '../../../src/spaces/graph/index.ts';

const space = graphSpace({ inputs: 2, ops: ['add', 'sub', 'mul', 'pdiv', 'sin', 'exp'], maxVertices: 16 });
const encoder = encoderFromRecipe(space, { kind: 'graph' });

/** A toy fitness with a structural answer: more 'mul' vertices and fewer constants is better (smaller loss). */
const toyLoss = (g: Graph) => g.vertices.filter((v) => isConst(v)).length - 2 * g.vertices.filter((v) => !isConst(v) && v.op === 'mul').length;

describe('the pair discriminator', () => {
  it('is antisymmetric by construction: the logit of (B, A) is minus that of (A, B), for any weights', () => {
    fc.assert(fc.property(fc.integer(), fc.integer(), (weights, programs) => {
      const model = pairDiscriminator({ inputSize: encoder.width, edgeTypes: encoder.edgeTypes, width: 16, layers: 2, heads: 2, rng: new Rng(weights) });
      const rng = new Rng(programs);
      const graphs = Array.from({ length: 5 }, () => encoder.encode(space.random(rng)));
      const a = Int32Array.from([0, 1, 2, 3, 4, 0]), b = Int32Array.from([1, 2, 3, 4, 0, 0]);
      const same = (p: number) => p === 5 || graphs[a[p]!]!.features.join() === graphs[b[p]!]!.features.join();
      const [ab, ba] = noGrad(() => {
        const e = model.embed(batchGraphs(graphs, encoder.width));
        return [model.pairLogits(e, a, b), model.pairLogits(e, b, a)];
      });
      for (let p = 0; p < a.length; p++) assert.ok(ab!.data[p]! + ba!.data[p]! === 0 && (same(p) || ab!.data[p] !== 0), `pair ${p}: ${ab!.data[p]} and ${ba!.data[p]}`);
      assert.equal(ab!.data[5], 0, 'a program against itself scores an even chance');
    }), { numRuns: 20 });
  });

  it('scores a program alike whatever else is in its batch (graphs never mix)', () => {
    const model = pairDiscriminator({ inputSize: encoder.width, edgeTypes: encoder.edgeTypes, width: 16, layers: 2, heads: 2, rng: new Rng(1) });
    const rng = new Rng(2);
    const [x, y, z] = [0, 1, 2].map(() => encoder.encode(space.random(rng))) as [ReturnType<typeof encoder.encode>, ReturnType<typeof encoder.encode>, ReturnType<typeof encoder.encode>];
    const alone = noGrad(() => model.embed(batchGraphs([x], encoder.width)));
    const mixed = noGrad(() => model.embed(batchGraphs([y, x, z], encoder.width)));
    for (let i = 0; i < 16; i++) assert.ok(Math.abs(alone.data[i]! - mixed.data[16 + i]!) < 1e-5);
  });

  it('learns a toy pair task online: held-out pair accuracy above 0.9 after 150 steps', (t) => {
    const rng = new Rng(15);
    const online = new OnlineDiscriminator(encoder, { seed: 3, width: 32, layers: 3, heads: 4, batchGraphs: 24, learningRate: 3e-3 });
    const add = (n: number) => {
      for (let i = 0; i < n; i++) {
        const g = space.random(rng);
        online.add(g, toyLoss(g), space.toJSON(g));
      }
    };
    add(600);
    const before = online.heldOutAccuracy(200)!;
    online.train(150);
    add(200);
    const after = online.heldOutAccuracy(200)!;
    t.diagnostic(`held-out pair accuracy ${before.accuracy.toFixed(3)} untrained, ${after.accuracy.toFixed(3)} after 150 steps (${after.pairs} pairs)`);
    assert.ok(after.pairs > 1000);
    assert.ok(after.accuracy > 0.9, `held-out accuracy ${after.accuracy}`);
    assert.ok(after.accuracy > before.accuracy + 0.1);
  });

  it('saves and restores its weights, buffer and random state: the same answers and the same training afterwards', () => {
    const rng = new Rng(4);
    const make = () => new OnlineDiscriminator(encoder, { seed: 9, width: 16, layers: 2, heads: 2, batchGraphs: 8 });
    const first = make();
    for (let i = 0; i < 40; i++) {
      const g = space.random(rng);
      first.add(g, i % 3 === 0 ? Infinity : toyLoss(g), space.toJSON(g));
    }
    first.train(3);
    const saved = JSON.parse(JSON.stringify(first.save()));
    const second = make();
    second.restore(saved, (json) => space.fromJSON(json));
    const parent = space.random(rng);
    const children = [space.mutate(parent, rng), space.mutate(parent, rng)];
    assert.deepEqual(second.probabilities(parent, children), first.probabilities(parent, children));
    assert.equal(second.train(2), first.train(2));
    assert.deepEqual(second.probabilities(parent, children), first.probabilities(parent, children));
    assert.equal(second.size, 40);
  });

  it('refuses a snapshot of another architecture before writing anything', () => {
    const small = new OnlineDiscriminator(encoder, { width: 8, layers: 1, heads: 0 });
    const other = new OnlineDiscriminator(encoder, { width: 16, layers: 1, heads: 0 });
    assert.throws(() => other.restore(small.save(), (json) => space.fromJSON(json)), /do not fit this module|has shape/);
  });
});
