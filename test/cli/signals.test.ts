/**
 * Ctrl-C, SIGTERM and SIGHUP on every search command, through the real binary: each waits for
 * the command's first progress line (never a fixed sleep), signals it, and checks the result
 * printed, the --json file written, the exit code 128 + the signal's number, and for stored
 * studies that the store holds a study `amoeba resume` continues.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sqliteStore } from '../../src/store/index.ts';
import { SIGNALS, assertResumable, interrupt, onlyStudy } from '../helpers/signals.ts';
import { sharedDataPath, skipWithout } from '../tasks/nas/shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-signals-'));
// Noise: no formula fits it exactly, so the search cannot end on its own before the signal.
let noise = 1;
const rows = Array.from({ length: 40 }, (_, i) => `${i * 0.1},${(noise = (noise * 48271) % 2147483647) / 2147483647}`);
const csv = join(dir, 'noise.csv');
writeFileSync(csv, `x,y\n${rows.join('\n')}\n`);
const HUGE = '100000000';

const frontTable = /complexity\s+valid R²\s+formula\n\*?\s+\d+\s/;

describe('signals stop amoeba sr', { concurrency: 3 }, () => {
  for (const signal of SIGNALS) {
    it(`prints the front, writes --json and leaves a resumable study on ${signal}`, async () => {
      const db = join(dir, `sr-${signal}.db`);
      const json = join(dir, `sr-${signal}.json`);
      const ended = await interrupt(signal, ['sr', csv, '--target', 'y', '--budget', HUGE, '--workers', '1', '--db', db, '--json', json]);
      assert.match(ended.out, frontTable);
      assert.ok((JSON.parse(readFileSync(json, 'utf8')) as { front: unknown[] }).front.length > 0);
      const name = assertResumable(db);
      assert.match(ended.err, new RegExp(`continue with: amoeba resume ${name} --db`));
      if (signal !== 'SIGHUP') return;
      // Resumed, then stopped again: it ends as sr does, with the front and its JSON.
      const before = onlyStudy(db).counts.done;
      const resumedJson = join(dir, 'resumed.json');
      const resumed = await interrupt('SIGINT', ['resume', name, '--db', db, '--workers', '1', '--json', resumedJson]);
      assert.match(resumed.out, frontTable);
      assert.ok((JSON.parse(readFileSync(resumedJson, 'utf8')) as { front: unknown[] }).front.length > 0);
      assertResumable(db);
      assert.ok(onlyStudy(db).counts.done > before);
    });
  }
});

describe('signals stop amoeba demo', { concurrency: 3 }, () => {
  for (const signal of SIGNALS) {
    it(`prints the front of the law being searched, writes --json and leaves a resumable study on ${signal}`, async () => {
      const db = join(dir, `demo-${signal}.db`);
      const json = join(dir, `demo-${signal}.json`);
      const ended = await interrupt(signal, ['demo', '--budget', HUGE, '--time-limit', '100000', '--db', db, '--json', json]);
      assert.match(ended.out, frontTable);
      assert.match(ended.out, /laws recovered exactly from data alone/);
      const laws = (JSON.parse(readFileSync(json, 'utf8')) as { laws: { front: unknown[] }[] }).laws;
      assert.ok(laws.length >= 1 && laws[laws.length - 1]!.front.length > 0);
      const store = sqliteStore({ path: db });
      try {
        const stopped = store.studies().filter((s) => s.stopReason === 'aborted');
        assert.equal(stopped.length, 1, 'the law being searched is stored, stopped');
        assert.ok(store.counts(stopped[0]!.name).done > 0);
      } finally {
        store.close();
      }
    });
  }
});

describe('signals stop amoeba approx', { concurrency: 3 }, () => {
  for (const signal of SIGNALS) {
    it(`prints the table beside the baselines, writes --json and leaves a resumable group on ${signal}`, async () => {
      const db = join(dir, `approx-${signal}.db`);
      const json = join(dir, `approx-${signal}.json`);
      const ended = await interrupt(signal, ['approx', 'exp2', '--budget', HUGE, '--restarts', '2', '--max-ops', '5', '--validation-points', '129', '--db', db, '--json', json]);
      assert.match(ended.out, /\n4 +[\d.e+-]+ +\d+ ops +[^\n]*minimax \[1\/1\]/);
      const result = JSON.parse(readFileSync(json, 'utf8')) as { front: unknown[]; baselines: unknown[] };
      assert.ok(result.front.length > 0 && result.baselines.length > 0);
      assert.match(ended.err, /continue with: amoeba resume approx-1 --db/);
      const store = sqliteStore({ path: db });
      try {
        const [stopped, never] = store.group('approx-1')!.members.map((name) => ({ study: store.study(name)!, counts: store.counts(name) }));
        assert.equal(stopped!.study.stopReason, 'aborted');
        assert.ok(stopped!.counts.done > 0 && stopped!.counts.running + stopped!.counts.pending === 0);
        assert.equal(never!.counts.done + never!.counts.failed, 0, 'the second restart never started');
      } finally {
        store.close();
      }
      if (signal !== 'SIGHUP') return;
      // Resumed, then stopped again: it ends as approx does, with the table and its JSON.
      const resumedJson = join(dir, 'approx-resumed.json');
      const resumed = await interrupt('SIGINT', ['resume', 'approx-1', '--db', db, '--workers', '1', '--json', resumedJson]);
      assert.match(resumed.out, /^approx exp2 on \[0, 1\], mode real, seeds 0-1 \(2 restarts\)\n/);
      assert.match(resumed.out, /\n4 +[\d.e+-]+ +\d+ ops +[^\n]*minimax \[1\/1\]/);
      assert.ok((JSON.parse(readFileSync(resumedJson, 'utf8')) as { front: unknown[] }).front.length > 0);
      assert.match(resumed.err, /continue with: amoeba resume approx-1 --db/);
    });
  }
});

describe('signals stop amoeba automl-zero', { concurrency: 3 }, () => {
  for (const signal of SIGNALS) {
    // One of them evaluates on worker threads: the stop must reach the evaluations there too.
    const workers = signal === 'SIGHUP' ? '2' : '1';
    it(`reports the best algorithm so far, writes --json and leaves a resumable group on ${signal} (${workers} worker${workers === '1' ? '' : 's'})`, async () => {
      const db = join(dir, `automl-zero-${signal}.db`);
      const json = join(dir, `automl-zero-${signal}.json`);
      const ended = await interrupt(signal, ['automl-zero', '--preset', 'demo', '--time-limit', '100000', '--workers', workers, '--db', db, '--json', json], /^\[automl-zero\] /m);
      assert.match(ended.out, /(Not solved|Solved) in [\d.]+ s: fitness [\d.]+ on 100 unseen linear tasks/);
      assert.match(ended.out, /def Setup\(\):/);
      const result = JSON.parse(readFileSync(json, 'utf8')) as { individuals: number; algorithm: unknown };
      assert.ok(result.individuals > 0 && result.algorithm !== undefined);
      assert.match(ended.err, /continue with: amoeba resume automl-zero-1 --db/);
      const store = sqliteStore({ path: db });
      try {
        const members = store.group('automl-zero-1')!.members.map((name) => store.study(name)!);
        const last = members[members.length - 1]!;
        assert.equal(last.stopReason, 'aborted', 'the experiment in flight is stored, stopped');
        assert.equal(store.counts(last.name).running + store.counts(last.name).pending, 0);
      } finally {
        store.close();
      }
      if (signal !== 'SIGHUP') return;
      // Resumed, then stopped again: it ends as automl-zero does, with the algorithm and its JSON.
      const resumedJson = join(dir, 'automl-zero-resumed.json');
      const resumed = await interrupt('SIGINT', ['resume', 'automl-zero-1', '--db', db, '--workers', '1', '--json', resumedJson], /^\[automl-zero\] /m);
      assert.match(resumed.out, /def Setup\(\):/);
      assert.ok((JSON.parse(readFileSync(resumedJson, 'utf8')) as { individuals: number }).individuals > result.individuals);
    });
  }
});

describe('signals stop amoeba nas compare', { concurrency: 3, skip: skipWithout('nasbench201/mini-nb201-12epoch.csv') }, () => {
  // Far more searches than finish before the signal; every one is a member study made up front.
  const SEEDS = '1000';
  /** Resolves once the store holds the three searches of seed 0 at their budget (polled: the run writes it meanwhile). */
  const firstSeedStored = async (db: string) => {
    for (;;) {
      const store = sqliteStore({ path: db });
      try {
        const members = store.group('nas-compare-1')?.members.slice(0, 3) ?? [];
        if (members.length === 3 && members.every((name) => store.counts(name).done === 100)) return;
      } finally {
        store.close();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  for (const signal of SIGNALS) {
    it(`reports the seeds finished, writes --json and leaves the group resumable on ${signal}`, async () => {
      const json = join(dir, `nas-${signal}.json`);
      const db = join(dir, `nas-${signal}.db`);
      const csvPath = sharedDataPath('nasbench201/mini-nb201-12epoch.csv');
      const ended = await interrupt(signal, ['nas', 'compare', '--bench', 'nb201', '--dataset', csvPath, '--seeds', SEEDS, '--budget', '100', '--db', db, '--json', json], undefined, () => firstSeedStored(db));
      const seeds = Number(/after 100 queries, mean \[95% CI\] over (\d+) seeds/.exec(ended.out)?.[1]);
      assert.ok(seeds >= 1 && seeds < Number(SEEDS), ended.out);
      const result = JSON.parse(readFileSync(json, 'utf8')) as { seeds: number; results: Record<string, { curve: number[] }> };
      assert.equal(result.seeds, seeds);
      assert.deepEqual(Object.keys(result.results), ['re', 'rs', 'reinforce']);
      assert.match(ended.err, new RegExp(`stopped after ${seeds} of ${SEEDS} seeds; .*continue with: amoeba resume nas-compare-1 --db `));
      const store = sqliteStore({ path: db });
      try {
        const group = store.group('nas-compare-1')!;
        assert.equal(group.members.length, 3 * Number(SEEDS));
        const stopped = group.members.map((name) => store.study(name)!).filter((s) => s.status === 'ended' && s.stopReason === 'aborted');
        assert.ok(stopped.length <= 1, 'at most the search running stops early');
        for (const study of stopped) assert.equal(store.counts(study.name).running + store.counts(study.name).pending, 0);
      } finally {
        store.close();
      }
    });
  }
});
