import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import '../../src/algorithms/index.ts';
import { openStoreFile } from '../../src/store/index.ts';
import { searchPolicies } from '../../src/tasks/control/index.ts';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-control-'));

describe('amoeba control', () => {
  it('evolves a cart-pole policy as a stored study, prints it as code with its held-out scores, and writes JSON', async () => {
    const db = join(dir, 'runs.db');
    const json = join(dir, 'best.json');
    const { code, out, err } = await cli('control', 'search', '--env', 'cartpole', '--seed', '1', '--budget', '3000', '--test-episodes', '5', '--db', db, '--json', json, '--quiet');
    assert.equal(code, 0, err);
    assert.match(err, /control search on cartpole, seed 1 .*study 'control-1'/);
    assert.match(out, /policies tried in [\d.]+ s/);
    assert.match(out, /Best policy \(trial \d+\): mean return [\d.]+ on its 5 stationary search episodes/);
    assert.match(out, /def Step\(\):\n {2}s4 = /);
    for (const family of ['stationary', 'train', 'slope', 'actuator', 'friction', 'pole', 'sensor', 'combined']) assert.match(out, new RegExp(`\\n  ${family} +[\\d.]+ +\\d+%`));
    const result = JSON.parse(readFileSync(json, 'utf8')) as { searchReturn: number; policy: { step: unknown[] }; scores: { family: string }[] };
    assert.ok(result.searchReturn >= 200, `search return ${result.searchReturn}`);
    assert.equal(result.scores.length, 8);

    const evaluated = await cli('control', 'eval', json, '--env', 'cartpole', '--family', 'stationary,actuator', '--test-episodes', '5');
    assert.equal(evaluated.code, 0, evaluated.err);
    assert.match(evaluated.out, /stationary +[\d.]+/);
    assert.doesNotMatch(evaluated.out, /\n {2}slope/);

    const svg = join(dir, 'flip.svg');
    const rendered = await cli('control', 'render', json, '--env', 'cartpole', '--cataclysm', 'actuator@20=-1', '--frames', '4', '--out', svg);
    assert.equal(rendered.code, 0, rendered.err);
    assert.match(rendered.out, /flip\.svg: return \d+, (fell|survived); events: actuator@20=-1/);
    const picture = readFileSync(svg, 'utf8');
    assert.match(picture, /^<svg /);
    assert.equal(picture.match(/step \d+ \(/g)?.length, 4, 'four snapshots');
    assert.match(picture, /actuator -1 @20/);

    const shown = await cli('show', 'control-1', '--db', db);
    assert.equal(shown.code, 0, shown.err);
    assert.match(shown.out, /s4 = /, 'show prints the policy as code');
  });

  it('amoeba resume continues an interrupted policy study and prints it as control search does', async () => {
    const db = join(dir, 'resume.db');
    const store = openStoreFile(db);
    const abort = new AbortController();
    const first = await searchPolicies({
      task: { env: 'cartpole', episodes: 2 }, seed: 4, budgetTrials: 1500, stopWhenPerfect: false, signal: abort.signal,
      store: { store, name: 'control-1' },
      onStudy: (study) => study.on('trial', (t) => void (t.id === 300 && abort.abort())),
    });
    store.close();
    assert.equal(first.summary.stopReason, 'aborted');
    const resumed = await cli('resume', 'control-1', '--db', db, '--workers', '1', '--quiet');
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.out, /1500 policies tried/);
    assert.match(resumed.out, /Best policy \(trial \d+\): mean return [\d.]+ on its 2 stationary search episodes\n# s0\.\.s3/);
    assert.match(resumed.out, /\n {2}combined +[\d.]+ +\d+%/);
  });

  it('refuses an unknown environment, family or a malformed policy with one line and exit code 2', async () => {
    const env = await cli('control', 'search', '--env', 'quadruped', '--no-db');
    assert.equal(env.code, 2);
    assert.match(env.err, /--env must be one of cartpole, cataclysmic-cartpole, got 'quadruped'/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ start: [], step: [{ op: 'SCALAR_SUM_OP', in1: 0, in2: 1, out: 0 }] }));
    const program = await cli('control', 'eval', bad);
    assert.equal(program.code, 2);
    assert.match(program.err, /step\[0\] \(SCALAR_SUM_OP\): out must be a scalar register in s4\.\.s9, got 0/);
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ start: [], step: [{ op: 'SCALAR_SUM_OP', in1: 3, in2: 2, out: 4 }] }));
    const events = await cli('control', 'render', good, '--cataclysm', 'quake@3=1', '--out', join(dir, 'x.png'));
    assert.equal(events.code, 2);
    assert.match(events.err, /--cataclysm: 'quake@3=1' must look like actuator@150=-1/);
    const family = await cli('control', 'eval', good, '--family', 'earthquake');
    assert.equal(family.code, 2);
    assert.match(family.err, /unknown cataclysm family 'earthquake'/);
    assert.doesNotMatch(family.err, /\n\s+at /);
  });
});
