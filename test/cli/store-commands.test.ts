import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { exportCommand } from '../../src/cli/export.ts';
import { plotCommand } from '../../src/cli/plot.ts';
import { resumeCommand } from '../../src/cli/resume.ts';
import { showCommand } from '../../src/cli/show.ts';
import { studiesCommand } from '../../src/cli/studies.ts';
import { sqliteStore, startStoredStudy } from '../../src/store/index.ts';
import { TOY_SPEC, runCommand, storeWithToyStudy } from './fixtures/stored-studies.ts';

let db = '';
before(async () => {
  db = await storeWithToyStudy();
});

describe('amoeba studies', () => {
  it('lists each study with its status and counts', async () => {
    const { out, code } = await runCommand(studiesCommand, ['studies', '--db', db]);
    assert.equal(code, 0);
    assert.match(out, /^name\s+task\s+status/);
    assert.match(out, /toy\s+test-distance\s+ended \(budget\)\s+120\s+0\s+0\s+120/);
  });

  it('names a missing store file instead of creating it', async () => {
    const { err, code } = await runCommand(studiesCommand, ['studies', '--db', join(dirname(db), 'missing.db')]);
    assert.equal(code, 2);
    assert.match(err, /no study store at .*missing\.db/);
  });
});

describe('amoeba show', () => {
  it('prints the counts and the best trials of the newest study', async () => {
    const { out } = await runCommand(showCommand, ['show', '--db', db, '--top', '3']);
    assert.match(out, /study toy: ended \(budget\), seed 4/);
    assert.match(out, /120 done, 0 failed, 0 running, 0 pending/);
    assert.match(out, /best 3 trials:\n {2}#\d+ {2}distance \d+\n {6}\d+/);
  });

  it('gives the same report as JSON', async () => {
    const report = JSON.parse((await runCommand(showCommand, ['show', 'toy', '--db', db, '--json'])).out);
    assert.equal(report.kind, 'best');
    assert.equal(report.trials.length, 5);
    const distances = report.trials.map((t: { values: { distance: number } }) => t.values.distance);
    assert.deepEqual(distances, [...distances].sort((a, b) => a - b));
  });

  it('names an unknown study', async () => {
    const { err, code } = await runCommand(showCommand, ['show', 'nope', '--db', db]);
    assert.equal(code, 2);
    assert.match(err, /no study named 'nope'/);
  });
});

describe('amoeba export', () => {
  it('writes every trial as CSV with one column per objective', async () => {
    const { out } = await runCommand(exportCommand, ['export', '--db', db, '--format', 'csv']);
    const lines = out.trimEnd().split('\n');
    assert.equal(lines[0], 'id,status,distance,error,cached,key,hash,proposed_ms,finished_ms,genotype,info');
    assert.equal(lines.length, 121);
    assert.match(lines[1]!, /^0,done,\d+,,0,\d+,,/);
  });

  it('writes every trial as JSON to a file', async () => {
    const file = join(dirname(db), 'trials.json');
    await runCommand(exportCommand, ['export', '--db', db, '--out', file]);
    const trials = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(trials.map((t: { id: number }) => t.id), [...Array(120).keys()]);
  });

  it('refuses an unknown format', async () => {
    const { err, code } = await runCommand(exportCommand, ['export', '--db', db, '--format', 'xml']);
    assert.equal(code, 2);
    assert.match(err, /--format must be json or csv, got 'xml'/);
  });
});

describe('amoeba plot', () => {
  it('writes an SVG with its titles and axis labels as text', async () => {
    const file = join(dirname(db), 'plot.svg');
    await runCommand(plotCommand, ['plot', '--db', db, '--out', file]);
    const svg = readFileSync(file, 'utf8');
    assert.match(svg, /^<svg/);
    for (const label of ['finished trials', 'seconds since the study started', 'best distance so far (min)']) assert.ok(svg.includes(label), label);
  });

  it('writes a PNG', async () => {
    const file = join(dirname(db), 'plot.png');
    await runCommand(plotCommand, ['plot', '--db', db, '--out', file]);
    assert.deepEqual([...readFileSync(file).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  it('refuses an output that is neither .png nor .svg', async () => {
    const { err, code } = await runCommand(plotCommand, ['plot', '--db', db, '--out', 'x.jpg']);
    assert.equal(code, 2);
    assert.match(err, /--out must name a \.png or \.svg file, got 'x.jpg'/);
  });
});

describe('amoeba resume', () => {
  it('says there is nothing to resume for a study that ended at its budget', async () => {
    const { err, code } = await runCommand(resumeCommand, ['resume', '--db', db, '--workers', '1', '--quiet']);
    assert.equal(code, 0);
    assert.match(err, /study 'toy' already ended \(budget\) with 120 trials; nothing to resume/);
  });

  it('continues an interrupted study to exactly its budget', async () => {
    const path = join(dirname(db), 'interrupted.db');
    const store = sqliteStore({ path });
    const stop = new AbortController();
    const study = startStoredStudy<number>(store, { ...TOY_SPEC, name: 'cut' }, { signal: stop.signal });
    study.on('trial', (t) => t.id === 49 && stop.abort());
    await study.run();
    store.close();
    const { err, code } = await runCommand(resumeCommand, ['resume', 'cut', '--db', path, '--workers', '1', '--quiet']);
    assert.equal(code, 0, err);
    assert.match(err, /study 'cut' ended \(budget\): 120 done, 0 failed/);
  });
});
