import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sqliteStore } from '../../src/store/index.ts';
import { AMOEBA_BIN, cli } from '../helpers/cli.ts';
import { startWorker } from '../helpers/queue-workers.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-automl-zero-'));
/** The demo made tiny: experiments of about a thousand individuals of P = 50 on two tasks. */
const TINY = ['--population', '50', '--tournament', '5', '--tasks', '2', '--train-steps', '150000', '--quiet'];

/** The --json result without its wall-clock fields, which no two runs share. */
function result(path: string): { [key: string]: unknown } {
  const json = JSON.parse(readFileSync(path, 'utf8')) as { [key: string]: unknown };
  for (const key of ['seconds', 'individualsPerSecond', 'secondsToSolve']) delete json[key];
  return json;
}

/** Every member of the store's one group, with its trial ids in order. */
function storedGroup(db: string) {
  const store = sqliteStore({ path: db });
  try {
    const [group, ...others] = store.groups();
    assert.equal(others.length, 0);
    return { group: group!, members: group!.members.map((name) => ({ name, study: store.study(name)!, ids: store.trials(name).map((t) => t.id) })) };
  } finally {
    store.close();
  }
}

describe('amoeba automl-zero', () => {
  it('runs the demo preset within its time limit and writes the promised JSON', async () => {
    const json = join(dir, 'out.json');
    const { code, out, err } = await cli('automl-zero', '--preset', 'demo', '--seed', '3', '--time-limit', '1', '--no-db', '--quiet', '--json', json);
    assert.equal(code, 0, err);
    assert.match(err, /preset demo, seed 3/);
    assert.match(out, /(Not solved|Solved) in [\d.]+ s: fitness [\d.]+ on 100 unseen linear tasks/);
    assert.match(out, /Algorithm found \(dead instructions removed\):\ndef Setup\(\):/);
    const steps = Number(/, ([\d,]+) training steps;/.exec(out)?.[1]?.replace(/,/g, ''));
    const written = JSON.parse(readFileSync(json, 'utf8')) as { [key: string]: unknown };
    for (const key of ['solved', 'fitness', 'individuals', 'individualsPerSecond', 'seconds', 'trainSteps', 'algorithm']) assert.ok(key in written, `JSON has ${key}`);
    assert.equal(typeof (written['algorithm'] as { setup: unknown[] }).setup.length, 'number');
    assert.ok(steps > 0 && steps === written['trainSteps'], 'the training steps, printed and written');
  });

  it('stores the run as a group of one study per experiment, whose resume prints the same result', async () => {
    const db = join(dir, 'group.db');
    const json = join(dir, 'group.json');
    const first = await cli('automl-zero', ...TINY, '--seed', '4', '--max-experiments', '2', '--db', db, '--json', json);
    assert.equal(first.code, 0, first.err);
    assert.match(first.err, /group 'automl-zero-1' in /);
    const { group, members } = storedGroup(db);
    assert.equal(group.command, 'automl-zero');
    assert.deepEqual(members.map((m) => m.name), ['automl-zero-1/e1', 'automl-zero-1/e2']);
    const individuals = (JSON.parse(readFileSync(json, 'utf8')) as { individuals: number }).individuals;
    assert.equal(members.reduce((sum, m) => sum + m.ids.length, 0), individuals, 'every individual is a stored trial');
    const resumedJson = join(dir, 'group-resumed.json');
    const resumed = await cli('resume', 'automl-zero-1', '--db', db, '--workers', '1', '--quiet', '--json', resumedJson);
    assert.equal(resumed.code, 0, resumed.err);
    assert.equal(resumed.out, first.out);
    assert.deepEqual(result(resumedJson), result(json));
  });

  it('evaluates one search on worker threads to the result of the inline run under --sync', async () => {
    const runs = [];
    for (const executor of ['inline', 'threads']) {
      const json = join(dir, `sync-${executor}.json`);
      const { code, err } = await cli('automl-zero', ...TINY, '--seed', '5', '--max-experiments', '1', '--no-db', '--workers', '2', '--sync', '--executor', executor, '--json', json);
      assert.equal(code, 0, err);
      runs.push(result(json));
    }
    assert.deepEqual(runs[1], runs[0]);
    assert.ok((runs[0]!['trainSteps'] as number) > 150_000, 'the training steps reported back by the workers are summed');
  });

  it('resumes after SIGKILL to exactly its budget of individuals, with every trial id once, and the result of a run never killed', async () => {
    const flags = [...TINY, '--seed', '6', '--budget', '3000'];
    const whole = join(dir, 'whole.json');
    const uninterrupted = await cli('automl-zero', ...flags, '--no-db', '--json', whole);
    assert.equal(uninterrupted.code, 0, uninterrupted.err);
    const db = join(dir, 'killed.db');
    const child = spawn(process.execPath, [AMOEBA_BIN, 'automl-zero', ...flags.filter((f) => f !== '--quiet'), '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      err += text;
      if (/^\[automl-zero\] /m.test(err)) child.kill('SIGKILL');
    });
    assert.equal(await exited, 'SIGKILL', err);
    const killed = storedGroup(db).members.reduce((sum, m) => sum + m.ids.length, 0);
    assert.ok(killed < 3000, `killed after ${killed} individuals`);
    const json = join(dir, 'killed.json');
    const resumed = await cli('resume', '--db', db, '--workers', '1', '--quiet', '--json', json);
    assert.equal(resumed.code, 0, resumed.err);
    const { members } = storedGroup(db);
    for (const m of members) assert.deepEqual(m.ids, [...Array(m.ids.length).keys()], `${m.name}: every trial id once`);
    assert.equal(members.reduce((sum, m) => sum + m.ids.length, 0), 3000);
    assert.equal(members[members.length - 1]!.study.stopReason, 'budget');
    assert.deepEqual(result(json), result(whole));
  });

  it('runs over Redis on two amoeba worker processes to the result of the inline run under --sync', { skip: process.env['AMOEBA_TEST_REDIS'] ? false : 'AMOEBA_TEST_REDIS is not set (e.g. redis://127.0.0.1:6399): no Redis server to run the workers on' }, async () => {
    const redis = process.env['AMOEBA_TEST_REDIS']!;
    const workers = await Promise.all([1, 2].map(() => startWorker(['--redis', redis])));
    try {
      const runs = [];
      for (const executor of [['--executor', 'inline'], ['--executor', 'redis', '--redis', redis]]) {
        const json = join(dir, `redis-${executor[1]}.json`);
        const db = join(dir, `redis-${executor[1]}.db`);
        const { code, err } = await cli('automl-zero', ...TINY, '--seed', '7', '--max-experiments', '1', '--db', db, '--workers', '2', '--sync', ...executor, '--json', json);
        assert.equal(code, 0, err);
        runs.push(result(json));
      }
      assert.deepEqual(runs[1], runs[0]);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });

  it('rejects an unknown preset with one message and exit code 2', async () => {
    const { code, err } = await cli('automl-zero', '--preset', 'cubic', '--no-db');
    assert.equal(code, 2);
    assert.match(err, /unknown automl-zero preset 'cubic'; known: demo, nonlinear, classification/);
    assert.doesNotMatch(err, /\n\s+at /);
  });

  it('rejects a bad time limit and a tournament larger than the population', async () => {
    const limit = await cli('automl-zero', '--time-limit', 'soon');
    assert.equal(limit.code, 2);
    assert.match(limit.err, /--time-limit must be a number/);
    const tournament = await cli('automl-zero', '--population', '5', '--tournament', '6', '--no-db');
    assert.equal(tournament.code, 2);
    assert.match(tournament.err, /tournamentSize must be <= populationSize/);
  });
});
