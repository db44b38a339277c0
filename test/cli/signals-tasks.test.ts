/**
 * Ctrl-C, SIGTERM and SIGHUP on the task commands that came after the first round (`run`,
 * `control search`, `optimizers search`): each prints its result, writes --json, exits with
 * 128 + the signal's number and leaves a study that `amoeba resume` continues.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SIGNALS, assertResumable, interrupt } from '../helpers/signals.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-signals-tasks-'));
const HUGE = '100000000';
const SEARCH_FILE = join(import.meta.dirname, 'fixtures', 'search-file.ts');

/** The commands, each with its arguments and what its printed result looks like. */
const COMMANDS = [
  { name: 'run', args: ['run', SEARCH_FILE, '--workers', '1'], result: /^study search-file-1: ended \(aborted\)/m },
  { name: 'control search', args: ['control', 'search', '--test-episodes', '2'], result: /^Best policy \(trial \d+\): mean return/m },
  { name: 'optimizers search', args: ['optimizers', 'search', '--proxy', 'quadratic', '--held-out', 'none', '--workers', '1'], result: /^best \(trial \d+\): valid loss/m },
];

for (const command of COMMANDS) {
  describe(`signals stop amoeba ${command.name}`, { concurrency: 3 }, () => {
    for (const signal of SIGNALS) {
      it(`prints the result, writes --json and leaves a resumable study on ${signal}`, async () => {
        const db = join(dir, `${command.name.replace(' ', '-')}-${signal}.db`);
        const json = join(dir, `${command.name.replace(' ', '-')}-${signal}.json`);
        const ended = await interrupt(signal, [...command.args, '--budget', HUGE, '--db', db, '--json', json]);
        assert.match(ended.out, command.result);
        assert.ok(Object.keys(JSON.parse(readFileSync(json, 'utf8')) as object).length > 0, '--json written');
        // A study, or the one member a group has started: the hint names the study or its group.
        const name = assertResumable(db);
        assert.match(ended.err, new RegExp(`amoeba resume ${name.split('/')[0]!} `));
      });
    }
  });
}
