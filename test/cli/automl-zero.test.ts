import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-automl-zero-'));

describe('amoeba automl-zero', () => {
  it('runs the demo preset within its time limit and writes the promised JSON', async () => {
    const json = join(dir, 'out.json');
    const { code, out, err } = await cli('automl-zero', '--preset', 'demo', '--seed', '3', '--time-limit', '1', '--quiet', '--json', json);
    assert.equal(code, 0, err);
    assert.match(err, /preset demo, seed 3/);
    assert.match(out, /(Not solved|Solved) in [\d.]+ s: fitness [\d.]+ on 100 unseen linear tasks/);
    assert.match(out, /Algorithm found \(dead instructions removed\):\ndef Setup\(\):/);
    const result = JSON.parse(readFileSync(json, 'utf8')) as { [key: string]: unknown };
    for (const key of ['solved', 'fitness', 'individuals', 'individualsPerSecond', 'seconds', 'algorithm']) assert.ok(key in result, `JSON has ${key}`);
    assert.equal(typeof (result['algorithm'] as { setup: unknown[] }).setup.length, 'number');
  });

  it('runs independent searches on worker threads with --workers and names the winning seed', async () => {
    const json = join(dir, 'parallel.json');
    const { code, err } = await cli('automl-zero', '--preset', 'demo', '--seed', '5', '--workers', '2', '--time-limit', '1', '--quiet', '--json', json);
    assert.equal(code, 0, err);
    assert.match(err, /2 searches, seeds 5\.\.6/);
    assert.match(err, /the search with seed [56] won; replay it alone with --seed [56] --workers 1/);
    const result = JSON.parse(readFileSync(json, 'utf8')) as { workers: number; seed: number; allIndividuals: number; individuals: number };
    assert.equal(result.workers, 2);
    assert.ok(result.allIndividuals >= result.individuals);
  });

  it('rejects an unknown preset with one message and exit code 2', async () => {
    const { code, err } = await cli('automl-zero', '--preset', 'cubic');
    assert.equal(code, 2);
    assert.match(err, /unknown automl-zero preset 'cubic'; known: demo, nonlinear, classification/);
    assert.doesNotMatch(err, /\n\s+at /);
  });

  it('rejects a bad time limit', async () => {
    const { code, err } = await cli('automl-zero', '--time-limit', 'soon');
    assert.equal(code, 2);
    assert.match(err, /--time-limit must be a number/);
  });
});
