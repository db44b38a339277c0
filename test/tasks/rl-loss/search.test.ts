import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from '../../../src/core/types.ts';
import { threadExecutor } from '../../../src/executors/index.ts';
import { memoryStore, resumeStoredStudy } from '../../../src/store/index.ts';
import { BUILT_IN_TASKS_URL } from '../../../src/tasks/built-in.ts';
import { lossSpace } from '../../../src/tasks/rl-loss/loss-space.ts';
import { trainableLossSpace, trainableLossSpaceFromConfig } from '../../../src/tasks/rl-loss/trainable-space.ts';
import { Rng } from '../../../src/core/rng.ts';
import { untrainableReason } from '../../../src/tasks/rl-loss/loss-graph.ts';
import { SAC_GRAPH } from '../../../src/tasks/rl-loss/sac-graph.ts';
import { initialPopulation, rlLossRecipes, searchLosses } from '../../../src/tasks/rl-loss/search.ts';
import { formatLossFront } from '../../../src/tasks/rl-loss/report.ts';
import { rlLossTask } from '../../../src/tasks/rl-loss/task.ts';
import type { Graph } from '../../../src/spaces/graph/graph.ts';
import { cli } from '../../helpers/cli.ts';
import { studyOutput } from '../../../src/cli/study-result.ts';
import { studyReport } from '../../../src/report/index.ts';
import { TINY_TASK } from './tiny-task.ts';

describe('the rl-loss search', () => {
  it('starts NSGA-II from SAC and distinct mutants of it that can train', () => {
    const space = trainableLossSpace();
    const population = initialPopulation(space, 6, 1);
    assert.deepEqual(population.map(untrainableReason), population.map(() => undefined));
    assert.equal(population.length, 6);
    assert.equal(space.key(population[0]!), space.key(space.fromJSON(SAC_GRAPH)));
    assert.equal(new Set(population.map((g) => space.key(g))).size, 6);
    const recipes = rlLossRecipes({ populationSize: 6, seed: 1 });
    assert.deepEqual((recipes.algorithm.config as { initial: Json[] }).initial, population.map((g) => space.toJSON(g)));
  });

  it('offers only trainable mutants where the plain graph space offers many that cannot train', () => {
    const sac = lossSpace().fromJSON(SAC_GRAPH);
    const count = (space: { mutate(g: Graph, rng: Rng): Graph }) => {
      const rng = new Rng(9);
      let untrainable = 0;
      for (let i = 0; i < 60; i++) if (untrainableReason(space.mutate(sac, rng)) !== undefined) untrainable++;
      return untrainable;
    };
    assert.ok(count(lossSpace()) >= 5, 'the plain space should make some untrainable mutants');
    assert.equal(count(trainableLossSpace()), 0);
    assert.throws(() => trainableLossSpaceFromConfig({ maxTries: 0 }), /maxTries/);
    assert.throws(() => trainableLossSpaceFromConfig({ tries: 3 }), /unknown config key 'tries'/);
  });

  it('runs guided by a discriminator over the loss graphs, as a stored study with its diagnostics', async () => {
    const store = memoryStore();
    const result = await searchLosses({ task: TINY_TASK, populationSize: 3, budgetTrials: 9, seed: 5, guide: { warmupTrials: 4, retrainEveryTrials: 4 }, store: { store, name: 'guided-loss' } });
    assert.equal(result.summary.trials, 9);
    assert.equal(store.study('guided-loss')?.algorithm?.id, 'guided');
    const diagnostics = studyReport(store, store.study('guided-loss')!).diagnostics!;
    assert.ok((diagnostics['discriminator training steps'] as number) > 0, JSON.stringify(diagnostics));
  });

  it('prints the front beside SAC and keeps SAC\'s own trial', async () => {
    const result = await searchLosses({ task: TINY_TASK, populationSize: 3, budgetTrials: 4, seed: 2 });
    assert.equal(result.summary.trials, 4);
    assert.equal(result.sac?.id, 0);
    assert.ok(result.front.length >= 1);
    const text = formatLossFront(result.front, result.sac);
    assert.match(text, /^S +0 /m);
    assert.match(text, /actor {2}= mean\(/);
  });

  it('resumes a stored search that stopped after two trials, ending at its budget', async () => {
    const store = memoryStore();
    const stop = new AbortController();
    const first = searchLosses({ task: TINY_TASK, populationSize: 3, budgetTrials: 5, seed: 3, store: { store, name: 'rl-1' }, signal: stop.signal, onStudy: (study) => study.on('trial', (t) => void (t.id >= 1 && stop.abort())) });
    const stopped = await first;
    assert.equal(stopped.summary.stopReason, 'aborted');
    const before = store.trials('rl-1').filter((t) => t.status !== 'running').length;
    assert.ok(before >= 2 && before < 5);
    const resumed = resumeStoredStudy<Graph>(store, 'rl-1');
    const summary = await resumed.run();
    assert.equal(summary.stopReason, 'budget');
    assert.equal(store.trials('rl-1').filter((t) => t.status === 'done' || t.status === 'failed').length, 5);
    // amoeba resume ends as rl-loss search does: the front beside SAC, trial 0.
    const output = studyOutput(store, resumed as never, store.study('rl-1')!, summary);
    assert.match(output.text, /^5 loss pairs tried/);
    assert.match(output.text, /^S +0 /m);
    assert.equal((output.json as { sac: { trialId: number } }).sac.trialId, 0);
  });

  it('evaluates on worker threads as on this one', async () => {
    const recipes = rlLossRecipes({ task: TINY_TASK, populationSize: 2, seed: 4 });
    const executor = threadExecutor<Graph>({ task: recipes.task, space: recipes.space, modules: [BUILT_IN_TASKS_URL], workers: 2 });
    const result = await searchLosses({ task: TINY_TASK, populationSize: 2, budgetTrials: 2, seed: 4, executor: () => executor });
    const inline = rlLossTask(recipes.task.config).evaluate(lossSpace().fromJSON(SAC_GRAPH));
    assert.deepEqual(result.sac?.values, inline.values);
  });

  it('answers the command line: print, eval and bad flags', async () => {
    const printed = await cli('rl-loss', 'print', 'sac');
    assert.equal(printed.code, 0);
    assert.match(printed.out, /^actor {2}= mean\(α·logπ\(s\) − min\(Q1\(s, ã~π\(s\)\), Q2\(s, ã~π\(s\)\)\)\)\ncritic = /);
    const evaluated = await cli('rl-loss', 'eval', 'sac', '--steps', '60', '--seeds', '1', '--configs', 'mass=1.2');
    assert.equal(evaluated.code, 0, evaluated.err);
    assert.match(evaluated.out, /performance +-?\d\.\d{3} ± 0\.000\ngeneralization/);
    const badEnv = await cli('rl-loss', 'search', '--env', 'acrobot', '--no-db');
    assert.equal(badEnv.code, 2);
    assert.match(badEnv.err, /--env must be one of pendulum, cartpole, cartpole-swingup/);
    const badConfigs = await cli('rl-loss', 'eval', 'sac', '--configs', 'mass');
    assert.equal(badConfigs.code, 2);
    assert.match(badConfigs.err, /'mass' is not name=number/);
    const missing = await cli('rl-loss', 'eval', '/nonexistent/loss.json');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read the loss/);
  });
});
