import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import * as t from '../../../src/learn/tensor/index.ts';
import type { Tensor } from '../../../src/learn/tensor/index.ts';
import { assertGradientsMatch, randomTensor } from '../../helpers/gradient-check.ts';

const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 });
/** A shape, and a second one that broadcasts against it (leading axes dropped, some set to 1). */
const broadcastPairArb = shapeArb.chain((shape) =>
  fc.tuple(fc.integer({ min: 0, max: shape.length - 1 }), fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }), fc.boolean())
    .map(([drop, ones, swap]) => {
      const other = shape.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d));
      return swap ? [other, shape] as const : [shape, other] as const;
    }));
const runs = { numRuns: 25, seed: 11 };

describe('gradients match central differences in float64', () => {
  const unaries: [string, (x: Tensor) => Tensor, number, number][] = [
    ['neg', t.neg, -2, 2], ['abs', t.abs, 0.1, 2], ['square', t.square, -2, 2], ['sqrt', t.sqrt, 0.2, 3],
    ['exp', t.exp, -2, 2], ['log', t.log, 0.2, 3], ['reciprocal', t.reciprocal, 0.5, 2], ['sin', t.sin, -2, 2],
    ['cos', t.cos, -2, 2], ['tanh', t.tanh, -2, 2], ['sigmoid', t.sigmoid, -3, 3], ['relu', t.relu, 0.1, 2],
    ['softplus', t.softplus, -3, 3], ['leakyRelu', (x) => t.leakyRelu(x, 0.1), 0.1, 2],
    ['clip', (x) => t.clip(x, -1, 1), -0.9, 0.9], ['pow', (x) => t.pow(x, 2.5), 0.2, 2],
  ];
  for (const [name, op, min, max] of unaries) {
    it(`of ${name}`, () => {
      fc.assert(fc.property(shapeArb, fc.integer(), (shape, seed) => {
        const rng = new Rng(seed);
        const sign = name === 'abs' || name === 'relu' || name === 'leakyRelu' ? (rng.chance(0.5) ? 1 : -1) : 1;
        assertGradientsMatch(([x]) => op(x!), [t.mul(randomTensor(shape, rng, min, max), sign)]);
      }), runs);
    });
  }

  const binaries: [string, (a: Tensor, b: Tensor) => Tensor][] = [['add', t.add], ['sub', t.sub], ['mul', t.mul], ['div', t.div], ['minimum', t.minimum], ['maximum', t.maximum]];
  for (const [name, op] of binaries) {
    it(`of ${name} with broadcasting`, () => {
      fc.assert(fc.property(broadcastPairArb, fc.integer(), ([sa, sb], seed) => {
        const rng = new Rng(seed);
        const b = name === 'div' ? t.add(randomTensor(sb, rng, 0.5, 2), 0) : randomTensor(sb, rng);
        assertGradientsMatch(([x, y]) => op(x!, y!), [randomTensor(sa, rng), b]);
      }), runs);
    });
  }

  it('of sum, mean and max over each axis and over everything', () => {
    fc.assert(fc.property(shapeArb, fc.integer(), fc.boolean(), (shape, seed, keepDims) => {
      const rng = new Rng(seed);
      const x = randomTensor(shape, rng);
      const axis = rng.int(shape.length);
      for (const reduce of [t.sum, t.mean, t.max]) {
        assertGradientsMatch(([v]) => reduce(v!, axis, { keepDims }), [x]);
        assertGradientsMatch(([v]) => reduce(v!), [x]);
      }
    }), runs);
  });

  it('of batched matmul with every transpose', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 }), fc.integer(), (m, k, n, batchKind, seed) => {
      const rng = new Rng(seed);
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const batchA = batchKind === 2 ? [] : [2];
          const batchB = batchKind === 1 ? [] : [2];
          const a = randomTensor([...batchA, ...(transposeA ? [k, m] : [m, k])], rng);
          const b = randomTensor([...batchB, ...(transposeB ? [n, k] : [k, n])], rng);
          assertGradientsMatch(([x, y]) => t.matmul(x!, y!, { transposeA, transposeB }), [a, b]);
        }
      }
    }), runs);
  });

  it('of the fused dense layer with every activation, with and without a bias', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 2 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer(), (batch, inputs, outputs, seed) => {
      const rng = new Rng(seed);
      const x = randomTensor([...batch, inputs], rng);
      const weight = randomTensor([inputs, outputs], rng);
      const bias = randomTensor([outputs], rng);
      // Pre-activations are continuous random values, so relu's kink at 0 is never within a step of one.
      for (const activation of t.ACTIVATION_NAMES) {
        assertGradientsMatch(([v, w, b]) => t.dense(v!, w!, b!, activation), [x, weight, bias]);
        assertGradientsMatch(([v, w]) => t.dense(v!, w!, null, activation), [x, weight]);
      }
    }), runs);
  });

  it('of ops given one tensor twice, where gradients are handed on or overwritten', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.integer(), (n, seed) => {
      const rng = new Rng(seed);
      const x = randomTensor([n, n], rng);
      const b = randomTensor([n], rng);
      assertGradientsMatch(([v]) => t.add(v!, v!), [x]);
      assertGradientsMatch(([s, v, w]) => t.scaledAdd(s!, v!, w!), [randomTensor([1], rng), x, randomTensor([n, n], rng)]);
      assertGradientsMatch(([s, v]) => t.scaledAdd(s!, v!, v!), [randomTensor([1], rng), x]);
      assertGradientsMatch(([v]) => t.mul(t.sub(v!, t.reshape(v!, [n, n])), t.reshape(t.add(t.reshape(v!, [-1]), 1), [n, n])), [x]);
      assertGradientsMatch(([v]) => t.matmul(v!, v!), [x]);
      assertGradientsMatch(([v, c]) => t.dense(v!, v!, c!, 'tanh'), [x, b]);
      assertGradientsMatch(([v]) => t.add(t.matmul(v!, v!, { transposeA: true }), t.reshape(v!, [n, n])), [x]);
    }), runs);
  });

  it('of reshape, transpose, concat and slice', () => {
    fc.assert(fc.property(shapeArb, fc.integer(), (shape, seed) => {
      const rng = new Rng(seed);
      const x = randomTensor(shape, rng);
      assertGradientsMatch(([v]) => t.reshape(v!, [-1]), [x]);
      const axes = shape.map((_, i) => i).reverse();
      assertGradientsMatch(([v]) => t.transpose(v!, axes), [x]);
      const axis = rng.int(shape.length);
      const other = randomTensor(shape.map((d, i) => (i === axis ? d + 1 : d)), rng);
      assertGradientsMatch(([p, q]) => t.concat([p!, q!], axis), [x, other]);
      const begin = shape.map((d) => rng.int(d));
      const size = shape.map((d, i) => rng.intBetween(0, d - begin[i]!));
      assertGradientsMatch(([v]) => t.slice(v!, begin, size), [x]);
    }), runs);
  });

  it('of gather and segment sum, mean and max', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer(), (rows, width, segments, seed) => {
      const rng = new Rng(seed);
      const x = randomTensor([rows, width], rng);
      const indices = Int32Array.from({ length: rng.intBetween(1, 8) }, () => rng.int(rows));
      const ids = Int32Array.from({ length: rows }, () => rng.int(segments));
      assertGradientsMatch(([v]) => t.gather(v!, indices), [x]);
      assertGradientsMatch(([v]) => t.segmentSum(v!, ids, segments), [x]);
      assertGradientsMatch(([v]) => t.segmentMean(v!, ids, segments), [x]);
      assertGradientsMatch(([v]) => t.segmentMax(v!, ids, segments), [x]);
      const targets = Int32Array.from(indices, () => rng.int(segments));
      assertGradientsMatch(([v]) => t.gatherSegmentSum(v!, indices, targets, segments), [x]);
    }), runs);
  });

  it('of softmax, log-softmax, the cross-entropies and layer norm', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (rows, width, seed) => {
      const rng = new Rng(seed);
      const x = randomTensor([rows, width], rng);
      assertGradientsMatch(([v]) => t.softmax(v!), [x]);
      assertGradientsMatch(([v]) => t.logSoftmax(v!), [x]);
      const labels = Int32Array.from({ length: rows }, () => rng.int(width));
      assertGradientsMatch(([v]) => t.crossEntropy(v!, labels), [x]);
      const targets = randomTensor([rows, width], rng, 0, 1);
      const weights = randomTensor([rows, width], rng, 0.1, 1);
      assertGradientsMatch(([v]) => t.binaryCrossEntropyWithLogits(v!, targets, weights), [x]);
      const gamma = randomTensor([width], rng);
      const beta = randomTensor([width], rng);
      if (width > 1) assertGradientsMatch(([v, g, b]) => t.layerNorm(v!, g!, b!), [x, gamma, beta], { tolerance: 1e-4 });
    }), runs);
  });

  it('of the squashed Gaussian sample and its log-density (reparameterised)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (rows, width, seed) => {
      const rng = new Rng(seed);
      const noise = randomTensor([rows, width], rng, -1, 1);
      const mean = randomTensor([rows, width], rng, -1, 1);
      const logStd = randomTensor([rows, width], rng, -1, 0.5);
      assertGradientsMatch(([m, s]) => t.squashedGaussian(m!, s!, rng, noise).action, [mean, logStd]);
      assertGradientsMatch(([m, s]) => t.squashedGaussian(m!, s!, rng, noise).logProb, [mean, logStd]);
    }), runs);
  });
});
