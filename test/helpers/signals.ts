/** Signal tests through the real binary: interrupt a search and check how its study was left. */
import assert from 'node:assert/strict';
import { constants } from 'node:os';
import { sqliteStore } from '../../src/store/index.ts';
import { spawnCli } from './cli.ts';

/** The signals that stop a search. */
export const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs `amoeba <args>`, sends `signal` after its first progress line, and returns how it ended. */
export async function interrupt(signal: NodeJS.Signals, args: string[], progress = /^\[amoeba\] /m, beforeSignal?: () => Promise<void>) {
  const run = spawnCli(args);
  await run.waitForErr(progress);
  await beforeSignal?.();
  run.child.kill(signal);
  const ended = await run.exited;
  assert.equal(ended.code, 128 + constants.signals[signal], ended.err);
  assert.match(ended.err, new RegExp(`amoeba: ${signal}: stopping the search`));
  assert.doesNotMatch(ended.err, /\n\s+at /, 'no stack trace');
  return ended;
}

/** The one study of a store file, as `amoeba studies` would list it. */
export function onlyStudy(db: string) {
  const store = sqliteStore({ path: db });
  try {
    const [study, ...others] = store.studies();
    assert.equal(others.length, 0);
    return { ...study!, counts: store.counts(study!.name) };
  } finally {
    store.close();
  }
}

/** A stopped study that resume continues: ended by the abort, short of its budget, nothing in flight. */
export function assertResumable(db: string): string {
  const study = onlyStudy(db);
  assert.equal(study.status, 'ended');
  assert.equal(study.stopReason, 'aborted');
  assert.ok(study.counts.done > 0 && study.counts.done < study.budgetTrials!, `done ${study.counts.done}`);
  assert.equal(study.counts.running + study.counts.pending, 0);
  return study.name;
}
