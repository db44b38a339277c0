import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Graph } from '../../../src/spaces/graph/graph.ts';
import { memoryStore } from '../../../src/store/index.ts';
import { optimizerSpace } from '../../../src/tasks/optimizers/space.ts';
import { adamwProgram, lionProgram } from '../../../src/tasks/optimizers/reference-programs.ts';
import { hasSignMomentum, signCensus } from '../../../src/tasks/optimizers/compare.ts';
import { funnelCandidates, type RunTrial } from '../../../src/tasks/optimizers/funnel.ts';
import { programFromStatements } from '../../../src/tasks/optimizers/program.ts';
import { runOptimizerSearch } from '../../../src/tasks/optimizers/search-run.ts';
import { optimizerRecipes, searchOptimizers } from '../../../src/tasks/optimizers/search.ts';

const QUADRATIC = { kind: 'quadratic', dimensions: 6, condition: 100, steps: 60 } as const;
const FUNNEL = [
  { kind: 'quadratic', dimensions: 8, condition: 100, steps: 120, seed: 2 },
  { kind: 'quadratic', dimensions: 12, condition: 1000, steps: 200, seed: 3 },
] as const;
const key = (g: Graph) => optimizerSpace().key(g);

describe('optimizer search run', () => {
  it('alternates rounds from AdamW and from the best so far, and sends the best distinct programs that beat AdamW through the funnel', async () => {
    const store = memoryStore();
    store.createGroup({ name: 'run', command: 'optimizers', config: {} });
    const labels: string[] = [];
    const options = { proxy: QUADRATIC, lrGrid: [1e-2, 3e-2], budgetTrials: 90, rounds: 3, populationSize: 8, seed: 5, funnel: FUNNEL, funnelSize: 3, store: { store, group: 'run' } };
    const result = await runOptimizerSearch({ ...options, onStudy: (_, label) => labels.push(label) });
    assert.deepEqual(result.rounds.map((r) => r.start), ['adamw', 'best so far', 'adamw']);
    assert.deepEqual(result.rounds.map((r) => r.trials), [30, 30, 30]);
    // Round 2's population starts as round 1's best program.
    const round2 = store.study('run/round-2')!;
    assert.equal(key(optimizerSpace().fromJSON((round2.space!.config as { start: unknown }).start)), key(result.rounds[0]!.best!.program));
    assert.ok(result.adamwLoss !== undefined);
    for (const c of result.candidates) assert.ok(c.searchLoss < result.adamwLoss);
    assert.ok(result.candidates.length > 0 && result.candidates.length <= 3, `${result.candidates.length} candidates`);
    assert.ok(result.stages.length > 0);
    assert.equal(new Set(result.candidates.map((c) => key(c.program))).size, result.candidates.length);
    // Each stage trains AdamW beside the candidates; only those that beat it go on.
    result.stages.forEach((stage, s) => {
      const entered = s === 0 ? result.candidates : result.candidates.filter((c) => c.stageLosses.length > s);
      assert.equal(stage.entered, entered.length);
      assert.equal(stage.survived, entered.filter((c) => c.stageLosses[s]! < stage.adamwLoss).length);
    });
    for (const d of result.discoveries) assert.ok(d.stageLosses.every((loss, s) => loss < result.stages[s]!.adamwLoss));
    assert.deepEqual(labels.slice(0, 3), ['round 1 (from AdamW)', 'round 2 (from the best so far)', 'round 3 (from AdamW)']);
    // Called again on the same group, it reads every member back and runs nothing.
    const again = await runOptimizerSearch({ ...options, onStudy: () => assert.fail('a finished member ran again') });
    assert.deepEqual(again.candidates.map((c) => c.stageLosses), result.candidates.map((c) => c.stageLosses));
    assert.deepEqual(again.discoveries.map((d) => key(d.program)), result.discoveries.map((d) => key(d.program)));
  });

  it('restarts the population from its start after the patience runs out', async () => {
    const recipes = optimizerRecipes({ proxy: QUADRATIC, restartPatience: 6 });
    assert.equal(recipes.algorithm.id, 'restarts');
    // A restart makes the next whole population AdamW again: four proposals of it after the first four.
    const adamwAgain = async (restartPatience?: number) => {
      let count = 0;
      await searchOptimizers({
        proxy: QUADRATIC, lrGrid: [1e-2], budgetTrials: 60, populationSize: 4, seed: 2,
        ...(restartPatience === undefined ? {} : { restartPatience }),
        onStudy: (study) => study.on('trial', (t) => {
          if (t.id >= 4 && t.key === key(adamwProgram())) count++;
        }),
      });
      return count;
    };
    assert.ok((await adamwAgain(6)) >= 4);
    const counted = await searchOptimizers({ proxy: QUADRATIC, lrGrid: [1e-2], budgetTrials: 60, populationSize: 4, seed: 2, restartPatience: 6 });
    assert.ok(counted.restarts !== undefined && counted.restarts >= 1, `${counted.restarts} restarts`);
    assert.ok((await adamwAgain()) < 4);
  });

  it('counts sign and sign momentum once per program', () => {
    const trial = (id: number, program: Graph, loss: number): RunTrial => ({ id, program, key: key(program), hash: undefined, loss, info: undefined });
    const signSgd = programFromStatements([['update', 'sign', 'g'], ['update', 'mul_st', 'lr', 'update']]);
    const census = signCensus([trial(0, adamwProgram(), 1), trial(1, lionProgram(), 0.9), trial(2, lionProgram(), 0.9), trial(3, lionProgram({ beta1: 0.5 }), 0.7), trial(4, signSgd, 0.8)]);
    assert.deepEqual({ ...census, bestSignMomentum: census.bestSignMomentum?.id }, { programs: 4, withSign: 3, withSignMomentum: 2, bestSignMomentum: 3 });
    assert.equal(hasSignMomentum(signSgd), false);
  });

  it('promotes one program per behaviour, only those that beat AdamW, and never AdamW itself', () => {
    const trial = (id: number, loss: number, hash: string): { round: number; trial: RunTrial } => ({ round: 1, trial: { id, program: adamwProgram(), key: `k${id}`, hash, loss, info: undefined } });
    const all = [trial(0, 1, 'adamw'), trial(1, 0.5, 'a'), trial(2, 0.5, 'a'), trial(3, 0.7, 'b'), trial(4, 0.9, 'adamw'), trial(5, 1.2, 'c'), trial(6, 0.8, 'd')];
    assert.deepEqual(funnelCandidates(all, 1, 5).map((c) => c.trial), [1, 3, 6]);
    assert.deepEqual(funnelCandidates(all, 1, 2).map((c) => c.trial), [1, 3]);
  });
});
