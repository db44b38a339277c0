import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-approx-'));

describe('amoeba approx', () => {
  it('prints the table beside the baselines, writes the promised JSON and exports C', async () => {
    const json = join(dir, 'out.json');
    const c = join(dir, 'out.c');
    const { code, out, err } = await cli('approx', 'exp2', '--budget', '30', '--max-ops', '5', '--validation-points', '129', '--quiet', '--json', json, '--export', 'c', '--export-file', c);
    assert.equal(code, 0, err);
    assert.match(out, /approx exp2 on \[0, 1\], mode real, seed 0/);
    assert.match(out, /\n4 +[\d.e+-]+ +\d+ ops +minimax \[1\/1\]/);
    const result = JSON.parse(readFileSync(json, 'utf8')) as { front: { ops: number; maxRelError: number; js: string }[]; baselines: { name: string; ops: number; maxRelError: number }[] };
    assert.ok(result.front.length > 0 && result.baselines.length > 0);
    assert.match(result.front[0]!.js, /^\(x\) => \{/);
    assert.match(readFileSync(c, 'utf8'), /double exp2_\d+ops\(double x\) \{/);
  });

  it('exits with code 2 and a plain message for a reversed interval', async () => {
    const { code, err } = await cli('approx', 'exp2', '--interval', '1,0');
    assert.equal(code, 2);
    assert.match(err, /--interval must be two finite numbers low < high/);
  });

  it('refuses --verify outside float32 mode', async () => {
    const { code, err } = await cli('approx', 'exp2', '--budget', '1', '--max-ops', '2', '--validation-points', '17', '--quiet', '--verify');
    assert.equal(code, 2);
    assert.match(err, /--verify needs --mode float32/);
  });
});
