import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { resumeCommand } from '../../src/cli/resume.ts';
import { takeInterruptExitCode } from '../../src/cli/signals.ts';
import { showCommand } from '../../src/cli/show.ts';
import { studiesCommand } from '../../src/cli/studies.ts';
import { freshGroupName, groupMemberName, registerGroupOutput } from '../../src/cli/study-group.ts';
import { UsageError } from '../../src/core/errors.ts';
import { memoryStore, sqliteStore } from '../../src/store/index.ts';
import type { StudySpec } from '../../src/store/index.ts';
import { cli } from '../helpers/cli.ts';
import { runCommand } from './fixtures/stored-studies.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-groups-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const csv = join(dir, 'square.csv');
writeFileSync(csv, `x,y\n${Array.from({ length: 30 }, (_, i) => `${i / 10},${(i / 10) ** 3 - i / 10}`).join('\n')}\n`);

/** A formula study's recipes, taken from a short `amoeba sr` run, for building fake groups. */
let formula: Omit<StudySpec, 'name' | 'seed' | 'budgetTrials'>;
before(async () => {
  const db = join(dir, 'recipes.db');
  const { code, err } = await cli('sr', csv, '--target', 'y', '--budget', '50', '--workers', '1', '--quiet', '--db', db);
  assert.equal(code, 0, err);
  const store = sqliteStore({ path: db });
  const { task, space, algorithm, objectives, budgetSeconds } = store.study('sr-1')!;
  formula = { task, space, algorithm, objectives, budgetSeconds };
  store.close();
});

/** A store file holding the group `name` of two formula studies, created and never run. */
function storeWithGroup(file: string, name: string, command: string): string {
  const path = join(dir, file);
  const store = sqliteStore({ path });
  store.createGroup({ name, command, config: { seeds: [1, 2] } });
  for (const [member, seed] of [['a', 1], ['b', 2]] as const) store.createStudy({ ...formula, name: groupMemberName(name, member), seed, budgetTrials: 150 });
  store.close();
  return path;
}

registerGroupOutput('test-fits-summary', (store, group) => {
  const done = group.members.map((m) => store.counts(m).done);
  return { text: `fits: ${done.join(' + ')} formulas\n`, json: { members: group.members.length, done } };
});

describe('group names', () => {
  it('names members group/member and refuses a group name with a slash', () => {
    assert.equal(groupMemberName('cmp-1', 'seed-3'), 'cmp-1/seed-3');
    assert.throws(() => groupMemberName('a/b', 'c'), UsageError);
    assert.throws(() => groupMemberName('a', ''), UsageError);
  });

  it('picks a fresh name that no study and no group has', () => {
    const store = memoryStore();
    assert.equal(freshGroupName(store, 'x'), 'x-1');
    store.createGroup({ name: 'x-1', command: 'c', config: null });
    store.createStudy({ ...formula, name: 'x-2', seed: 1, budgetTrials: 1 });
    assert.equal(freshGroupName(store, 'x'), 'x-3');
  });

  it('refuses a second, different output for one command', () => {
    assert.throws(() => registerGroupOutput('test-fits-summary', () => ({ text: '', json: null })), /has a group output already/);
  });
});

describe('amoeba studies and show with a group', () => {
  it('lists a group as one line and its members on request, and deletes it whole', async () => {
    const db = storeWithGroup('list.db', 'fit-1', 'test-fits');
    const top = await runCommand(studiesCommand, ['studies', '--db', db]);
    assert.equal(top.code, 0, top.err);
    const lines = top.out.trimEnd().split('\n');
    assert.equal(lines.length, 2, top.out);
    assert.match(lines[1]!, /^fit-1\s+test-fits \(group\)\s+running \(0\/2 studies\)\s+0\s+0\s+0\s+300\s/);
    const members = await runCommand(studiesCommand, ['studies', 'fit-1', '--db', db]);
    assert.deepEqual(members.out.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/).slice(0, 3)), [['fit-1/a', 'symbolic-regression', 'running'], ['fit-1/b', 'symbolic-regression', 'running']]);
    const json = JSON.parse((await runCommand(studiesCommand, ['studies', '--db', db, '--json'])).out);
    assert.deepEqual(json[0].group, { command: 'test-fits', members: 2, finished: 0 });
    const shown = await runCommand(showCommand, ['show', 'fit-1', '--db', db]);
    assert.match(shown.out, /^group fit-1: test-fits, 2 studies/);
    assert.match(shown.out, /\n {2}fit-1\/a {2}running, 0\/150 done, 0 failed; front of 0\n {2}fit-1\/b {2}running, 0\/150 done/);
    const unknown = await runCommand(studiesCommand, ['studies', 'nope', '--db', db]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no study group named 'nope'/);
    const deleted = await runCommand(studiesCommand, ['studies', '--db', db, '--delete', 'fit-1']);
    assert.match(deleted.out, /deleted group 'fit-1' \(2 studies, 0 trials\)/);
    assert.match((await runCommand(studiesCommand, ['studies', '--db', db])).out, /no studies in this store yet/);
  });
});

