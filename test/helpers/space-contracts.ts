import assert from 'node:assert/strict';
import type { Space } from '../../src/core/types.ts';
import { Rng } from '../../src/core/rng.ts';

/*
 * Contracts every Space must keep, for any space's tests to call. Each takes the space and a
 * seed, and fails with an assertion naming the step at fault.
 */

/** What a mutation chain saw, so a test can also check it explored. */
export interface ChainReport {
  readonly steps: number;
  readonly distinctKeys: number;
}

/**
 * Runs `chains` mutation chains of `steps` steps from random genotypes and checks that every
 * genotype passes `validate` (which throws when invalid), that `mutate` never changes its
 * argument, and that keys and JSON are computable throughout.
 */
export function assertMutationStaysValid<G>(
  space: Space<G>,
  validate: (g: G) => void,
  options: { readonly steps?: number; readonly chains?: number; readonly seed?: number } = {},
): ChainReport {
  const { steps = 1000, chains = 1, seed = 1 } = options;
  const rng = new Rng(seed);
  const keys = new Set<string>();
  for (let chain = 0; chain < chains; chain++) {
    let g = space.random(rng);
    validate(g);
    for (let step = 0; step < steps; step++) {
      const before = JSON.stringify(space.toJSON(g));
      const child = space.mutate(g, rng);
      assert.equal(JSON.stringify(space.toJSON(g)), before, `chain ${chain} step ${step}: mutate changed its argument`);
      try {
        validate(child);
      } catch (error) {
        assert.fail(`chain ${chain} step ${step}: mutating ${before} gave an invalid genotype ${JSON.stringify(space.toJSON(child))}: ${String(error)}`);
      }
      keys.add(space.key(child));
      g = child;
    }
  }
  return { steps: steps * chains, distinctKeys: keys.size };
}

/**
 * Checks that genotypes (random, then mutated) survive toJSON → JSON text → fromJSON with the
 * same JSON and the same key.
 */
export function assertJsonRoundTrip<G>(space: Space<G>, options: { readonly samples?: number; readonly seed?: number } = {}): void {
  const { samples = 200, seed = 2 } = options;
  const rng = new Rng(seed);
  let g = space.random(rng);
  for (let i = 0; i < samples; i++) {
    g = i % 10 === 0 ? space.random(rng) : space.mutate(g, rng);
    const json = JSON.parse(JSON.stringify(space.toJSON(g))) as unknown;
    const back = space.fromJSON(json);
    assert.deepEqual(space.toJSON(back), json, `sample ${i}: JSON changed in a round trip`);
    assert.equal(space.key(back), space.key(g), `sample ${i}: key changed in a round trip`);
  }
}

/** Checks that the same seed gives the same random genotypes and mutation chains. */
export function assertSameSeedSameGenotypes<G>(space: Space<G>, options: { readonly steps?: number; readonly seed?: number } = {}): void {
  const { steps = 200, seed = 3 } = options;
  const run = () => {
    const rng = new Rng(seed);
    const seen: string[] = [];
    let g = space.random(rng);
    for (let i = 0; i < steps; i++) {
      seen.push(JSON.stringify(space.toJSON(g)));
      g = space.mutate(g, rng);
    }
    return seen;
  };
  assert.deepEqual(run(), run());
}
