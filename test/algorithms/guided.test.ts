import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guided, type Guided } from '../../src/algorithms/guided.ts';
import { guideRecipe, guidedFromConfig } from '../../src/algorithms/guided-register.ts';
import { regularizedEvolution } from '../../src/algorithms/regularized-evolution.ts';
import '../../src/algorithms/register.ts';
import { Rng, Study } from '../../src/core/index.ts';
import { algorithms } from '../../src/core/registries.ts';
import type { Algorithm, Json, Space, Task } from '../../src/core/types.ts';
import { DEMO_OPS, registerSpace } from '../../src/spaces/register/index.ts';
import { NB201_GUIDE_ENCODING } from '../../src/tasks/nas/guide-encodings.ts';
import { nasBench201Space } from '../../src/tasks/nas/nb201/space.ts';
import { dagEncoding } from '../../src/learn/guide/dag-encoding.ts';
import { graphSpace, isConst, type Graph } from '../../src/spaces/graph/index.ts';
import { assertSameSeedSameTrials, assertSnapshotResumesExactly, makeTrial, type Problem } from '../helpers/algorithm-contracts.ts';

const space = graphSpace({ inputs: 2, ops: ['add', 'sub', 'mul', 'pdiv', 'sin'], maxVertices: 12 });
/** More 'mul' vertices and fewer constants is better. */
const task: Task<Graph> = {
  id: 'toy-mul-count',
  objectives: [{ name: 'score', goal: 'min' }],
  evaluate: (g) => ({ values: [g.vertices.filter(isConst).length - 2 * g.vertices.filter((v) => !isConst(v) && v.op === 'mul').length + 0.01 * g.vertices.length] }),
};
const problem: Problem<Graph> = { space, task };
const small = { width: 16, layers: 2, heads: 2, batchGraphs: 12, seed: 3 };
const settings = { warmupTrials: 30, retrainEveryTrials: 20, trainSteps: 3, firstTrainSteps: 10, maxTries: 4, discriminator: small };

const make = (snapshot?: Json): Guided<Graph> =>
  guided({
    space,
    encoder: dagEncoding({ inputs: 2, outputs: 1, ops: space.ops }),
    inner: (s, inner) => regularizedEvolution({ space: s, populationSize: 20, tournamentSize: 5, ...(inner === undefined ? {} : { snapshot: inner }) }),
    ...settings,
    ...(snapshot === undefined ? {} : { snapshot }),
  });

/** The snapshot without its wall-clock measurements, which no two runs share. */
function withoutTimes(json: Json): Json {
  const s = JSON.parse(JSON.stringify(json)) as { [key: string]: { [key: string]: unknown } };
  delete s.progress!.elapsedMs;
  delete s.discriminator!.trainMs;
  delete s.discriminator!.predictMs;
  for (const key of Object.keys(s.diagnostics!)) if (/ ms$|share/.test(key)) delete s.diagnostics![key];
  return s as unknown as Json;
}
const comparable = (a: Guided<Graph>): Algorithm<Graph> => ({ propose: (rng) => a.propose(rng), feedback: (t) => a.feedback(t), snapshot: () => withoutTimes(a.snapshot()) });

