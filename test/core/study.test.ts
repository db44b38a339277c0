import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Study, UsageError } from '../../src/core/index.ts';
import type { EvaluationCache, Executor, Measurement, Task } from '../../src/core/index.ts';
import { RecordingRandomSearch, distanceTask, integerSpace } from '../helpers/toy.ts';

function study(overrides: Partial<ConstructorParameters<typeof Study<number>>[0]> = {}) {
  const algorithm = new RecordingRandomSearch();
  const s = new Study<number>({ space: integerSpace, task: distanceTask, algorithm, seed: 1, budgetTrials: 50, ...overrides });
  return { study: s, algorithm };
}

describe('Study', () => {
  it('runs exactly the budgeted number of trials and feeds each back', async () => {
    const { study: s, algorithm } = study();
    const summary = await s.run();
    assert.equal(summary.trials, 50);
    assert.equal(summary.stopReason, 'budget');
    assert.deepEqual(algorithm.seen.map((t) => t.id), [...Array(50).keys()]);
  });

  it('stops, reason condition, once the algorithm says it is done, with no other budget', async () => {
    const algorithm = new RecordingRandomSearch();
    const done = Object.assign(algorithm, { isDone: () => algorithm.seen.length >= 7 });
    const summary = await new Study<number>({ space: integerSpace, task: distanceTask, algorithm: done, seed: 1 }).run();
    assert.equal(summary.trials, 7);
    assert.equal(summary.stopReason, 'condition');
  });

  it('replays the same trials from the same seed', async () => {
    const a = study({ seed: 9 });
    const b = study({ seed: 9 });
    await a.study.run();
    await b.study.run();
    assert.deepEqual(a.algorithm.seen.map((t) => t.genotype), b.algorithm.seen.map((t) => t.genotype));
  });

  it('turns throwing and non-finite evaluations into failed trials', async () => {
    const task: Task<number> = {
      ...distanceTask,
      evaluate: (g) => {
        if (g % 3 === 0) throw new Error('boom');
        return { values: [g % 3 === 1 ? NaN : 1] };
      },
    };
    const { study: s, algorithm } = study({ task, budgetTrials: 200 });
    const summary = await s.run();
    assert.equal(summary.trials, 200);
    const failed = algorithm.seen.filter((t) => t.status === 'failed');
    assert.ok(failed.some((t) => t.error === 'boom'));
    assert.ok(failed.some((t) => t.error === 'non-finite objective'));
    for (const t of failed) assert.deepEqual(t.loss, [Infinity]);
    assert.equal(summary.failed, failed.length);
  });

  it('negates max objectives into losses', async () => {
    const task: Task<number> = { ...distanceTask, objectives: [{ name: 'g', goal: 'max' }], evaluate: (g) => ({ values: [g] }) };
    const { study: s, algorithm } = study({ task });
    await s.run();
    for (const t of algorithm.seen) assert.equal(t.loss[0], -t.genotype);
    assert.equal(s.best()?.genotype, Math.max(...algorithm.seen.map((t) => t.genotype)));
  });

  it('stops as soon as the stop condition holds', async () => {
    const { study: s, algorithm } = study({ budgetTrials: 100_000, stopWhen: (t) => t.values[0]! < 50 });
    const summary = await s.run();
    assert.equal(summary.stopReason, 'condition');
    assert.ok(algorithm.seen.at(-1)!.values[0]! < 50);
    assert.equal(algorithm.seen.filter((t) => t.values[0]! < 50).length, 1);
  });

  it('keeps a non-dominated front, one trial per key', async () => {
    const task: Task<number> = {
      ...distanceTask,
      objectives: [{ name: 'distance', goal: 'min' }, { name: 'size', goal: 'min' }],
      evaluate: (g) => ({ values: [Math.abs(g - 500), g] }),
    };
    const { study: s } = study({ task, budgetTrials: 300 });
    await s.run();
    const front = s.front();
    assert.equal(new Set(front.map((t) => t.key)).size, front.length);
    for (const a of front) for (const b of front) assert.ok(a === b || !(a.loss[0]! <= b.loss[0]! && a.loss[1]! <= b.loss[1]!));
  });

  it('answers equivalent programs from the cache without evaluating them', async () => {
    let evaluations = 0;
    const task: Task<number> = {
      ...distanceTask,
      evaluate: (g) => {
        evaluations++;
        return distanceTask.evaluate(g, { trialId: 0, seed: 0 }) as Measurement;
      },
      fingerprint: (g) => Float64Array.of(g % 10),
    };
    const stored = new Map<string, Measurement>();
    let hits = 0;
    let misses = 0;
    const cache: EvaluationCache = {
      lookup: (fp) => {
        const hash = String(fp[0]);
        const measurement = stored.get(hash);
        if (measurement) hits++;
        else misses++;
        return { hash, measurement };
      },
      record: (hash, m) => void stored.set(hash, m),
      stats: () => ({ hits, misses, size: stored.size }),
    };
    const { study: s, algorithm } = study({ task, cache, budgetTrials: 100 });
    const summary = await s.run();
    assert.equal(evaluations, 10);
    assert.equal(summary.cached, 90);
    assert.equal(summary.cache?.hitRate, 0.9);
    assert.equal(algorithm.seen.filter((t) => t.cached).length, 90);
  });

  it('keeps up to capacity evaluations in flight with an async executor', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const executor: Executor<number> = {
      capacity: 4,
      open: () => {},
      evaluate: async (g) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        if (g % 5 === 0) throw new Error('worker crashed');
        return { values: [g] };
      },
      close: async () => {},
    };
    const { study: s, algorithm } = study({ executor, budgetTrials: 40 });
    const summary = await s.run();
    assert.equal(maxInFlight, 4);
    assert.equal(summary.trials, 40);
    assert.equal(new Set(algorithm.seen.map((t) => t.id)).size, 40);
    assert.ok(algorithm.seen.filter((t) => t.status === 'failed').every((t) => t.error === 'worker crashed'));
  });

  it('feeds synchronous batches back in trial-id order, whatever order results arrive in', async () => {
    let proposedAhead = 0;
    const executor: Executor<number> = {
      capacity: 4,
      open: () => {},
      // Later trials of a batch finish first.
      evaluate: async (g, ctx) => {
        await new Promise((r) => setTimeout(r, 4 - (ctx.trialId % 4)));
        return { values: [g] };
      },
      close: async () => {},
    };
    const algorithm = new RecordingRandomSearch();
    const propose = algorithm.propose.bind(algorithm);
    let proposed = 0;
    algorithm.propose = (rng) => {
      proposed++;
      proposedAhead = Math.max(proposedAhead, proposed - algorithm.seen.length);
      return propose(rng);
    };
    const s = new Study<number>({ space: integerSpace, task: distanceTask, algorithm, seed: 1, budgetTrials: 18, executor, syncBatch: 4 });
    const summary = await s.run();
    assert.equal(summary.trials, 18);
    assert.deepEqual(algorithm.seen.map((t) => t.id), [...Array(18).keys()]);
    assert.equal(proposedAhead, 4);
  });

  it('rejects a synchronous batch that is not a whole number >= 1', () => {
    assert.throws(() => study({ syncBatch: 0 }), /syncBatch must be a whole number/);
  });

  it('rejects a negative budget and a study with no budget at all', () => {
    assert.throws(() => study({ budgetTrials: -1 }), UsageError);
    assert.throws(() => study({ budgetTrials: undefined as unknown as number }), /needs a budget/);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const { study: s } = study({ budgetTrials: 1000, signal: controller.signal, stopWhen: (t) => (t.id === 9 ? (controller.abort(), false) : false) });
    const summary = await s.run();
    assert.equal(summary.trials, 10);
    assert.equal(summary.stopReason, 'aborted');
  });
});
