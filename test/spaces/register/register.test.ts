import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { spaces } from '../../../src/core/registries.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { Json, Space } from '../../../src/core/types.ts';
import type { RegisterProgram } from '../../../src/spaces/register/index.ts';
import { EXAMPLE_REGISTER_SPACE_CONFIG, registerSpaceConfig } from '../../../src/spaces/register/register.ts';
import { DEMO_PRESET } from '../../../src/tasks/automl-zero/index.ts';

/** A chain of random programs and mutations, as JSON, from a seed. */
function chain(space: Space<unknown>, seed: number): Json[] {
  const rng = new Rng(seed);
  let g = space.random(rng);
  const out = [space.toJSON(g)];
  for (let i = 0; i < 50; i++) out.push(space.toJSON((g = space.mutate(g, rng))));
  return out;
}

describe("the 'register' space recipe", () => {
  it('rebuilds a space from its stored config that makes the same programs for the same seed', () => {
    const options = {
      ...DEMO_PRESET.space,
      memory: DEMO_PRESET.memory,
      mutations: ['alter-param', 'insert', 'remove', 'trade'] as const,
      mutateProbability: 0.7,
      initial: 'no-op' as const,
      firstWritable: { scalar: 2, vector: 1, matrix: 0 },
      components: { ...DEMO_PRESET.space.components, learn: { ...DEMO_PRESET.space.components['learn']!, minSize: 4, maxSize: 12 } },
    };
    const config = JSON.parse(JSON.stringify(registerSpaceConfig(options))) as Json;
    const rebuilt = spaces.get('register')(config) as Space<RegisterProgram> & { rules: { mutateProbability: number } };
    assert.equal(rebuilt.rules.mutateProbability, 0.7);
    const again = spaces.get('register')(config);
    assert.deepEqual(chain(again, 9), chain(rebuilt as Space<unknown>, 9));
    for (const program of chain(rebuilt as Space<unknown>, 3)) assert.deepEqual(rebuilt.toJSON(rebuilt.fromJSON(program)), program);
  });

  it('builds from its example config', () => {
    const space = spaces.get('register')(EXAMPLE_REGISTER_SPACE_CONFIG);
    assert.equal(chain(space, 1).length, 51);
  });

  it('rejects a bad config with a UsageError naming the key', () => {
    const example = EXAMPLE_REGISTER_SPACE_CONFIG as { [key: string]: Json };
    const rejects = (config: Json, pattern: RegExp) => assert.throws(() => spaces.get('register')(config), (e: Error) => e instanceof UsageError && pattern.test(e.message));
    rejects([], /register space config must be an object/);
    rejects({ ...example, popSize: 3 }, /unknown key 'popSize'/);
    rejects({ ...example, memory: 4 }, /memory must be an object/);
    rejects({ ...example, components: null }, /components must be an object/);
    rejects({ ...example, mutations: 'insert' }, /mutations must be an array/);
    rejects({ ...example, mutations: ['grow'] }, /unknown mutation 'grow'/);
    rejects({ ...example, mutateProbability: 2 }, /mutateProbability must be in \[0, 1\]/);
    rejects({ ...example, firstWritable: { scalar: 'one', vector: 1, matrix: 0 } }, /firstWritable.scalar must be a whole number/);
    rejects({ ...example, memory: { scalars: 4, vectors: 3, matrices: 1 } }, /features must be a whole number/);
  });
});
