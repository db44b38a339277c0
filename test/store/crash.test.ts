import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryStore, sqliteStore, startStoredStudy } from '../../src/store/index.ts';
import { CRASH_SPEC } from './fixtures/crash-child.ts';

const CHILD = fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'amoeba-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child; kills it with SIGKILL `killAfterMs` after it starts running, unless it ends first. */
function runChild(db: string, killAfterMs: number | undefined): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (killAfterMs !== undefined && timer === undefined && out.includes('running')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('done')) resolve('done');
      else reject(new Error(`child exited with ${code ?? signal}: ${out}`));
    });
  });
}

describe('a study killed with SIGKILL', () => {
  it('resumes after every kill and ends with every trial id once, the budget exactly, and the trials of an unkilled run', async () => {
    const db = join(dir, 'crash.db');
    // Fixed, spread-out moments: early (before the first snapshot), mid-run and late.
    const killsAfterMs = [40, 120, 60, 150, 90];
    let kills = 0;
    for (const ms of killsAfterMs) if ((await runChild(db, ms)) === 'killed') kills++;
    while ((await runChild(db, undefined)) !== 'done');
    assert.ok(kills >= 5, `only ${kills} of the runs were killed before they ended`);

    const store = sqliteStore({ path: db });
    const trials = store.trials(CRASH_SPEC.name);
    store.close();
    assert.equal(trials.length, CRASH_SPEC.budgetTrials);
    assert.deepEqual(trials.map((t) => t.id), [...Array(CRASH_SPEC.budgetTrials).keys()]);
    assert.equal(trials.filter((t) => t.status === 'done').length, CRASH_SPEC.budgetTrials);

    const reference = memoryStore();
    await startStoredStudy<number>(reference, CRASH_SPEC, { snapshotEveryTrials: 25 }).run();
    assert.deepEqual(trials.map((t) => [t.genotype, t.values]), reference.trials(CRASH_SPEC.name).map((t) => [t.genotype, t.values]));
  });
});
