/**
 * `amoeba approx` killed with SIGKILL mid-run, through the real binary, then `amoeba resume`
 * of its group: every restart ends with exactly its budget of trials, each trial id once, and
 * the resume prints and writes what a run never killed prints and writes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sqliteStore } from '../../src/store/index.ts';
import { cli, spawnCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-approx-resume-'));
const BUDGET = 60;
const ARGS = ['approx', 'exp2', '--budget', String(BUDGET), '--restarts', '2', '--max-ops', '5', '--validation-points', '129', '--workers', '1'];
const MEMBERS = ['approx-1/seed-0', 'approx-1/seed-1'];

/** Reads the store file: each member's trial ids and statuses. */
function storedTrials(db: string) {
  const store = sqliteStore({ path: db });
  try {
    return MEMBERS.map((name) => ({ study: store.study(name)!, trials: store.trials(name).map((t) => ({ id: t.id, status: t.status })) }));
  } finally {
    store.close();
  }
}

describe('amoeba approx after SIGKILL', () => {
  it('resumes its group to exactly the budgeted trials, none lost or duplicated, and prints what an unbroken run prints', async () => {
    const db = join(dir, 'killed.db');
    const run = spawnCli([...ARGS, '--db', db]);
    // The first progress line comes with the first finished trial: the group is stored by then.
    await run.waitForErr(/^\[amoeba\] /m);
    const reader = sqliteStore({ path: db });
    try {
      while (reader.counts(MEMBERS[0]!).done < 10) {
        assert.equal(run.child.exitCode, null, `approx ended before it could be killed:\n${run.err()}`);
        await sleep(20);
      }
    } finally {
      reader.close();
    }
    run.child.kill('SIGKILL');
    assert.equal((await run.exited).code, null, 'killed, not exited');
    const before = storedTrials(db);
    const stored = before.reduce((n, m) => n + m.trials.length, 0);
    assert.ok(stored < 2 * BUDGET, `killed with ${stored} of ${2 * BUDGET} trials stored`);

    const resumedJson = join(dir, 'resumed.json');
    const resumed = await cli('resume', 'approx-1', '--db', db, '--workers', '1', '--quiet', '--json', resumedJson);
    assert.equal(resumed.code, 0, resumed.err);
    for (const { study, trials } of storedTrials(db)) {
      assert.equal(study.stopReason, 'budget', study.name);
      assert.deepEqual(trials.map((t) => t.id), [...Array(BUDGET).keys()], `${study.name}: every trial id once`);
      assert.ok(trials.every((t) => t.status === 'done' || t.status === 'failed'), `${study.name}: nothing left in flight`);
    }

    const unbrokenJson = join(dir, 'unbroken.json');
    const unbroken = await cli(...ARGS, '--db', join(dir, 'unbroken.db'), '--quiet', '--json', unbrokenJson);
    assert.equal(unbroken.code, 0, unbroken.err);
    assert.equal(resumed.out, unbroken.out);
    assert.deepEqual(JSON.parse(readFileSync(resumedJson, 'utf8')), JSON.parse(readFileSync(unbrokenJson, 'utf8')));
  });
});
