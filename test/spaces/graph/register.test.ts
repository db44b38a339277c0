import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { spaces } from '../../../src/core/registries.ts';
import type { Json } from '../../../src/core/types.ts';
import type { OpSpec } from '../../../src/spaces/graph/index.ts';
import { graphOps, graphSpaceFromConfig, type GraphSpaceConfig } from '../../../src/spaces/graph/register.ts';
import { graphSpace, type GraphSpaceOptions } from '../../../src/spaces/graph/space.ts';
import { spaceTrace } from '../../registries/fixtures/recipe-traces.ts';
import { typedOps } from './fixtures.ts';

const trace = (space: Parameters<typeof spaceTrace>[0]) => spaceTrace(space, 7, 60);
const fromConfig = (config: GraphSpaceConfig) => graphSpaceFromConfig(JSON.parse(JSON.stringify(config)) as Json);

// The typed ops of the fixtures, registered by name so a config can use them.
for (const op of typedOps) if (typeof op !== 'string' && !graphOps.has(op.name)) graphOps.register(op.name, op);
const customOps = typedOps.filter((op): op is OpSpec => typeof op !== 'string');

const FULL: GraphSpaceConfig = {
  inputs: 3,
  ops: ['add', 'mul', 'sin', 'gt', 'not', 'and', 'select'],
  outputs: 2,
  inputTypes: ['real', 'real', 'bool'],
  outputTypes: ['real', 'bool'],
  maxVertices: 12,
  constants: { init: { normal: { mean: 1, sd: 0.5 } }, logSigma: 0.2, signFlip: 0.3 },
  initialVertices: [2, 5],
  mutationWeights: { insert: 2, switchOutput: 0 },
  names: ['a', 'b', 'flag'],
};

describe('graph space recipe', () => {
  it('builds the space the same options build directly, for every option', () => {
    const direct: GraphSpaceOptions = {
      inputs: 3,
      ops: ['add', 'mul', 'sin', ...customOps],
      outputs: 2,
      inputTypes: ['real', 'real', 'bool'],
      outputTypes: ['real', 'bool'],
      maxVertices: 12,
      constants: { init: (rng) => 1 + 0.5 * rng.normal(), logSigma: 0.2, signFlip: 0.3 },
      initialVertices: [2, 5],
      mutationWeights: { insert: 2, switchOutput: 0 },
    };
    assert.deepEqual(trace(fromConfig(FULL)), trace(graphSpace(direct)));
    assert.equal(spaces.get('graph'), graphSpaceFromConfig);
  });

  it('reads every key: changing any one changes the programs', () => {
    const base: GraphSpaceConfig = { inputs: 2, ops: ['add', 'mul', 'sin'] };
    const baseline = JSON.stringify(trace(fromConfig(base)));
    const variants: GraphSpaceConfig[] = [
      { ...base, inputs: 3 },
      { ...base, ops: ['add', 'mul', 'cos'] },
      { ...base, outputs: 2 },
      { ...base, ops: ['add', 'mul', 'sin', 'gt', 'select'], inputTypes: ['real', 'bool'] },
      { ...base, ops: ['add', 'mul', 'sin', 'gt'], outputTypes: ['bool'] },
      { ...base, maxVertices: 3 },
      { ...base, constants: false },
      { ...base, constants: { init: { uniform: { min: 5, max: 6 } } } },
      { ...base, constants: { init: { normal: { sd: 3 } } } },
      { ...base, constants: { logSigma: 2 } },
      { ...base, constants: { signFlip: 1 } },
      { ...base, initialVertices: [4, 4] },
      { ...base, mutationWeights: { changeOp: 20 } },
    ];
    for (const variant of variants) assert.notEqual(JSON.stringify(trace(fromConfig(variant))), baseline, `no effect: ${JSON.stringify(variant)}`);
  });

  it('draws default constants exactly as graphSpace does when the config spells out N(0, 1)', () => {
    const base = { inputs: 1, ops: ['add', 'mul'] };
    assert.deepEqual(trace(fromConfig({ ...base, constants: { init: { normal: { mean: 0, sd: 1 } } } })), trace(graphSpace(base)));
  });

  it('reports an unknown key or a bad value in one message naming the key', () => {
    const message = (config: unknown) => {
      try {
        graphSpaceFromConfig(config as Json);
      } catch (error) {
        assert.ok(error instanceof UsageError, String(error));
        return error.message;
      }
      return 'no error';
    };
    assert.match(message({ inputs: 1, ops: ['add'], maxVertice: 3 }), /unknown key 'maxVertice'; known: inputs, ops, /);
    assert.match(message({ inputs: 1, ops: ['add'], constants: { init: { normal: {} }, sigma: 1 } }), /unknown key 'constants.sigma'/);
    assert.match(message({ inputs: 1, ops: ['add'], constants: { init: { normal: { mean: 1 }, uniform: { min: 0, max: 1 } } } }), /constants.init must be/);
    assert.match(message({ inputs: 1, ops: ['add'], constants: { init: { normal: { sd: 0 } } } }), /constants.init.normal.sd must be above 0/);
    assert.match(message({ inputs: 1, ops: ['add'], constants: { init: { uniform: { min: 1, max: 1 } } } }), /constants.init.uniform needs min < max/);
    assert.match(message({ inputs: 1, ops: ['add'], constants: { init: { uniform: { min: 'a', max: 1 } } } }), /constants.init.uniform.min must be a finite number/);
    assert.match(message({ inputs: 1, ops: [{ name: 'add' }] }), /ops must be an array of strings/);
    assert.match(message({ inputs: 1, ops: ['add', 'nope'] }), /unknown op 'nope'/);
    assert.match(message({ inputs: 1, ops: ['add'], mutationWeights: { grow: 1 } }), /unknown mutation 'grow'/);
    assert.match(message({ inputs: 1, ops: ['add'], mutationWeights: [1] }), /mutationWeights must be a JSON object/);
    assert.match(message({ inputs: 2, ops: ['add'], names: ['x'] }), /names must name each of the 2 inputs/);
    assert.match(message({ inputs: '2', ops: ['add'] }), /inputs must be a whole number/);
    assert.match(message({ inputs: 1, ops: ['add'], initialVertices: [3, 1] }), /initialVertices must be/);
    assert.match(message({ inputs: 1, ops: ['add'], constants: { logSigma: -1 } }), /constants.logSigma must be/);
    assert.match(message([1]), /config must be a JSON object/);
  });
});