describe('guided evolution', () => {
  it('proposes only valid programs and guides mutations once the discriminator is trained', async () => {
    const algorithm = make();
    const study = new Study({ space, task, algorithm, seed: 1, budgetTrials: 150 });
    study.on('trial', (trial) => space.validate(trial.genotype));
    await study.run();
    const d = algorithm.diagnostics();
    assert.ok(d['guided mutations'] > 50, `${d['guided mutations']} guided mutations`);
    assert.ok(d['acceptance rate'] > 0 && d['acceptance rate'] <= 1);
    assert.ok(d['tries per accepted child'] >= 1 && d['tries per accepted child'] <= settings.maxTries);
    assert.ok(d['held-out pair accuracy by trials'].length >= 4, 'one held-out accuracy per retraining');
    assert.ok(d['discriminator training steps'] >= 10 + 3 * 4);
    assert.ok(d['discriminator share of run time'] > 0 && d['discriminator share of run time'] < 1);
  });

  it('replays the same trials from the same seed', async () => {
    await assertSameSeedSameTrials(() => make(), problem, { budgetTrials: 80 });
  });

  it('resumes exactly from a JSON snapshot, discriminator and all, across retrainings', () => {
    assertSnapshotResumesExactly((snapshot) => comparable(make(snapshot)), problem, { stepsBefore: 50, stepsAfter: 45 });
  });

  it('keeps its diagnostics in the snapshot, where amoeba show finds them', () => {
    const algorithm = make();
    const rng = new Rng(2);
    for (let id = 0; id < 60; id++) algorithm.feedback(makeTrial(id, algorithm.propose(rng), problem));
    const snapshot = algorithm.snapshot() as { diagnostics: { [key: string]: unknown } };
    assert.equal(typeof snapshot.diagnostics['acceptance rate'], 'number');
    assert.ok(Array.isArray(snapshot.diagnostics['held-out pair accuracy by trials']));
  });

  it('is built from its recipe, which names the algorithm it guides and the encoding', () => {
    const recipe = guideRecipe({ id: 'regularized-evolution', config: { populationSize: 20, tournamentSize: 5 } }, { kind: 'graph' }, settings);
    const fromRegistry = algorithms.get('guided')(space as never, JSON.parse(JSON.stringify(recipe.config))) as Guided<Graph>;
    const direct = make();
    const [a, b] = [new Rng(7), new Rng(7)];
    for (let id = 0; id < 70; id++) {
      const [x, y] = [fromRegistry.propose(a), direct.propose(b)];
      assert.equal(space.key(x), space.key(y));
      const trial = { id, genotype: x, key: space.key(x), hash: undefined, status: 'done' as const, values: [0], loss: [id % 5], error: undefined, cached: false, finishedMs: id, info: undefined };
      fromRegistry.feedback(trial);
      direct.feedback({ ...trial, genotype: y });
    }
    const resumed = guidedFromConfig(space as never, { ...(recipe.config as { [key: string]: Json }), snapshot: JSON.parse(JSON.stringify(fromRegistry.snapshot())) });
    assert.deepEqual(withoutTimes(resumed.snapshot()), withoutTimes(fromRegistry.snapshot()));
  });

  it('guides searches over NAS-Bench-201 cells and AutoML-Zero programs through their encodings, proposing valid genotypes', () => {
    const registers = registerSpace({ memory: { scalars: 4, vectors: 3, matrices: 1, features: 4 }, components: { setup: { ops: DEMO_OPS, initialSize: 3 }, predict: { ops: DEMO_OPS, initialSize: 2 }, learn: { ops: DEMO_OPS, initialSize: 4 } } });
    const cases: [Space<unknown>, Json][] = [[nasBench201Space() as Space<unknown>, NB201_GUIDE_ENCODING], [registers as Space<unknown>, { kind: 'register' }]];
    for (const [searched, encoding] of cases) {
      const recipe = guideRecipe({ id: 'regularized-evolution', config: { populationSize: 20, tournamentSize: 5 } }, encoding as never, settings);
      const algorithm = algorithms.get('guided')(searched, recipe.config) as Guided<unknown>;
      const rng = new Rng(5);
      for (let id = 0; id < 70; id++) {
        const genotype = algorithm.propose(rng);
        const again = searched.fromJSON(JSON.parse(JSON.stringify(searched.toJSON(genotype))));
        assert.equal(searched.key(again), searched.key(genotype));
        const trial = { id, genotype, key: searched.key(genotype), hash: undefined, status: 'done' as const, values: [0], loss: [rng.float()], error: undefined, cached: false, finishedMs: id, info: undefined };
        algorithm.feedback(trial);
      }
      assert.ok(algorithm.diagnostics()['guided mutations'] > 20);
    }
  });

  it('refuses configs that cannot work, naming the problem', () => {
    const build = (config: Json) => algorithms.get('guided')(space as never, config);
    assert.throws(() => build({ algorithm: { id: 'regularized-evolution', config: {} } }), /encoding is required/);
    assert.throws(() => build({ algorithm: { id: 'guided', config: {} }, encoding: { kind: 'graph' } }), /cannot guide itself/);
    assert.throws(() => build({ algorithm: { id: 'regularized-evolution', config: {} }, encoding: { kind: 'graph' }, treshold: 0.6 }), /unknown config key 'treshold'/);
    assert.throws(() => build({ algorithm: { id: 'regularized-evolution', config: {} }, encoding: { kind: 'graph' }, discriminator: { depth: 3 } }), /unknown discriminator option 'depth'/);
    assert.throws(() => build({ algorithm: { id: 'regularized-evolution', config: {} }, encoding: { kind: 'graph' }, threshold: 2 }), /threshold must be a probability/);
  });
});
