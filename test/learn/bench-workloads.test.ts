import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareDiscriminator, type MaxPool } from '../../bench/nn/own-discriminator.ts';
import { prepareOwn } from '../../bench/nn/own.ts';
import { buildWorkloads, type DiscriminatorWorkload } from '../../bench/nn/workloads.ts';
import { add, gather, mul, noGrad, segmentMax, segmentSum, stopGradient, sub, tensor } from '../../src/learn/tensor/index.ts';

/*
 * The engine runs bench/nn.ts's workloads as tfjs does: from the same initial values (seed 1)
 * the first step's outputs agree with those of @tensorflow/tfjs 4.22 (cpu backend, in the
 * comments the wasm backend's where it differs) to float32 rounding. One difference is a
 * convention: at a tie for a graph's maximum, the engine's segmentMax sends the gradient to
 * the first maximal node (as PyTorch's max over an axis does), tfjs's max to every tied node;
 * the batch holds 17 ties among its 8192 maxima (nodes with equal rows), so the discriminator's
 * squared gradient norm is 1.99723 here and 2.00306 there, and agrees once the rule is tfjs's.
 */

const TFJS_FIRST_STEP: Record<string, readonly number[]> = {
  'discriminator': [0.626862168, 2.00305939], // wasm: 2.00304413
  'sac-64': [106.975754, 0.273253053, 0],
  'sac-256': [84.7231903, -0.236005917, 0], // wasm: −0.236005872
  'mnist': [2.51591086], // wasm: 2.51591039
  'policy': [-0.380781114],
};

function firstStep(run: (out: Float64Array) => void, outputs: number): number[] {
  const out = new Float64Array(outputs);
  run(out);
  return Array.from(out);
}

function assertClose(actual: readonly number[], expected: readonly number[], what: string): void {
  actual.forEach((a, i) => {
    const e = expected[i]!;
    assert.ok(Math.abs(a - e) <= 2e-6 * Math.max(1, Math.abs(e)), `${what} output ${i}: ${a}, tfjs ${e}`);
  });
}

/** Max pooling whose gradient reaches every node tied for its graph's maximum, as tfjs's. */
const tiedMaxPool: MaxPool = (h, graphOf, graphs) => {
  const top = noGrad(() => segmentMax(h, graphOf, graphs));
  const spread = noGrad(() => gather(top, graphOf));
  const tied = tensor(Float32Array.from(h.data, (v, i) => (v === spread.data[i] ? 1 : 0)), h.shape);
  // The value is the maximum; the gradient flows through h − stop(h), which is zero.
  return add(top, segmentSum(mul(sub(h, stopGradient(h)), tied), graphOf, graphs));
};

describe('the engine on bench/nn.ts\'s workloads', () => {
  for (const w of buildWorkloads(1, [])) {
    it(`reproduces tfjs's first-step outputs of ${w.id} (${w.outputs.join(', ')})`, () => {
      const expected = TFJS_FIRST_STEP[w.id]!;
      const actual = firstStep((out) => prepareOwn(w).step(out), w.outputs.length);
      if (w.kind === 'discriminator') {
        assertClose(actual.slice(0, 1), expected, w.id);
        assert.ok(Math.abs(actual[1]! - 1.9972277) < 1e-5, `gradNormSquared ${actual[1]} with the first-of-a-tie rule`);
      } else {
        assertClose(actual, expected, w.id);
      }
    });
  }

  it('matches tfjs\'s discriminator gradient norm when ties share the max pooling gradient as in tfjs', () => {
    const w = buildWorkloads(1, ['discriminator'])[0] as DiscriminatorWorkload;
    assertClose(firstStep((out) => prepareDiscriminator(w, tiedMaxPool).step(out), 2), TFJS_FIRST_STEP.discriminator!, 'discriminator (tfjs tie rule)');
  });

  it('trains: a second step of every training workload lowers its loss', () => {
    for (const w of buildWorkloads(1, ['mnist', 'sac-64'])) {
      const step = prepareOwn(w);
      const [first] = firstStep((out) => step.step(out), w.outputs.length);
      const [second] = firstStep((out) => step.step(out), w.outputs.length);
      assert.ok(second! < first!, `${w.id}: ${first} then ${second}`);
    }
  });
});
