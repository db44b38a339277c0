/**
 * `amoeba nas compare` as a stored study group: every search a member study created up front,
 * the same result inline, on threads and from the store; SIGKILL then `amoeba resume` ends
 * with exactly the budgeted trials of every member and the result of an uninterrupted run;
 * two `amoeba worker` processes over Redis give the inline result under --sync.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sqliteStore } from '../../src/store/index.ts';
import { cli, killWhenErr } from '../helpers/cli.ts';
import { startWorker } from '../helpers/queue-workers.ts';
import { sharedDataPath, skipWithout } from '../tasks/nas/shared-data.ts';

const skip = skipWithout('nasbench201/mini-nb201-12epoch.csv');
const csv = sharedDataPath('nasbench201/mini-nb201-12epoch.csv');
const dir = mkdtempSync(join(tmpdir(), 'amoeba-nas-compare-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** `amoeba nas compare` on NB201 with these extra flags; returns what it wrote and its --json. */
async function compare(name: string, ...flags: string[]): Promise<{ json: unknown; out: string; err: string }> {
  const json = join(dir, `${name}.json`);
  const { code, out, err } = await cli('nas', 'compare', '--bench', 'nb201', '--dataset', csv, '--quiet', '--json', json, ...flags);
  assert.equal(code, 0, err);
  return { json: JSON.parse(readFileSync(json, 'utf8')), out, err };
}

/** Every member of the store's one group with its trials, as the store holds them. */
function groupMembers(db: string) {
  const store = sqliteStore({ path: db });
  try {
    const [group, ...others] = store.groups();
    assert.equal(others.length, 0);
    return { group: group!, members: group!.members.map((name) => ({ study: store.study(name)!, trials: store.trials(name) })) };
  } finally {
    store.close();
  }
}

describe('amoeba nas compare stores its searches as one group', { skip }, () => {
  it('creates every search as a member study, and gives one result inline, on threads and without a store', async () => {
    const db = join(dir, 'group.db');
    const stored = await compare('stored', '--metric', 'cifar10,cifar100', '--seeds', '3', '--budget', '25', '--db', db);
    assert.match(stored.err, /group 'nas-compare-1' of 18 searches in /);
    const { group, members } = groupMembers(db);
    assert.equal(group.command, 'nas-compare');
    assert.equal(members.length, 2 * 3 * 3);
    assert.deepEqual(members.slice(0, 3).map((m) => m.study.name), ['nas-compare-1/cifar10-re-0', 'nas-compare-1/cifar10-rs-0', 'nas-compare-1/cifar10-reinforce-0']);
    for (const { study, trials } of members) {
      assert.equal(study.budgetTrials, 25);
      assert.deepEqual(trials.map((t) => [t.id, t.status]), Array.from({ length: 25 }, (_, i) => [i, 'done']));
    }
    const threads = await compare('threads', '--metric', 'cifar10,cifar100', '--seeds', '3', '--budget', '25', '--db', db, '--workers', '3');
    assert.deepEqual(threads.json, stored.json);
    assert.match(threads.err, /group 'nas-compare-2'/);
    const memoryOnly = await compare('memory', '--metric', 'cifar10,cifar100', '--seeds', '3', '--budget', '25', '--no-db');
    assert.deepEqual(memoryOnly.json, stored.json);
    assert.equal(memoryOnly.out, stored.out);
  });

  it('resumes after SIGKILL to exactly the budget of every member, with the result of a run never killed', async () => {
    const db = join(dir, 'killed.db');
    const flags = ['--seeds', '40', '--budget', '300'];
    const run = await killWhenErr(['nas', 'compare', '--bench', 'nb201', '--dataset', csv, ...flags, '--db', db], /^\[amoeba\] /m);
    assert.equal(run.signal, 'SIGKILL', run.err);
    const killed = groupMembers(db);
    assert.equal(killed.members.length, 120, 'every member is created before any runs');
    const unfinished = killed.members.filter((m) => m.trials.filter((t) => t.status === 'done').length < 300).length;
    assert.ok(unfinished > 0, 'killed before the last search ended');
    const json = join(dir, 'resumed.json');
    const resumed = await cli('resume', killed.group.name, '--db', db, '--workers', '1', '--quiet', '--json', json);
    assert.equal(resumed.code, 0, resumed.err);
    for (const { study, trials } of groupMembers(db).members) {
      assert.deepEqual(trials.map((t) => t.id), [...Array(300).keys()], study.name);
      assert.ok(trials.every((t) => t.status === 'done'), study.name);
    }
    const whole = await compare('whole', ...flags, '--no-db');
    assert.deepEqual(JSON.parse(readFileSync(json, 'utf8')), whole.json);
    assert.equal(resumed.out, whole.out);
  });
});

const redisUrl = process.env['AMOEBA_TEST_REDIS'];

describe('amoeba nas compare over Redis', { skip: skip || (redisUrl === undefined || redisUrl === '' ? 'AMOEBA_TEST_REDIS is unset: no redis-server to run amoeba worker processes on' : false) }, () => {
  it('on two amoeba worker processes gives the inline result under --sync', async () => {
    // A database of its own on the shared server, so no other worker takes these jobs.
    const url = new URL(redisUrl!);
    url.pathname = '/13';
    const workers = await Promise.all([1, 2].map(() => startWorker(['--redis', url.href])));
    try {
      const flags = ['--seeds', '2', '--budget', '30', '--workers', '2', '--sync'];
      const inline = await compare('inline-sync', ...flags, '--executor', 'inline', '--no-db');
      const distributed = await compare('redis-sync', ...flags, '--executor', 'redis', '--redis', url.href, '--db', join(dir, 'redis.db'));
      assert.deepEqual(distributed.json, inline.json);
      assert.equal(distributed.out, inline.out);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });
});
