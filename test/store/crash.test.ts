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

/** Runs the child; with `freezeAt`, kills it with SIGKILL once it has frozen after that trial, unless it ends first. */
function runChild(db: string, freezeAt: number | undefined): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', CHILD, db, ...(freezeAt === undefined ? [] : [String(freezeAt)])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('frozen')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0 && out.includes('done')) resolve('done');
      else reject(new Error(`child exited with ${code ?? signal}: ${out}`));
    });
  });
}

describe('a study killed with SIGKILL', () => {
  it('resumes after every kill and ends with every trial id once, the budget exactly, and the trials of an unkilled run', async () => {
    const db = join(dir, 'crash.db');
    // Fixed, spread-out trials: early (before the first snapshot), mid-run and late.
    const killsAfterTrial = [10, 60, 74, 160, 262];
    for (const id of killsAfterTrial) assert.equal(await runChild(db, id), 'killed', `the run frozen after trial ${id}`);
    assert.equal(await runChild(db, undefined), 'done');

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
