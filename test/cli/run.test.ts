/**
 * `amoeba run search.ts`: a search file of the user's own runs as a stored study that
 * resumes after a kill, spreads over worker threads, and refuses bad files with one error.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { sqliteStore } from '../../src/store/index.ts';
import { AMOEBA_BIN, cli } from '../helpers/cli.ts';
import { startWorker } from '../helpers/queue-workers.ts';
import { sharedRedis } from '../helpers/redis.ts';

const FILE = join(import.meta.dirname, 'fixtures', 'search-file.ts');
const dir = mkdtempSync(join(tmpdir(), 'amoeba-run-'));

function storedTrials(db: string) {
  const store = sqliteStore({ path: db });
  try {
    const [study, ...others] = store.studies();
    assert.equal(others.length, 0);
    return { study: study!, trials: store.trials(study!.name) };
  } finally {
    store.close();
  }
}

describe('amoeba run', () => {
  it('runs the file as a stored study that keeps the file, and replays it from the seed', async () => {
    const results = [];
    for (const n of [1, 2]) {
      const db = join(dir, `seeded-${n}.db`);
      const json = join(dir, `seeded-${n}.json`);
      const { code, out, err } = await cli('run', FILE, '--db', db, '--workers', '1', '--quiet', '--json', json);
      assert.equal(code, 0, err);
      assert.match(err, /seed 5 .*study 'search-file-1'/);
      assert.match(out, /study search-file-1: ended \(budget\)/);
      const { study, trials } = storedTrials(db);
      assert.equal(trials.length, 300);
      assert.deepEqual(study.modules, [pathToFileURL(FILE).href]);
      assert.deepEqual(study.task, { id: 'test-fit-xy', config: { points: 20, delayMs: 0 } });
      const written = JSON.parse(readFileSync(json, 'utf8')) as { trials: { id: number }[] };
      assert.ok(written.trials.length > 0, 'the best trials in --json');
      results.push(trials.map((t) => [t.key, t.values]));
    }
    assert.deepEqual(results[0], results[1]);
  });

  it('evaluates on worker threads, which import the file themselves', async () => {
    const db = join(dir, 'threads.db');
    const { code, err } = await cli('run', FILE, '--db', db, '--workers', '2', '--budget', '60', '--quiet');
    assert.equal(code, 0, err);
    const { trials } = storedTrials(db);
    assert.equal(trials.length, 60);
    assert.equal(trials.filter((t) => t.status === 'failed').length, 0, trials.find((t) => t.error !== undefined)?.error);
  });

  it('runs on two amoeba worker processes over Redis to the trials of an inline run under --sync', async () => {
    const redis = await sharedRedis();
    const workers = await Promise.all([1, 2].map(() => startWorker(['--redis', redis.url, '--module', FILE])));
    try {
      const runs = [];
      for (const executor of [['--executor', 'inline'], ['--executor', 'redis', '--redis', redis.url]]) {
        const db = join(dir, `sync-${executor[1]}.db`);
        const { code, err } = await cli('run', FILE, '--db', db, '--workers', '2', '--sync', '--budget', '80', '--quiet', ...executor);
        assert.equal(code, 0, err);
        runs.push(storedTrials(db).trials.map((t) => [t.key, t.values]));
      }
      assert.equal(runs[1]!.length, 80);
      assert.deepEqual(runs[1], runs[0]);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await redis.stop();
    }
  });

  it('resumes after SIGKILL to exactly its budget, with every trial id once', async () => {
    const db = join(dir, 'killed.db');
    const child = spawn(process.execPath, [AMOEBA_BIN, 'run', FILE, '--db', db, '--workers', '1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, AMOEBA_TEST_DELAY_MS: '10' },
    });
    let err = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      err += text;
      if (/^\[amoeba\] /m.test(err)) child.kill('SIGKILL');
    });
    assert.equal(await exited, 'SIGKILL', err);
    const before = storedTrials(db).trials.length;
    assert.ok(before < 300, `killed after ${before} trials`);
    const resumed = await cli('resume', '--db', db, '--workers', '1', '--quiet');
    assert.equal(resumed.code, 0, resumed.err);
    const { study, trials } = storedTrials(db);
    assert.equal(study.stopReason, 'budget');
    assert.deepEqual(trials.map((t) => t.id), [...Array(300).keys()]);
  });

  it('refuses a file whose default export is not a search, naming the key, and stores nothing', async () => {
    const bad = join(dir, 'bad.ts');
    writeFileSync(bad, `export default { task: { id: 'test-fit-xy', config: { points: 5 } }, space: { id: 'graph', config: {} }, algorithm: { id: 'regularized-evolution' }, budget: 10 };\n`);
    const db = join(dir, 'bad.db');
    const { code, err } = await cli('run', bad, '--db', db);
    assert.equal(code, 2);
    assert.match(err, /unknown key 'budget' in the search definition/);
    const missing = await cli('run', join(dir, 'nope.ts'), '--db', db);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot load the search file .*nope\.ts/);
    const unregistered = join(dir, 'unregistered.ts');
    writeFileSync(unregistered, `export default { task: { id: 'no-such-task' }, space: { id: 'graph' }, algorithm: { id: 'random-search' } };\n`);
    const unknown = await cli('run', unregistered, '--db', db);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no task 'no-such-task' is registered/);
  });
});
