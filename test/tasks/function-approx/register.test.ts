import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { algorithms, spaces, tasks } from '../../../src/core/registries.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { Algorithm, Json, Space, Trial } from '../../../src/core/types.ts';
import { threadExecutor } from '../../../src/executors/index.ts';
import type { Graph } from '../../../src/spaces/graph/graph.ts';
import { BUILT_IN_TASKS_URL } from '../../../src/tasks/built-in.ts';
import '../../../src/tasks/function-approx/register.ts';
import { approxSetup } from '../../../src/tasks/function-approx/setup.ts';
import { searchApproximations } from '../../../src/tasks/function-approx/search.ts';
import type { FunctionApproxTask } from '../../../src/tasks/function-approx/task.ts';
import { builtInTarget } from '../../../src/tasks/function-approx/targets.ts';
import { assertJsonRoundTrip, assertMutationStaysValid } from '../../helpers/space-contracts.ts';

const exp2 = builtInTarget('exp2');
const small = { target: exp2, maxOps: 6, trainPoints: 32, validationPoints: 129, populationSize: 8 } as const;
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UsageError && pattern.test(e.message);

describe('function-approx recipes', () => {
  const setup = approxSetup({ ...small, mode: 'float32', sqrt: true });

  it('rebuilds the task from its config with the same grids, ops and scores', () => {
    const recipe = setup.recipes.task!;
    const rebuilt = tasks.get(recipe.id)(JSON.parse(JSON.stringify(recipe.config)) as Json) as FunctionApproxTask;
    assert.deepEqual(rebuilt.config, recipe.config);
    assert.deepEqual(rebuilt.validation, setup.task.validation);
    assert.deepEqual(rebuilt.train, setup.task.train);
    const program = setup.baselines.find((b) => b.ops === 4)!.program;
    assert.deepEqual(rebuilt.evaluate(program, { trialId: 0, seed: 9 }), setup.task.evaluate(program, { trialId: 0, seed: 9 }));
    assert.deepEqual(recipe.config, { target: 'exp2', interval: [0, 1], mode: 'float32', ops: ['add', 'sub', 'mul', 'div', 'fma', 'sqrt'], trainPoints: 32, validationPoints: 129 });
    const example = tasks.get('function-approx')(tasks.example('function-approx')!) as FunctionApproxTask;
    assert.equal(example.validation.points.length, 33);
  });

  it('refuses a bad task config with a UsageError naming the key', () => {
    const build = (config: Json) => () => tasks.get('function-approx')(config);
    assert.throws(build({ target: 'exp2', ops: ['add'], validationPoint: 9 }), usage(/function-approx: unknown config key 'validationPoint'; known: target, interval/));
    assert.throws(build({ target: 'sin', ops: ['add'] }), usage(/unknown target 'sin'/));
    assert.throws(build({ target: 'exp2', ops: ['add'], mode: 'float16' }), usage(/function-approx: mode must be one of real, float32/));
    assert.throws(build({ target: 'exp2', ops: [] }), usage(/function-approx: ops must be a non-empty array/));
    assert.throws(build({ target: 'exp2', ops: ['add'], interval: [1, 0] }), usage(/function-approx: interval must be two finite numbers/));
    assert.throws(build({ target: 'exp2', ops: ['add'], trainPoints: 1.5 }), usage(/function-approx: trainPoints must be a whole number >= 2/));
    assert.throws(build([1]), usage(/function-approx: config must be a JSON object/));
  });

  it('rebuilds the space from its config: shape keys, valid mutations, JSON that round-trips', () => {
    const space = spaces.get(setup.recipes.space.id)(setup.recipes.space.config) as Space<Graph>;
    assertMutationStaysValid(space, (g) => space.fromJSON(space.toJSON(g)), { steps: 300 });
    assertJsonRoundTrip(space, { samples: 100 });
    const g = setup.baselines.find((b) => b.ops === 4)!.program;
    const moved = { ...g, vertices: g.vertices.map((v) => ('const' in v ? { const: v.const * 1.5 } : v)) };
    assert.equal(space.key(moved), space.key(g), 'programs differing only in constants share a key');
    assert.throws(() => spaces.get('function-approx-graph')({ ops: ['add'], maxVertex: 3 }), usage(/function-approx-graph: unknown config key 'maxVertex'/));
    assert.throws(() => spaces.get('function-approx-graph')({ ops: ['add'], maxVertices: 0 }), usage(/maxVertices must be a whole number >= 1/));
  });

  it('lamarckian hands the fitted constants to the algorithm it wraps, and its snapshot on', () => {
    const seen: Trial<Graph>[] = [];
    const given: Json[] = [];
    const recorder: Algorithm<Graph> = { propose: () => setup.baselines[0]!.program, feedback: (t) => void seen.push(t), snapshot: () => ({ seen: seen.length }) };
    if (!algorithms.has('test-recorder')) algorithms.register('test-recorder', (_, config) => (given.push(config), recorder) as Algorithm<unknown>);
    const space = spaces.get('function-approx-graph')(setup.recipes.space.config);
    const wrapped = algorithms.get('lamarckian')(space, { algorithm: { id: 'test-recorder', config: { a: 1 } }, snapshot: { seen: 3 } }) as Algorithm<Graph>;
    assert.deepEqual(given, [{ a: 1, snapshot: { seen: 3 } }]);
    const program = wrapped.propose(new Rng(1));
    const count = program.vertices.filter((v) => 'const' in v).length;
    const constants = Array.from({ length: count }, (_, i) => i + 0.25);
    const trial: Trial<Graph> = { id: 0, genotype: program, key: '', hash: undefined, status: 'done', values: [1, 2], loss: [1, 2], error: undefined, cached: false, finishedMs: 0, info: { constants } };
    wrapped.feedback(trial);
    wrapped.feedback({ ...trial, id: 1, info: undefined });
    assert.deepEqual(seen[0]!.genotype.vertices.filter((v) => 'const' in v).map((v) => (v as { const: number }).const), constants);
    assert.equal(seen[1]!.genotype, program, 'a trial without fitted constants passes unchanged');
    assert.deepEqual(wrapped.snapshot(), { seen: 2 });
    assert.throws(() => algorithms.get('lamarckian')(space, { algorithm: 'nsga2' }), usage(/lamarckian: algorithm must be the recipe of the algorithm to wrap/));
    assert.throws(() => algorithms.get('lamarckian')(space, { algorithm: { id: 'nsga2', config: null }, inner: 1 }), usage(/lamarckian: unknown config key 'inner'/));
  });

  it('gives the same trials on worker threads that rebuild the parts as inline, under synchronous batches', async () => {
    const trace = async (threads: boolean) => {
      const ids: string[] = [];
      const result = await searchApproximations({
        ...small,
        seed: 5,
        budgetTrials: 24,
        syncBatch: 4,
        ...(threads ? { executor: ({ task, space }) => threadExecutor<Graph>({ task, space, modules: [BUILT_IN_TASKS_URL], workers: 2 }) } : {}),
        onStudy: (study) => study.on('trial', (t) => void ids.push(`${t.id} ${t.key} ${t.values.join(' ')}`)),
      });
      return { ids: ids.sort(), front: result.front.map((p) => p.js) };
    };
    assert.deepEqual(await trace(true), await trace(false));
  });

  it('runs guided: the discriminator reads the programs as graphs, wrapped around the lamarckian search', async () => {
    const guided = approxSetup({ ...small, guide: { warmupTrials: 16, retrainEveryTrials: 16 } });
    assert.equal(guided.recipes.algorithm.id, 'guided');
    assert.equal((guided.recipes.algorithm.config as { algorithm: { id: string } }).algorithm.id, 'lamarckian');
    let trials = 0;
    const result = await searchApproximations({ ...small, guide: { warmupTrials: 16, retrainEveryTrials: 16 }, seed: 2, budgetTrials: 40, onStudy: (study) => study.on('trial', () => void trials++) });
    assert.equal(trials, 40);
    assert.ok(result.front.length > 0);
  });
});
