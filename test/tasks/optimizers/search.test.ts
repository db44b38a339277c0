import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spaces, tasks } from '../../../src/core/registries.ts';
import { functionalHash } from '../../../src/hashing/functional-hash.ts';
import type { Graph } from '../../../src/spaces/graph/graph.ts';
import { memoryStore } from '../../../src/store/index.ts';
import { resumeStoredStudy } from '../../../src/store/stored-study.ts';
import { programFromStatements } from '../../../src/tasks/optimizers/program.ts';
import { adamwProgram, lionProgram, sgdMomentumProgram } from '../../../src/tasks/optimizers/reference-programs.ts';
import { optimizerRecipes, searchOptimizers } from '../../../src/tasks/optimizers/search.ts';
import { optimizerTask, updateFingerprint, type OptimizerTask } from '../../../src/tasks/optimizers/task.ts';
import type { OptimizerSpace } from '../../../src/tasks/optimizers/space.ts';
import { studyReport } from '../../../src/report/index.ts';

const QUADRATIC = { kind: 'quadratic', dimensions: 6, condition: 100, steps: 60 } as const;
const TINY_MNIST = { kind: 'mnist-mlp', steps: 20, trainSize: 96, validSize: 64, hidden: 8, pool: 4 } as const;

describe('optimizer task', () => {
  it('gives one functional hash to programs that update alike, and another to a different one', () => {
    const lion = lionProgram();
    // interpolate(g, m, 0.9) written out as 0.1·g + 0.9·m, and the weight decay 0·w left out.
    const lionByHand = programFromStatements([
      ['a', 'mul_st', 0.9, 'm'],
      ['b', 'mul_st', 0.09999999999999998, 'g'],
      ['c', 'add', 'a', 'b'],
      ['update', 'sign', 'c'],
      ['update', 'mul_st', 'lr', 'update'],
      ['m', 'interpolate', 'g', 'm', 0.99],
    ]);
    assert.equal(functionalHash(updateFingerprint(lion)), functionalHash(updateFingerprint(lionByHand)));
    assert.notEqual(functionalHash(updateFingerprint(lion)), functionalHash(updateFingerprint(lionProgram({ beta1: 0.8 }))));
    assert.notEqual(functionalHash(updateFingerprint(lion)), functionalHash(updateFingerprint(adamwProgram())));
  });

  it('fails a program whose update is not finite before any training', () => {
    const blowUp = programFromStatements([['update', 'div', 'g', 'm'], ['update', 'exp', 'update']]);
    assert.throws(() => updateFingerprint(blowUp), /not finite/);
  });

  it('scores the best learning rate of the grid, and fails a program that diverges at every one', () => {
    const task = optimizerTask({ proxy: QUADRATIC, lrGrid: [1e-3, 1e-2] });
    const runs = task.runs(sgdMomentumProgram());
    assert.deepEqual(runs.map((r) => r.lr).sort(), [1e-3, 1e-2].sort());
    const measured = task.evaluate(sgdMomentumProgram(), { trialId: 0, seed: 0 });
    assert.equal(measured.values[0], runs[0]!.run.validLoss);
    assert.ok(measured.values[0]! < 1);
    const ascent = programFromStatements([['update', 'mul_st', -1000, 'g']]);
    assert.throws(() => task.evaluate(ascent, { trialId: 1, seed: 0 }), /diverged at every learning rate/);
  });

  it('trains a network proxy on the learn engine the same way every time, and reports accuracy', () => {
    const task = optimizerTask({ proxy: TINY_MNIST, lrGrid: [1e-2] });
    const a = task.evaluate(adamwProgram(), { trialId: 0, seed: 1 });
    const b = task.evaluate(adamwProgram(), { trialId: 5, seed: 99 });
    assert.deepEqual(a, b);
    assert.ok(a.values[0]! < Math.log(10), `validation loss ${a.values[0]} is no better than chance`);
    assert.equal(typeof a.info?.['accuracy'], 'number');
  });
});

