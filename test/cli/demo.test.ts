import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.ts';

describe('amoeba demo', () => {
  it('searches each of the three laws and stores each as a study', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'amoeba-demo-')), 'demo.db');
    const { code, out, err } = await cli('demo', '--budget', '300', '--quiet', '--db', db);
    assert.equal(code, 0, err);
    assert.equal(out.match(/^== /gm)?.length, 3);
    assert.match(out, /\d of 3 laws recovered exactly from data alone\./);
    const studies = await cli('studies', '--db', db);
    for (const name of ['demo-1', 'demo-2', 'demo-3']) assert.match(studies.out, new RegExp(`^${name}\\s+symbolic-regression`, 'm'));
  });
});
