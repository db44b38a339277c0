import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-sr-guide-'));
const data = join(dir, 'data.csv');
writeFileSync(data, `x,y\n${Array.from({ length: 30 }, (_, i) => { const x = -1 + i / 15; return `${x},${x ** 3 + x}`; }).join('\n')}\n`);
const SMALL = JSON.stringify({ warmupTrials: 60, retrainEveryTrials: 40, trainSteps: 2, firstTrainSteps: 5, maxTries: 3, discriminator: { width: 16, layers: 2, heads: 2, batchGraphs: 8 } });

describe('amoeba sr --guide', () => {
  it('stores a guided study whose diagnostics amoeba show prints', async () => {
    const db = join(dir, 'runs.db');
    const run = await cli('sr', data, '--target', 'y', '--budget', '180', '--seed', '2', '--quiet', '--guide', SMALL, '--db', db, '--workers', '1');
    assert.equal(run.code, 0, run.err);
    const shown = await cli('show', '--db', db);
    assert.equal(shown.code, 0, shown.err);
    assert.match(shown.out, /algorithm guided/);
    assert.match(shown.out, /algorithm diagnostics \(last snapshot\):\n {2}guided mutations: \d+\n {2}acceptance rate: [\d.]+/);
    assert.match(shown.out, /held-out pair accuracy by trials: 100: [\d.]+/);
  });

  it('rejects settings that are not a JSON object, in one line', async () => {
    const { code, err } = await cli('sr', data, '--target', 'y', '--guide', 'maxTries=4', '--no-db');
    assert.equal(code, 2);
    assert.match(err, /--guide: settings must be a JSON object/);
  });

  it('rejects an unknown guide setting, naming it', async () => {
    const { code, err } = await cli('sr', data, '--target', 'y', '--budget', '10', '--guide', '{"tries":4}', '--no-db', '--quiet');
    assert.equal(code, 2);
    assert.match(err, /unknown config key 'tries'/);
  });
});