describe('optimizer search', () => {
  it('rebuilds its task and space from the stored recipes, with the same config', () => {
    const recipes = optimizerRecipes({ proxy: QUADRATIC, lrGrid: [1e-2], maxStatements: 20, start: 'lion' });
    const task = tasks.get(recipes.task.id)(recipes.task.config) as OptimizerTask;
    const again = tasks.get('optimizers')(task.config!) as OptimizerTask;
    assert.deepEqual(again.config, task.config);
    assert.deepEqual(task.proxy.config.dimensions, 6);
    const space = spaces.get(recipes.space.id)(recipes.space.config) as OptimizerSpace;
    assert.equal(space.maxStatements, 20);
    assert.equal(space.key(space.start), space.key(lionProgram()));
    assert.deepEqual(space.random(undefined as never), lionProgram());
    assert.throws(() => tasks.get('optimizers')({ proxy: QUADRATIC, lrGird: [1] }), /unknown key 'lrGird'/);
  });

  it('runs end to end from a population of AdamW, answers repeats from the FEC cache, and resumes from its store', async () => {
    const store = memoryStore();
    const result = await searchOptimizers({ proxy: QUADRATIC, lrGrid: [1e-2, 3e-2], budgetTrials: 40, populationSize: 8, seed: 3, store: { store, name: 'opt-1' } });
    assert.equal(result.summary.trials, 40);
    // The first population is AdamW eight times: seven answers from the cache at least.
    assert.ok(result.summary.cached >= 7, `${result.summary.cached} cached`);
    assert.ok(result.startLoss !== undefined && result.best !== undefined && result.best.values[0]! <= result.startLoss);
    assert.ok(result.deadStatementRate >= 0 && result.deadStatementRate < 1);
    const stored = store.trials('opt-1');
    assert.equal(stored.length, 40);
    const resumed = resumeStoredStudy<Graph>(store, 'opt-1');
    const summary = await resumed.run();
    assert.equal(summary.trials, 40);
    assert.equal(resumed.best()?.values[0], result.best.values[0]);
  });

  it('runs guided by a discriminator over the programs\' graphs, counts restarts through the guide, and resumes guided', async () => {
    const store = memoryStore();
    const guide = { warmupTrials: 16, retrainEveryTrials: 16 };
    const result = await searchOptimizers({ proxy: QUADRATIC, lrGrid: [1e-2], budgetTrials: 48, populationSize: 8, seed: 4, restartPatience: 10, guide, store: { store, name: 'guided-1' } });
    assert.equal(result.summary.trials, 48);
    assert.equal(store.study('guided-1')?.algorithm?.id, 'guided');
    assert.ok(result.restarts !== undefined && result.restarts >= 1, `restarts ${result.restarts}`);
    const diagnostics = studyReport(store, store.study('guided-1')!).diagnostics!;
    assert.ok((diagnostics['guided mutations'] as number) > 0, JSON.stringify(diagnostics));
    assert.ok((diagnostics['discriminator training steps'] as number) > 0);
    // The stored study rebuilds the guided search, discriminator included, from its recipe and snapshot.
    const resumed = resumeStoredStudy<Graph>(store, 'guided-1');
    assert.equal((await resumed.run()).trials, 48);
  });
});

describe('network proxies', () => {
  it('score a program that blows the weights up by its real validation loss, not 0', () => {
    // v = π/v alternates between 3e8 and 1e-8; update = v² moves every weight by about −1e17.
    const blowUp = programFromStatements([['v', 'div_st', 3.14159, 'v'], ['update', 'square', 'v']]);
    const task = optimizerTask({ proxy: TINY_MNIST, lrGrid: [1e-3] });
    const run = task.runs(blowUp)[0]!.run;
    assert.ok(run.diverged || run.validLoss > 1, `validation loss ${run.validLoss}`);
  });
});