describe('amoeba resume with a group', () => {
  it('runs every member to its budget in order and prints each one’s result', async () => {
    const db = storeWithGroup('plain.db', 'fit-1', 'test-fits');
    const json = join(dir, 'plain.json');
    const { out, err, code } = await runCommand(resumeCommand, ['resume', '--db', db, '--workers', '1', '--quiet', '--json', json]);
    assert.equal(code, 0, err);
    assert.match(err, /group 'fit-1' ended: 2 of 2 studies finished/);
    assert.ok(out.indexOf('fit-1/a:\n') >= 0 && out.indexOf('fit-1/a:\n') < out.indexOf('fit-1/b:\n'), out);
    assert.equal(out.match(/complexity\s+valid R²\s+formula/g)?.length, 2);
    const written = JSON.parse(readFileSync(json, 'utf8'));
    assert.deepEqual(written.members.map((m: { name: string }) => m.name), ['fit-1/a', 'fit-1/b']);
    assert.ok(Array.isArray(written.members[0].result.front));
    const store = sqliteStore({ path: db });
    assert.deepEqual(['fit-1/a', 'fit-1/b'].map((m) => [store.study(m)!.status, store.counts(m).done + store.counts(m).failed]), [['ended', 150], ['ended', 150]]);
    store.close();
    const again = await runCommand(resumeCommand, ['resume', 'fit-1', '--db', db, '--workers', '1', '--quiet']);
    assert.match(again.err, /group 'fit-1' already ended: its 2 studies are finished; nothing to resume/);
    assert.match(again.out, /fit-1\/a:\n/, 'a finished group still prints its result');
  });

  it('finishes only the members left, then prints the output its command registered', async () => {
    const db = storeWithGroup('registered.db', 'fit-2', 'test-fits-summary');
    const first = await runCommand(resumeCommand, ['resume', 'fit-2/a', '--db', db, '--workers', '1', '--quiet']);
    assert.match(first.err, /study 'fit-2\/a' ended \(budget\): 150 done/);
    const json = join(dir, 'registered.json');
    const { out, err } = await runCommand(resumeCommand, ['resume', 'fit-2', '--db', db, '--workers', '1', '--json', json]);
    assert.doesNotMatch(err, /resuming 'fit-2\/a'/);
    assert.match(err, /resuming 'fit-2\/b'/);
    assert.equal(out, 'fits: 150 + 150 formulas\n');
    assert.deepEqual(JSON.parse(readFileSync(json, 'utf8')), { members: 2, done: [150, 150] });
  });

  it('shows each finished member’s best on one line', async () => {
    const db = storeWithGroup('shown.db', 'fit-3', 'test-fits');
    await runCommand(resumeCommand, ['resume', 'fit-3', '--db', db, '--workers', '1', '--quiet']);
    const { out } = await runCommand(showCommand, ['show', '--db', db]);
    assert.match(out, /^group fit-3/);
    assert.match(out, /fit-3\/b {2}ended \(budget\), 150\/150 done, 0 failed; front of \d+/);
    const report = JSON.parse((await runCommand(showCommand, ['show', 'fit-3', '--db', db, '--json'])).out);
    assert.deepEqual(report.members.map((m: { name: string; done: number }) => [m.name, m.done]), [['fit-3/a', 150], ['fit-3/b', 150]]);
  });

  it('stops at an interrupt, leaving the members not reached for the next resume', async () => {
    const db = storeWithGroup('interrupted.db', 'fit-4', 'test-fits');
    let err = '';
    // SIGTERM as the first member starts: it stops at once, and the second is not started.
    const io = { out: () => {}, err: (t: string) => void ((err += t), t.includes("resuming 'fit-4/a'") && process.emit('SIGTERM', 'SIGTERM')) };
    const program = new Command('amoeba').exitOverride();
    resumeCommand(program, io);
    await program.parseAsync(['resume', 'fit-4', '--db', db, '--workers', '1', '--quiet'], { from: 'user' });
    assert.equal(takeInterruptExitCode(), 143, err);
    assert.match(err, /group 'fit-4' interrupted; continue with: amoeba resume fit-4 --db .*: 0 of 2 studies finished/);
    assert.doesNotMatch(err, /resuming 'fit-4\/b'/);
    const store = sqliteStore({ path: db });
    assert.deepEqual([store.study('fit-4/a')!.stopReason, store.study('fit-4/b')!.status, store.counts('fit-4/b').done], ['aborted', 'running', 0]);
    store.close();
    const { err: rest } = await runCommand(resumeCommand, ['resume', 'fit-4', '--db', db, '--workers', '1', '--quiet']);
    assert.match(rest, /group 'fit-4' ended: 2 of 2 studies finished/);
  });
});
