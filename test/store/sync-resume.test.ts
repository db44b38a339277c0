import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import '../../src/algorithms/index.ts';
import { memoryStore, resumeStoredStudy, sqliteStore, startStoredStudy } from '../../src/store/index.ts';
import type { StudySpec, StudyStore } from '../../src/store/index.ts';
import '../executors/fixtures/register.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-sync-resume-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SPEC: StudySpec = {
  name: 'batched',
  task: { id: 'test-distance', config: { target: 321 } },
  space: { id: 'test-integers', config: null },
  algorithm: { id: 'regularized-evolution', config: { populationSize: 12, tournamentSize: 3 } },
  objectives: [{ name: 'distance', goal: 'min' }],
  seed: 9,
  budgetTrials: 90,
  budgetSeconds: undefined,
};

const outcome = (store: StudyStore) => store.trials(SPEC.name).map((t) => [t.id, t.key, t.values]);

describe('a study run in synchronous batches', () => {
  it('keeps its batch size in the store, and a resume after a stop goes on in the same batches', async () => {
    const unbroken = memoryStore();
    await startStoredStudy<number>(unbroken, SPEC, { syncBatch: 4 }).run();
    const steady = memoryStore();
    await startStoredStudy<number>(steady, SPEC).run();
    assert.notDeepEqual(outcome(unbroken), outcome(steady), 'batches change the trials, so the check below can fail');

    const store = sqliteStore({ path: join(dir, 'batched.db') });
    const stop = new AbortController();
    const first = startStoredStudy<number>(store, SPEC, { syncBatch: 4, signal: stop.signal, snapshotEveryTrials: 10 });
    first.on('trial', (t) => t.id === 37 && stop.abort());
    await first.run();
    assert.equal(store.study(SPEC.name)!.syncBatch, 4);
    assert.ok(store.counts(SPEC.name).done < 90);
    await resumeStoredStudy<number>(store, SPEC.name).run();
    assert.deepEqual(outcome(store), outcome(unbroken));
    store.close();
  });
});
