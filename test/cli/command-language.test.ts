/** The flags and errors every command shares: --version, studies --delete, and bad input refused before any search. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sqliteStore, startStoredStudy } from '../../src/store/index.ts';
import { cli } from '../helpers/cli.ts';
import { freePort } from '../helpers/redis.ts';
import { TOY_SPEC, storeWithToyStudy } from './fixtures/stored-studies.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-language-'));
const csv = join(dir, 'data.csv');
const CSV_TEXT = `x,y\n${Array.from({ length: 20 }, (_, i) => `${i},${i * i}`).join('\n')}\n`;
writeFileSync(csv, CSV_TEXT);
const UNWRITABLE = join(dir, 'no-such-folder', 'out.json');

/** Expects exit code 2 with one line, no stack trace, matching `pattern`. */
async function refuses(pattern: RegExp, ...args: string[]): Promise<void> {
  const { code, err, out } = await cli(...args);
  assert.equal(code, 2, `${args.join(' ')}: ${err}`);
  assert.match(err, pattern);
  assert.equal(err.trim().split('\n').length, 1, err);
  assert.doesNotMatch(err, /\n\s+at /);
  assert.doesNotMatch(out, /formulas tried|Solved|test regret/, 'no search ran');
}

/** A store holding the toy study that ran to its budget, and the names and trial counts it holds. */
async function storeWithStudies(): Promise<{ db: string; contents: () => string[] }> {
  const db = await storeWithToyStudy();
  const contents = () => {
    const store = sqliteStore({ path: db });
    try {
      return store.studies().map((s) => `${s.name} ${s.status} ${s.stopReason} ${store.trials(s.name).length}`);
    } finally {
      store.close();
    }
  };
  return { db, contents };
}

describe('amoeba --version', () => {
  it("prints the package's version", async () => {
    const { code, out } = await cli('--version');
    assert.equal(code, 0);
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    assert.equal(out.trim(), version);
  });
});

describe('amoeba studies --delete', () => {
  it('deletes the named study and keeps the others whole', async () => {
    const { db, contents } = await storeWithStudies();
    const store = sqliteStore({ path: db });
    await startStoredStudy<number>(store, { ...TOY_SPEC, name: 'toy-2', budgetTrials: 30 }).run();
    store.close();
    const { code, out } = await cli('studies', '--db', db, '--delete', 'toy');
    assert.equal(code, 0);
    assert.match(out, /deleted study 'toy' \(120 trials\)/);
    assert.deepEqual(contents(), ['toy-2 ended budget 30']);
  });

  it('names an unknown study and deletes nothing', async () => {
    const { db, contents } = await storeWithStudies();
    await refuses(/no study named 'nope' in the store; 'amoeba studies' lists them/, 'studies', '--db', db, '--delete', 'nope');
    assert.deepEqual(contents(), ['toy ended budget 120']);
  });
});

describe('an unwritable --json path is refused before any search runs', () => {
  const pattern = /cannot write --json file '.*out\.json': the folder .*no-such-folder does not exist/;
  it('by sr, storing nothing', async () => {
    const db = join(dir, 'sr-json.db');
    await refuses(pattern, 'sr', csv, '--target', 'y', '--budget', '50', '--db', db, '--json', UNWRITABLE);
    assert.equal(existsSync(db), false);
  });
  it('by demo', () => refuses(pattern, 'demo', '--budget', '50', '--no-db', '--json', UNWRITABLE));
  it('by approx', () => refuses(pattern, 'approx', 'exp2', '--budget', '5', '--json', UNWRITABLE));
  it('by automl-zero', () => refuses(pattern, 'automl-zero', '--budget', '5', '--json', UNWRITABLE));
  it('by nas compare', () => refuses(pattern, 'nas', 'compare', '--bench', 'nb201', '--seeds', '1', '--json', UNWRITABLE));
  it('by resume, which leaves the study as it was', async () => {
    const { db, contents } = await storeWithStudies();
    await refuses(pattern, 'resume', '--db', db, '--json', UNWRITABLE);
    assert.deepEqual(contents(), ['toy ended budget 120']);
  });
});

describe('a store that is not a SQLite file is refused, and left as it was', () => {
  const pattern = /data\.csv is not a study store \(not a SQLite file\)/;
  for (const command of ['show', 'studies', 'plot', 'export', 'resume', 'dashboard']) {
    it(`by ${command}`, async () => {
      await refuses(pattern, command, '--db', csv, ...(command === 'plot' ? ['--out', join(dir, 'p.svg')] : []));
      assert.equal(readFileSync(csv, 'utf8'), CSV_TEXT);
    });
  }
  it('by sr, before it searches', async () => {
    await refuses(pattern, 'sr', csv, '--target', 'y', '--budget', '50', '--db', csv);
    assert.equal(readFileSync(csv, 'utf8'), CSV_TEXT);
  });
});

describe('a Redis server that cannot be reached is refused at the start', () => {
  it('by sr, with nothing stored lost or added', async () => {
    const { db, contents } = await storeWithStudies();
    const port = await freePort();
    await refuses(new RegExp(`cannot reach Redis at 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\); start redis-server there`), 'sr', csv, '--target', 'y', '--budget', '50', '--db', db, '--executor', 'redis', '--redis', `redis://127.0.0.1:${port}`);
    assert.deepEqual(contents(), ['toy ended budget 120']);
  });

  it('by resume, which leaves the stopped study as it was', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'amoeba-language-')), 'cut.db');
    const store = sqliteStore({ path: db });
    const stop = new AbortController();
    const study = startStoredStudy<number>(store, { ...TOY_SPEC, name: 'cut' }, { signal: stop.signal });
    study.on('trial', (t) => t.id === 19 && stop.abort());
    await study.run();
    store.close();
    const port = await freePort();
    await refuses(/cannot reach Redis at 127\.0\.0\.1:\d+/, 'resume', 'cut', '--db', db, '--executor', 'redis', '--redis', `redis://127.0.0.1:${port}`);
    const after = sqliteStore({ path: db });
    assert.deepEqual([after.study('cut')!.stopReason, after.counts('cut').done], ['aborted', 20]);
    after.close();
  });
});

describe('renamed flags', () => {
  it('name their new names', async () => {
    await refuses(/--seconds is now --time-limit/, 'approx', 'exp2', '--seconds', '5');
    await refuses(/--threads is now --workers/, 'approx', 'exp2', '--threads', '2');
    await refuses(/--seed-offset is now --seed/, 'nas', 'compare', '--bench', 'nb201', '--seed-offset', '3');
  });
});

describe('the README', () => {
  it('shows only flags that its commands accept', async () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    // Commands with subcommands (`nas compare`, `control search`, ...) are checked at the subcommand.
    const shown = [...readme.matchAll(/npx amoeba ((?:(?:nas|control|optimizers|rl-loss) )?[a-z-]+)([^\n#&>]*)/g)].map((m) => ({ command: m[1]!, flags: m[2]!.match(/--[a-z-]+/g) ?? [] }));
    assert.ok(shown.length > 10);
    for (const { command, flags } of shown) {
      const { out } = await cli(...command.split(' '), '--help');
      for (const flag of flags) assert.match(out, new RegExp(`${flag}\\b`), `amoeba ${command} --help lists ${flag}`);
    }
  });
});
