import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-sr-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const rows = Array.from({ length: 40 }, (_, i) => {
  const x = -2 + i * 0.1;
  return `${x},${x * x + 1}`;
});
const good = file('good.csv', `x,y\n${rows.join('\n')}\n`);
// No store and one worker, unless a test is about them: a seed then replays the search.
const PLAIN = ['--no-db', '--workers', '1'];

/** The front's table rows in the CLI's output. */
const front = (text: string) => text.split('\n').filter((line) => /^[ *]\s+\d+\s/.test(line));

/** Runs the CLI and expects exit code 2 with exactly one message line matching `pattern`. */
async function rejects(pattern: RegExp, ...args: string[]): Promise<void> {
  const { code, err } = await cli(...args);
  assert.equal(code, 2, `exit code for ${args.join(' ')}: ${err}`);
  assert.match(err, pattern);
  assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
}

describe('amoeba sr', () => {
  it('fits a formula and writes the front as JSON whose js evaluates the formula', async () => {
    const json = join(dir, 'front.json');
    const { code, out } = await cli('sr', good, '--target', 'y', '--budget', '3000', '--seed', '3', '--quiet', '--json', json, ...PLAIN);
    assert.equal(code, 0);
    assert.match(out, /complexity\s+valid R²\s+formula/);
    const result = JSON.parse(readFileSync(json, 'utf8')) as { front: { expression: string; js: string; complexity: number; trainError: number; validError: number }[]; best: number };
    assert.ok(result.front.length > 0 && result.best >= 0 && result.best < result.front.length);
    const best = result.front[result.best]!;
    for (const key of ['expression', 'js', 'complexity', 'trainError', 'validError']) assert.ok(key in best);
    const f = new Function('x', `return ${best.js};`) as (x: number) => number;
    assert.ok(Math.abs(f(1.5) - (1.5 * 1.5 + 1)) < 1e-3 * 3.25, `best ${best.expression} at 1.5 gives ${f(1.5)}`);
  });

  it('gives the same front twice for the same seed', async () => {
    const a = await cli('sr', good, '--target', 'y', '--budget', '1500', '--seed', '7', '--quiet', ...PLAIN);
    const b = await cli('sr', good, '--target', 'y', '--budget', '1500', '--seed', '7', '--quiet', ...PLAIN);
    assert.ok(front(a.out).length > 0);
    assert.deepEqual(front(a.out), front(b.out));
  });

  it('replays with the default flags, as its seed line says', async () => {
    const args = ['sr', good, '--target', 'y', '--budget', '800', '--seed', '4', '--quiet', '--no-db'];
    const a = await cli(...args);
    const b = await cli(...args);
    assert.match(a.err, /rerun with --seed 4 to replay\)/);
    assert.ok(front(a.out).length > 0);
    assert.deepEqual(front(a.out), front(b.out));
    const threads = await cli(...args, '--workers', '2', '--budget', '50');
    assert.match(threads.err, /with --workers 2 add --sync for that/);
  });

  it('warns when the rows are too few for the formulas searched', async () => {
    const few = file('few.csv', `x,y\n${rows.slice(0, 8).join('\n')}\n`);
    const { code, err } = await cli('sr', few, '--target', 'y', '--budget', '50', '--quiet', ...PLAIN);
    assert.equal(code, 0);
    assert.match(err, /warning: only 8 rows \(6 to fit, 2 to validate\)/);
  });

  it('replays the same search on worker threads as inline with --sync', async () => {
    const args = ['sr', good, '--target', 'y', '--budget', '600', '--seed', '5', '--quiet', '--no-db', '--workers', '2', '--sync'];
    const inline = await cli(...args, '--executor', 'inline');
    const threads = await cli(...args, '--executor', 'threads');
    assert.equal(threads.code, 0, threads.err);
    assert.ok(front(inline.out).length > 0);
    assert.deepEqual(front(threads.out), front(inline.out));
  });

  it('stores each search as a new study that amoeba studies lists', async () => {
    const db = join(dir, 'runs.db');
    for (let run = 0; run < 2; run++) {
      const { code, err } = await cli('sr', good, '--target', 'y', '--budget', '300', '--quiet', '--workers', '1', '--db', db);
      assert.equal(code, 0, err);
      assert.match(err, new RegExp(`study 'sr-${run + 1}' in `));
    }
    const { out } = await cli('studies', '--db', db);
    assert.match(out, /^sr-1\s+symbolic-regression\s+ended/m);
    assert.match(out, /^sr-2\s+symbolic-regression\s+ended/m);
    // The report prints formulas as the search does: over the column names, constants fitted.
    const shown = await cli('show', 'sr-1', '--db', db);
    assert.match(shown.out, /x²/);
    assert.doesNotMatch(shown.out, /x0/);
  });

  it('gives each formula the same complexity in sr and in show', async () => {
    const db = join(dir, 'agree.db');
    const run = await cli('sr', good, '--target', 'y', '--budget', '1500', '--seed', '4', '--quiet', '--workers', '1', '--db', db);
    assert.equal(run.code, 0, run.err);
    const shown = await cli('show', '--db', db);
    assert.ok(front(run.out).length > 0);
    assert.deepEqual(front(shown.out), front(run.out));
    const json = JSON.parse((await cli('show', '--db', db, '--json')).out) as { model: { front: { complexity: number }[] } };
    assert.deepEqual(json.model.front.map((f) => f.complexity), front(run.out).map((line) => Number(line.trim().replace(/^\*\s*/, '').split(/\s+/)[0])));
  });

  it('rejects a missing file', () => rejects(/cannot read data file '.*nope\.csv': no such file/, 'sr', join(dir, 'nope.csv'), '--target', 'y'));
  it('rejects a file without a header', () => rejects(/has no header/, 'sr', file('nohead.csv', '1,2\n3,4\n'), '--target', 'y'));
  it('rejects a non-numeric cell', () => rejects(/line 3: the cell 'x7' in column 'x' is not a finite number/, 'sr', file('text.csv', 'x,y\n1,2\nx7,3\n'), '--target', 'y'));
  it('rejects an empty cell', () => rejects(/line 2: the cell in column 'y' is empty/, 'sr', file('empty.csv', 'x,y\n1,\n'), '--target', 'y'));
  it('rejects an unknown target column', () => rejects(/unknown target column 'z'.*columns are: x, y/, 'sr', good, '--target', 'z'));
  it('rejects an unknown op', () => rejects(/unknown op 'frobnicate'; known ops:/, 'sr', good, '--target', 'y', '--ops', 'add,frobnicate'));
  it('rejects too few rows', () => rejects(/3 data rows; at least 5 are needed/, 'sr', file('short.csv', 'x,y\n1,2\n2,3\n3,4\n'), '--target', 'y'));
  it('rejects an unknown executor', () => rejects(/--executor must be inline, threads or redis, got 'gpu'/, 'sr', good, '--target', 'y', '--executor', 'gpu'));
  it('rejects --executor redis without a server', () => rejects(/--executor redis needs --redis <url>/, 'sr', good, '--target', 'y', '--executor', 'redis', '--no-db'));
  it('rejects a timeout for inline evaluations', () => rejects(/--timeout needs evaluations off the study thread/, 'sr', good, '--target', 'y', '--workers', '1', '--timeout', '100', '--no-db'));
  it('rejects a negative budget', () => rejects(/--budget must be a whole number >= 0, got '-5'/, 'sr', good, '--target', 'y', '--budget', '-5'));

  it('exits with code 2 and one line from the installed command', () => {
    try {
      execFileSync(join(import.meta.dirname, '../../bin/amoeba.js'), ['sr', join(dir, 'nope.csv'), '--target', 'y'], { stdio: 'pipe' });
      assert.fail('expected a non-zero exit');
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      assert.equal(e.status, 2);
      assert.equal(e.stderr.toString().trim().split('\n').length, 1);
    }
  });
});
