import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registerSpace } from '../../../src/spaces/register/index.ts';
import { CLASSIFICATION_PRESET, DEMO_PRESET, NONLINEAR_PRESET, checkTaskSuite, experimentReport, runExperiments } from '../../../src/tasks/automl-zero/index.ts';
import { tinyPreset } from './tiny-preset.ts';

const TINY = tinyPreset(5_000);

describe('runExperiments', () => {
  it('runs experiments until their budget and reports what it found', async () => {
    const result = await runExperiments(TINY, { seed: 3, maxExperiments: 2 });
    assert.equal(result.experiments, 2);
    assert.equal(result.solved, false);
    assert.ok(result.individuals >= 2 * 2 * TINY.populationSize, `${result.individuals} individuals`);
    assert.ok(result.fecHits > 0 && result.fecMisses > 0, 'the functional-equivalence cache answered some proposals');
    assert.ok(result.fitness > 0 && result.fitness <= 1 && result.selectFitness > 0);
    assert.ok(result.trainSteps > 2 * TINY.experimentTrainSteps);
    registerSpace({ ...TINY.space, memory: TINY.memory }).fromJSON(JSON.parse(JSON.stringify(result.program)));
  });

  it('replays the same search from the same seed', async () => {
    const a = await runExperiments(TINY, { seed: 4, maxExperiments: 1 });
    const b = await runExperiments(TINY, { seed: 4, maxExperiments: 1 });
    assert.deepEqual(b.program, a.program);
    assert.equal(b.individuals, a.individuals);
    assert.equal(b.fitness, a.fitness);
  });

  it('evaluates every program in full without FEC', async () => {
    const result = await runExperiments({ ...TINY, fec: false }, { seed: 5, maxExperiments: 1 });
    assert.equal(result.fecHits + result.fecMisses, 0);
  });

  it('stops when the selected candidate is good enough', async () => {
    const result = await runExperiments({ ...TINY, sufficientFitness: 0.1 }, { seed: 6, maxExperiments: 5 });
    assert.equal(result.solved, true);
    assert.equal(result.experiments, 1);
    assert.ok(result.secondsToSolve !== undefined && result.secondsToSolve <= result.seconds);
  });

  it('reports the outcome as text and as JSON with the fields the CLI promises', async () => {
    const result = await runExperiments(TINY, { seed: 7, maxExperiments: 1 });
    const report = experimentReport(result, TINY.memory, { preset: 'tiny', seed: 7, finalTasks: '3 unseen linear tasks' });
    const json = report.json as { [key: string]: unknown };
    for (const key of ['solved', 'fitness', 'individuals', 'individualsPerSecond', 'seconds', 'algorithm']) assert.ok(key in json, `JSON has ${key}`);
    assert.match(report.text, /Algorithm found \(dead instructions removed\):\ndef Setup\(\):/);
  });
});

describe('the presets', () => {
  it('reproduce run_demo.sh: 4/3/1 registers, F=4, six ops, sizes 10/2/8, P=1000, T=10, 10 tasks of 100+100', () => {
    assert.deepEqual(DEMO_PRESET.memory, { scalars: 4, vectors: 3, matrices: 1, features: 4 });
    const components = DEMO_PRESET.space.components;
    assert.deepEqual(
      Object.entries(components).map(([name, c]) => [name, c.initialSize, c.ops.length]),
      [
        ['setup', 10, 6],
        ['predict', 2, 6],
        ['learn', 8, 6],
      ],
    );
    assert.deepEqual(DEMO_PRESET.space.mutations, ['alter-param', 'randomize-instruction', 'randomize-component']);
    assert.equal(DEMO_PRESET.space.mutateProbability, 0.9);
    assert.deepEqual([DEMO_PRESET.populationSize, DEMO_PRESET.tournamentSize, DEMO_PRESET.sufficientFitness], [1000, 10, 0.9999]);
    assert.deepEqual(DEMO_PRESET.fec, { numTrain: 10, numValid: 10 });
    assert.deepEqual([DEMO_PRESET.selectTasks.numTasks, DEMO_PRESET.selectTasks.numTrain, DEMO_PRESET.selectTasks.numValid], [100, 1000, 100]);
  });

  it('are all valid configurations', () => {
    for (const preset of [DEMO_PRESET, NONLINEAR_PRESET, CLASSIFICATION_PRESET]) {
      registerSpace({ ...preset.space, memory: preset.memory });
      for (const tasks of [preset.searchTasks, preset.selectTasks]) checkTaskSuite({ ...tasks, seed: 0 });
      checkTaskSuite(preset.finalTasks);
      assert.equal(preset.searchTasks.features, preset.memory.features);
    }
  });
});
