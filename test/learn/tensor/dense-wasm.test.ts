import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { dense } from '../../../src/learn/tensor/index.ts';
import { assertFloat32MatchesFloat64 } from '../../helpers/float32-agreement.ts';
import { randomTensor } from '../../helpers/gradient-check.ts';

describe('dense in WebAssembly (float32, identity or relu, outputs a multiple of 4)', () => {
  it('gives the values and gradients of the JavaScript layer, with and without a bias', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10 }),
      fc.constantFrom('identity' as const, 'relu' as const), fc.boolean(), fc.integer(),
      (rows, inputs, quads, activation, withBias, seed) => {
        const rng = new Rng(seed);
        const outputs = 4 * quads;
        const operands = [randomTensor([rows, inputs], rng), randomTensor([inputs, outputs], rng), randomTensor([outputs], rng)];
        assertFloat32MatchesFloat64(([x, w, b]) => dense(x!, w!, withBias ? b! : null, activation), operands, 1e-5 * Math.max(8, inputs, rows));
      },
    ), { numRuns: 60 });
  });

  it('adds into gradients already started when x and the layer are reused', () => {
    const rng = new Rng(4);
    const operands = [randomTensor([30, 12], rng), randomTensor([12, 12], rng), randomTensor([12], rng)];
    assertFloat32MatchesFloat64(([x, w, b]) => dense(dense(x!, w!, b!, 'relu'), w!, b!, 'identity'), operands, 1e-4);
  });
});
