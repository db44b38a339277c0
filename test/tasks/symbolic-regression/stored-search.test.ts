import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { sqliteStore } from '../../../src/store/index.ts';
import { nguyen, sampleProblem } from '../../../src/tasks/symbolic-regression/nguyen.ts';
import { searchFormulas } from '../../../src/tasks/symbolic-regression/search.ts';
import { cli } from '../../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-stored-sr-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('a stored formula search', () => {
  it('is rebuilt by amoeba resume from its store alone, cache included, and runs on to its budget', async () => {
    const db = join(dir, 'runs.db');
    const store = sqliteStore({ path: db });
    const stop = new AbortController();
    const result = await searchFormulas({
      // Nguyen-4 is rarely solved exactly, so the search does not end early on its own.
      data: sampleProblem(nguyen[3]!, new Rng(1)),
      seed: 4,
      budgetTrials: 900,
      store: { store, name: 'sr-1' },
      signal: stop.signal,
      onStudy: (study) => study.on('trial', (t) => void (t.id === 299 && stop.abort())),
    });
    store.close();
    assert.equal(result.summary.stopReason, 'aborted');
    assert.ok(result.summary.trials < 900);

    const resumed = await cli('resume', '--db', db, '--workers', '1', '--quiet');
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.err, /study 'sr-1' ended \(budget\): 900 done, 0 failed/);
    const exported = await cli('export', 'sr-1', '--db', db, '--format', 'json');
    const trials = JSON.parse(exported.out) as { id: number; cached: boolean }[];
    assert.deepEqual(trials.map((t) => t.id), [...Array(900).keys()]);
    // The functional-equivalence cache is rebuilt from the stored results and keeps answering.
    assert.ok(trials.some((t) => t.id >= 300 && t.cached), 'no resumed trial was answered by the cache');
  });

  it('stops on resume where a run never stopped would: exact, and no simpler exact formula for polishTrials', async () => {
    const data = sampleProblem(nguyen[0]!, new Rng(2)); // x³ + x² + x: found exactly in a few hundred trials
    const whole = await searchFormulas({ data, seed: 3, budgetTrials: 20_000, polishTrials: 300 });
    assert.equal(whole.summary.stopReason, 'condition');
    const db = join(dir, 'stop.db');
    const store = sqliteStore({ path: db });
    const stop = new AbortController();
    const cut = Math.floor(whole.summary.trials / 2);
    const first = await searchFormulas({ data, seed: 3, budgetTrials: 20_000, polishTrials: 300, store: { store, name: 'sr-stop' }, signal: stop.signal, onStudy: (study) => study.on('trial', (t) => void (t.id === cut && stop.abort())) });
    store.close();
    assert.equal(first.summary.stopReason, 'aborted');
    const resumed = await cli('resume', '--db', db, '--workers', '1', '--quiet');
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.err, new RegExp(`study 'sr-stop' ended \\(condition\\): ${whole.summary.done} done, ${whole.summary.failed} failed`));
  });
});
