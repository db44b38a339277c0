import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { threadExecutor } from '../../../src/executors/index.ts';
import { memoryStore } from '../../../src/store/index.ts';
import { BUILT_IN_TASKS_URL } from '../../../src/tasks/built-in.ts';
import type { ExperimentResult } from '../../../src/tasks/automl-zero/index.ts';
import { runExperiments } from '../../../src/tasks/automl-zero/index.ts';
import { tinyPreset } from './tiny-preset.ts';
import { studyReport } from '../../../src/report/index.ts';
import { experimentGroupJson, experimentGroupResult } from '../../../src/tasks/automl-zero/experiment-group.ts';

const TINY = tinyPreset(20_000);

/** What two runs of the same search must share. */
function outcome(result: ExperimentResult) {
  const { program, individuals, experiments, trainSteps, fitness, selectFitness, fecHits, fecMisses, solved } = result;
  return { program: JSON.parse(JSON.stringify(program)) as unknown, individuals, experiments, trainSteps, fitness, selectFitness, fecHits, fecMisses, solved };
}

/** A store with an empty group for a run. */
function groupStore() {
  const store = memoryStore();
  store.createGroup({ name: 'az', command: 'automl-zero', config: {} });
  return { store, group: 'az' };
}

describe('runExperiments with a store', () => {
  it('runs a guided experiment to its training steps and reads its outcome back through the guide', async () => {
    const config = { ...tinyPreset(2_000), guide: { warmupTrials: 40, retrainEveryTrials: 40 } };
    const stored = { store: memoryStore(), group: 'az' };
    stored.store.createGroup({ name: 'az', command: 'automl-zero', config: experimentGroupJson({ preset: 'tiny', experiment: config, seed: 12, maxExperiments: 1 }) });
    const result = await runExperiments(config, { seed: 12, maxExperiments: 1, store: stored });
    assert.equal(result.experiments, 1);
    assert.ok(result.trainSteps > 2_000, `${result.trainSteps} training steps`);
    const member = stored.store.group('az')!.members[0]!;
    assert.equal(stored.store.study(member)?.algorithm?.id, 'guided');
    const diagnostics = studyReport(stored.store, stored.store.study(member)!).diagnostics!;
    assert.ok((diagnostics['discriminator training steps'] as number) > 0, JSON.stringify(diagnostics));
    assert.equal(experimentGroupResult(stored.store, stored.store.group('az')!).trainSteps, result.trainSteps);
  });

  it('stores each experiment as a member of the group and finds what a run in memory finds', async () => {
    const plain = await runExperiments(TINY, { seed: 11, maxExperiments: 3 });
    const stored = groupStore();
    const result = await runExperiments(TINY, { seed: 11, maxExperiments: 3, store: stored });
    assert.deepEqual(outcome(result), outcome(plain));
    const members = stored.store.group('az')!.members;
    assert.deepEqual(members, ['az/e1', 'az/e2', 'az/e3'].slice(0, plain.experiments));
    const trials = members.reduce((sum, name) => sum + stored.store.counts(name).done + stored.store.counts(name).failed, 0);
    assert.equal(trials, plain.individuals, 'every individual is a stored trial');
  });

  it('continues an interrupted run on its group to the result of the uninterrupted one', async () => {
    const whole = await runExperiments(TINY, { seed: 12, maxExperiments: 3, maxIndividuals: 2000 });
    const stored = groupStore();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 40);
    const first = await runExperiments(TINY, { seed: 12, maxExperiments: 3, maxIndividuals: 2000, store: stored, signal: controller.signal });
    assert.ok(first.individuals <= whole.individuals);
    const resumed = await runExperiments(TINY, { seed: 12, maxExperiments: 3, maxIndividuals: 2000, store: stored });
    assert.deepEqual(outcome(resumed), outcome(whole));
    const again = await runExperiments(TINY, { seed: 12, maxExperiments: 3, maxIndividuals: 2000, store: stored });
    assert.deepEqual(outcome(again), outcome(whole), 'a finished group is read back, not run again');
  });

  it('sums the same training steps from results evaluated on worker threads as inline', async () => {
    const inline = await runExperiments(TINY, { seed: 13, maxExperiments: 1, syncBatch: 3 });
    const threads = await runExperiments(TINY, {
      seed: 13,
      maxExperiments: 1,
      syncBatch: 3,
      executor: (recipes) => threadExecutor({ ...recipes, modules: [BUILT_IN_TASKS_URL], workers: 2 }),
    });
    assert.deepEqual(outcome(threads), outcome(inline));
    assert.ok(inline.trainSteps > TINY.experimentTrainSteps);
  });
});
