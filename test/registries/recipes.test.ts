import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { moduleWorker } from '../../src/executors/module-worker.ts';
import type { Json } from '../../src/core/types.ts';
import { algorithms, spaces } from '../../src/registries.ts';
import { assertSameSeedSameTrials, assertSnapshotResumesExactly } from '../helpers/algorithm-contracts.ts';
import { assertJsonRoundTrip, assertMutationStaysValid, assertSameSeedSameGenotypes } from '../helpers/space-contracts.ts';
import { buildAlgorithm, buildSpace, keyHashTask, recipeCase, traces, type RecipeCase, type TraceStep } from './fixtures/recipe-traces.ts';

/*
 * The recipe contract, over every space and algorithm in the registries (so an entry
 * registered later is covered the day it lands): each has an example recipe; built from it,
 * it passes the space or algorithm contract suite; and a fresh worker thread, given only the
 * recipe as JSON text, rebuilds it and produces the same genotypes, keys and values for the
 * same seed.
 */

const SEED = 20;
const STEPS = 20;

const cases: RecipeCase[] = [
  ...spaces.list().map(({ name }) => ({ kind: 'space' as const, name })),
  ...algorithms.list().map(({ name }) => ({ kind: 'algorithm' as const, name })),
].flatMap(({ kind, name }) => {
  try {
    return [recipeCase(kind, name)];
  } catch {
    return []; // reported by the first test, by name
  }
});

/** The traces a fresh worker thread computes from the cases sent as JSON text. */
async function workerTraces(): Promise<TraceStep[][]> {
  const worker = moduleWorker(new URL('./fixtures/trace-worker.ts', import.meta.url).href, { workerData: { cases: JSON.stringify(cases), seed: SEED, steps: STEPS } });
  try {
    const [message] = (await once(worker, 'message')) as [{ result?: TraceStep[][]; error?: string }];
    if (message.error !== undefined) assert.fail(`the worker could not rebuild the recipes: ${message.error}`);
    return message.result!;
  } finally {
    await worker.terminate();
  }
}

describe('every registered recipe', () => {
  it('has an example recipe to build it from', () => {
    const missing = [
      ...spaces.list().filter(({ name }) => spaces.example(name) === undefined).map(({ name }) => `space '${name}'`),
      ...algorithms.list().filter(({ name }) => algorithms.example(name) === undefined).map(({ name }) => `algorithm '${name}'`),
    ];
    assert.deepEqual(missing, [], 'register these with an example (the last argument of register)');
    assert.ok(cases.some((c) => c.kind === 'space') && cases.some((c) => c.kind === 'algorithm'));
  });

  it('gives the same trials for the same seed when rebuilt from JSON in a fresh worker thread', async () => {
    const here = await traces(cases, SEED, STEPS);
    const there = await workerTraces();
    assert.equal(there.length, cases.length);
    cases.forEach((c, i) => {
      assert.equal(here[i]!.length, STEPS, `${c.kind} '${c.name}': ${here[i]!.length} steps`);
      assert.deepEqual(there[i], here[i], `${c.kind} '${c.name}': the worker's trials differ`);
    });
  });

  for (const c of cases.filter((c) => c.kind === 'space')) {
    it(`space '${c.name}' passes the space contracts`, () => {
      const space = buildSpace(c);
      const validate = (g: unknown) => assert.equal(space.key(space.fromJSON(JSON.parse(JSON.stringify(space.toJSON(g))))), space.key(g));
      const report = assertMutationStaysValid(space, validate, { steps: 150 });
      assert.ok(report.distinctKeys > 1, `space '${c.name}': mutation never changed the key`);
      assertJsonRoundTrip(space, { samples: 60 });
      assertSameSeedSameGenotypes(space, { steps: 60 });
    });
  }

  for (const c of cases.filter((c) => c.kind === 'algorithm')) {
    it(`algorithm '${c.name}' passes the algorithm contracts over ${c.space.id}`, async () => {
      const space = buildSpace(c);
      const problem = { space, task: keyHashTask(space) };
      await assertSameSeedSameTrials(() => buildAlgorithm(c, space), problem, { budgetTrials: 40 });
      assertSnapshotResumesExactly((snapshot?: Json) => buildAlgorithm(c, space, snapshot), problem, { stepsBefore: 25, stepsAfter: 25 });
    });
  }
});
