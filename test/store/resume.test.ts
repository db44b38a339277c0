import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import '../../src/algorithms/index.ts';
import type { Executor, FinishedRecord, ProposedRecord, SnapshotRecord, StudyLog } from '../../src/core/plugs.ts';
import type { Measurement } from '../../src/core/types.ts';
import { memoryStore, resumeStoredStudy, startStoredStudy } from '../../src/store/index.ts';
import type { StudySpec, StudyStore } from '../../src/store/index.ts';
import { spaces } from '../../src/core/registries.ts';
import '../executors/fixtures/register.ts';

// Draws one normal deviate per proposal, so snapshots often fall with a spare deviate pending.
if (!spaces.has('test-normal-steps')) {
  spaces.register('test-normal-steps', () => ({
    random: (rng) => 500 + Math.round(100 * rng.normal()),
    mutate: (g: number, rng) => g + Math.round(5 * rng.normal()),
    key: String,
    toJSON: (g: number) => g,
    fromJSON: (j) => j as number,
  }));
}

const SPEC: StudySpec = {
  name: 'toy',
  task: { id: 'test-distance', config: { target: 321 } },
  space: { id: 'test-integers', config: null },
  algorithm: { id: 'regularized-evolution', config: { populationSize: 20, tournamentSize: 5 } },
  objectives: [{ name: 'distance', goal: 'min' }],
  seed: 42,
  budgetTrials: 150,
  budgetSeconds: undefined,
};

type Event = { kind: 'proposed'; r: ProposedRecord } | { kind: 'finished'; r: FinishedRecord } | { kind: 'snapshot'; r: SnapshotRecord };

/** Writes to a store and remembers every call, so a test can cut the history anywhere. */
function recording(inner: StudyLog, events: Event[]): StudyLog {
  return {
    proposed: (r) => (events.push({ kind: 'proposed', r }), inner.proposed(r)),
    finished: (r) => (events.push({ kind: 'finished', r }), inner.finished(r)),
    snapshot: (r) => (events.push({ kind: 'snapshot', r }), inner.snapshot(r)),
    ended: (o) => inner.ended(o),
  };
}

/** Four evaluations in flight, each finishing after a delay fixed by its genotype, so they finish out of order. */
function parallel(): Executor<number> {
  return {
    capacity: 4,
    open: () => {},
    evaluate: (g: number) => new Promise<Measurement>((resolve) => setTimeout(() => resolve({ values: [Math.abs(g - 321)] }), g % 3)),
    close: async () => {},
  };
}

async function fullRun(executor?: () => Executor<number>, spec: StudySpec = SPEC): Promise<{ store: StudyStore; events: Event[] }> {
  const store = memoryStore();
  const events: Event[] = [];
  const original = store.log.bind(store);
  store.log = (name) => recording(original(name), events);
  await startStoredStudy<number>(store, spec, { snapshotEveryTrials: 7, ...(executor === undefined ? {} : { executor: executor() }) }).run();
  store.log = original;
  return { store, events };
}

/** A store holding what a study killed after its first `cut` writes would have left. */
function crashedAt(events: readonly Event[], cut: number, spec: StudySpec = SPEC): StudyStore {
  const store = memoryStore();
  store.createStudy(spec);
  const log = store.log(SPEC.name);
  for (const e of events.slice(0, cut)) {
    if (e.kind === 'proposed') log.proposed(e.r);
    else if (e.kind === 'finished') log.finished(e.r);
    else log.snapshot(e.r);
  }
  return store;
}

const outcome = (store: StudyStore) => store.trials(SPEC.name).map((t) => [t.id, t.genotype, t.status, t.values]);

describe('resumeStoredStudy', () => {
  it('ends with the same trials as a run never killed, wherever the kill falls', async () => {
    const { store, events } = await fullRun();
    const expected = outcome(store);
    assert.equal(expected.length, 150);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: events.length }), async (cut) => {
        const crashed = crashedAt(events, cut);
        await resumeStoredStudy<number>(crashed, SPEC.name, { snapshotEveryTrials: 7 }).run();
        assert.deepEqual(outcome(crashed), expected);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('resumes the same random stream when a snapshot falls between two normal deviates of a pair', async () => {
    const spec = { ...SPEC, space: { id: 'test-normal-steps', config: null } };
    const { store, events } = await fullRun(undefined, spec);
    for (const cut of [40, 41, 42, 43, 200, 201]) {
      const crashed = crashedAt(events, cut, spec);
      await resumeStoredStudy<number>(crashed, SPEC.name, { snapshotEveryTrials: 7 }).run();
      assert.deepEqual(outcome(crashed), outcome(store));
    }
  });

  it('with evaluations in parallel, re-runs those in flight and ends with each id once and exactly the budget', async () => {
    const { events } = await fullRun(parallel);
    for (const cut of [0, 5, Math.floor(events.length / 2), events.length - 3]) {
      const crashed = crashedAt(events, cut);
      const before = crashed.counts(SPEC.name);
      await resumeStoredStudy<number>(crashed, SPEC.name, { snapshotEveryTrials: 7, executor: parallel() }).run();
      const trials = crashed.trials(SPEC.name);
      assert.deepEqual(trials.map((t) => t.id), [...Array(150).keys()]);
      assert.ok(trials.every((t) => t.status === 'done' && t.values![0] === Math.abs((t.genotype as number) - 321)));
      if (cut === Math.floor(events.length / 2)) assert.ok(before.running > 0, 'the cut should leave evaluations in flight');
    }
  });

  it('resumes a study killed twice in a row', async () => {
    const { store, events } = await fullRun();
    const crashed = crashedAt(events, Math.floor(events.length / 3));
    const stop = new AbortController();
    const study = resumeStoredStudy<number>(crashed, SPEC.name, { snapshotEveryTrials: 7, signal: stop.signal });
    study.on('trial', (t) => t.id === 90 && stop.abort());
    await study.run();
    await resumeStoredStudy<number>(crashed, SPEC.name, { snapshotEveryTrials: 7 }).run();
    assert.deepEqual(outcome(crashed), outcome(store));
  });

  it('refuses a study stored without a registered space, naming the study', () => {
    const store = memoryStore();
    store.createStudy({ ...SPEC, name: 'adhoc', space: undefined });
    assert.throws(() => resumeStoredStudy(store, 'adhoc'), /study 'adhoc' was stored without a registered space/);
  });
});
