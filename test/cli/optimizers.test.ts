import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-optimizers-'));
const TINY = ['--proxy', 'quadratic', '--steps', '40', '--lr-grid', '1e-2,3e-2', '--quiet'];

describe('amoeba optimizers', () => {
  it('searches from AdamW as a stored study, prints the best program against AdamW, and writes it as JSON that show and compare read', async () => {
    const db = join(dir, 'runs.db');
    const json = join(dir, 'best.json');
    const { code, out, err } = await cli('optimizers', 'search', ...TINY, '--budget', '30', '--population', '6', '--held-out', 'none', '--db', db, '--workers', '1', '--json', json);
    assert.equal(code, 0, err);
    assert.match(out, /30 programs tried .* FEC cache hits \d+\.\d%; dead statements \d+\.\d% per program/);
    assert.match(out, /AdamW \(the start\): valid loss /);
    assert.match(out, /best \(trial \d+\): valid loss .*\n\ndef train\(w, g, m, v, lr, step\):\n/);
    assert.match(err, /group 'optimizers-1'/);
    const saved = JSON.parse(readFileSync(json, 'utf8')) as { best: { validLoss: number; code: string }; startLoss: number };
    assert.ok(saved.best.validLoss <= saved.startLoss);
    const shown = await cli('optimizers', 'show', json);
    assert.equal(shown.code, 0);
    assert.ok(shown.out.startsWith(saved.best.code), shown.out);
    const compared = await cli('optimizers', 'compare', `lion,adamw,${json}`, '--proxy', 'quadratic', '--steps', '40', '--seeds', '2', '--lr-grid', '1e-2,3e-2');
    assert.equal(compared.code, 0, compared.err);
    assert.match(compared.out, /lion\s+\S+ ± \S+\s+-\s+\S+\s+1\n/);
    assert.match(compared.out, /adamw\s+\S+ ± \S+\s+-\s+\S+\s+2\n/);
  });

  it('runs rounds from AdamW and from the best so far with restarts and a funnel, as a group that resume reads back', async () => {
    const db = join(dir, 'rounds.db');
    const run = await cli('optimizers', 'search', ...TINY, '--budget', '40', '--rounds', '2', '--restart-patience', '8', '--population', '6', '--funnel-size', '2', '--held-out', 'none', '--db', db, '--workers', '1');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /40 programs tried .* over 2 round\(s\)/);
    assert.match(run.out, /\n {2}round 1 from adamw: 20 programs .*\n {2}round 2 from best so far: 20 programs/);
    assert.match(run.out, /funnel 1 \(quadratic: [^)]*\): AdamW \S+; \d of \d beat it|funnel: no program beat AdamW/);
    const group = /group '(optimizers-\d+)'/.exec(run.err)![1]!;
    const resumed = await cli('resume', group, '--db', db);
    assert.equal(resumed.code, 0, resumed.err);
    assert.equal(resumed.out, run.out.replace(/in \d+\.\d s \(\d+\.\d+\/s\)/, resumed.out.match(/in \d+\.\d s \(\d+\.\d+\/s\)/)![0]));
  });

  it('compares the reference optimizers with Adafactor-style among them, and draws their training curves', async () => {
    const png = join(dir, 'curves.png');
    const { code, out, err } = await cli('optimizers', 'compare', 'lion,adamw,adafactor', '--proxy', 'quadratic', '--steps', '40', '--seeds', '2', '--lr-grid', '1e-2,3e-2', '--plot', png);
    assert.equal(code, 0, err);
    assert.match(out, /adafactor\s+\S+ ± \S+\s+-\s+\S+\s+1\n/);
    assert.deepEqual([...readFileSync(png).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const svg = join(dir, 'curves.svg');
    assert.equal((await cli('optimizers', 'compare', 'lion,sgd', '--proxy', 'quadratic', '--steps', '20', '--seeds', '1', '--lr-grid', '1e-2', '--plot', svg)).code, 0);
    const drawn = readFileSync(svg, 'utf8');
    assert.match(drawn, /^<svg /);
    assert.ok(drawn.includes('lion') && drawn.includes('sgd') && !drawn.includes('NaN'));
    const staged = await cli('optimizers', 'compare', 'lion,adamw', '--proxy', 'quadratic', '--stage', '1', '--steps', '20', '--seeds', '1', '--lr-grid', '1e-2');
    assert.equal(staged.code, 0, staged.err);
    assert.match(staged.out, /^quadratic funnel stage 1, 1 seed\(s\)/);
    const refused = await cli('optimizers', 'compare', 'lion', '--proxy', 'quadratic', '--plot', join(dir, 'curves.jpg'));
    assert.equal(refused.code, 2);
    assert.match(refused.err, /--plot must name a \.png or \.svg file/);
  });

  it('searches guided with --guide, and refuses guide settings that are not JSON with exit code 2', async () => {
    const db = join(dir, 'guided.db');
    const { code, err } = await cli('optimizers', 'search', ...TINY, '--budget', '30', '--population', '6', '--held-out', 'none', '--funnel-size', '0', '--db', db, '--workers', '1', '--guide', '{"warmupTrials":10,"retrainEveryTrials":10}');
    assert.equal(code, 0, err);
    const shown = await cli('show', 'optimizers-1/round-1', '--db', db);
    assert.match(shown.out, /algorithm guided/);
    assert.match(shown.out, /guided mutations: \d+/);
    const refused = await cli('optimizers', 'search', ...TINY, '--budget', '5', '--no-db', '--guide', '{maxTries:4}');
    assert.equal(refused.code, 2);
    assert.match(refused.err, /--guide: settings must be a JSON object/);
  });

  it('shows a program simplified, as stored with --dead, and as a TypeScript update rule', async () => {
    const simplified = await cli('optimizers', 'show', 'lion');
    assert.equal(simplified.code, 0, simplified.err);
    assert.match(simplified.out, /t2 = sign\(t1\)\n {2}update = lr \* t2\n/);
    const stored = await cli('optimizers', 'show', 'lion', '--dead');
    assert.match(stored.out, /0 \* w/);
    const exported = await cli('optimizers', 'show', 'lion', '--typescript', 'lion2');
    assert.equal(exported.code, 0, exported.err);
    assert.match(exported.out, /^import type \{ optim \} from 'amoeba\/learn';\n[^]*export const lion2: optim\.UpdateRule = \{\n {2}name: 'lion2',\n {2}config: \{\},\n {2}slots: \['m'\],/);
    const bad = await cli('optimizers', 'show', 'lion', '--typescript', 'lion-2');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /JS identifier/);
  });

  it('refuses an unknown proxy, a bad grid and an unknown program with one message and exit code 2', async () => {
    for (const [args, pattern] of [
      [['optimizers', 'search', '--proxy', 'mnist'], /--proxy must be one of mnist-mlp, mnist-logistic, regression-mlp, char-lm, quadratic, got 'mnist'/],
      [['optimizers', 'search', '--lr-grid', '0,1', '--no-db'], /--lr-grid must be comma-separated learning rates > 0/],
      [['optimizers', 'show', 'adam'], /unknown optimizer program 'adam'; known: adamw, lion, sgd/],
    ] as const) {
      const { code, err } = await cli(...args);
      assert.equal(code, 2, err);
      assert.match(err, pattern);
      assert.doesNotMatch(err, /\n\s+at /);
    }
  });
});
