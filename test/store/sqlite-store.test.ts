import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UsageError } from '../../src/core/errors.ts';
import { openDatabase } from '../../src/store/sqlite-driver.ts';
import { migrate } from '../../src/store/sqlite-schema.ts';
import { SCHEMA_VERSION, memoryStore, sqliteStore } from '../../src/store/index.ts';
import type { StudySpec, StudyStore } from '../../src/store/index.ts';

let files = 0;
const dir = mkdtempSync(join(tmpdir(), 'amoeba-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SPEC: StudySpec = {
  name: 's1',
  task: { id: 't', config: { a: 1 } },
  space: { id: 'sp', config: null },
  algorithm: { id: 'random-search', config: {} },
  objectives: [{ name: 'error', goal: 'min' }, { name: 'size', goal: 'max' }],
  seed: 3,
  budgetTrials: 10,
  budgetSeconds: undefined,
};

function writeSome(store: StudyStore): void {
  store.createStudy(SPEC);
  const log = store.log('s1');
  log.proposed({ id: 0, genotype: { op: 'add', args: [0, 1] }, key: 'k0', hash: 'h0', seq: 0, proposedMs: 1 });
  log.finished({ id: 0, status: 'done', values: [0.5, 3], error: undefined, cached: false, info: { c: [1.5] }, seq: 1, finishedMs: 4 });
  log.proposed({ id: 1, genotype: 7, key: 'k1', hash: undefined, seq: 2, proposedMs: 5 });
  log.finished({ id: 1, status: 'failed', values: [NaN, NaN], error: 'timeout', cached: false, info: undefined, seq: 3, finishedMs: 9 });
  log.proposed({ id: 2, genotype: [1, 2], key: 'k2', hash: 'h2', seq: 4, proposedMs: 10 });
  log.snapshot({ seq: 5, algorithm: { algorithm: 'random-search', version: 1 }, rng: { state: [1, 2, 3, 4], spare: null }, elapsedMs: 11 });
}

for (const [name, open] of [
  ['sqliteStore', () => sqliteStore({ path: join(dir, `s${files++}.db`) })],
  ['memoryStore', () => memoryStore()],
] as const) {
  describe(name, () => {
    it('reads back every trial as written, failed values as NaN', () => {
      const store = open();
      writeSome(store);
      const trials = store.trials('s1');
      assert.deepEqual(trials.map((t) => [t.id, t.status, t.genotype, t.key, t.hash, t.error]), [
        [0, 'done', { op: 'add', args: [0, 1] }, 'k0', 'h0', undefined],
        [1, 'failed', 7, 'k1', undefined, 'timeout'],
        [2, 'running', [1, 2], 'k2', 'h2', undefined],
      ]);
      assert.deepEqual(trials[0]!.values, [0.5, 3]);
      assert.deepEqual(trials[0]!.info, { c: [1.5] });
      assert.ok(trials[1]!.values!.every(Number.isNaN));
      assert.deepEqual([trials[0]!.proposedSeq, trials[0]!.finishedSeq, trials[2]!.finishedSeq], [0, 1, undefined]);
      assert.deepEqual(store.counts('s1'), { pending: 0, running: 1, done: 1, failed: 1 });
      assert.equal(store.lastSnapshot('s1')!.seq, 5);
      store.close();
    });

    it('keeps the study record and marks it ended with its stop reason', async () => {
      const store = open();
      writeSome(store);
      await store.log('s1').ended({ stopReason: 'budget', elapsedMs: 12 });
      const study = store.study('s1')!;
      assert.deepEqual([study.status, study.stopReason, study.elapsedMs, study.seed, study.objectives.length], ['ended', 'budget', 12, 3, 2]);
      assert.deepEqual(study.task, SPEC.task);
      store.reopen('s1');
      assert.equal(store.study('s1')!.status, 'running');
      store.close();
    });

    it('streams finished trials without genotypes, by id or as they finished, and reads one trial by id', () => {
      const store = open();
      writeSome(store);
      const log = store.log('s1');
      log.finished({ id: 2, status: 'done', values: [0.25, 1], error: undefined, cached: true, info: undefined, seq: 0.5, finishedMs: 12 });
      log.proposed({ id: 3, genotype: 3, key: 'k3', hash: undefined, seq: 6, proposedMs: 13 });
      const results = [...store.results('s1')];
      assert.deepEqual(results.map((r) => [r.id, r.status, r.cached, r.finishedMs]), [[0, 'done', false, 4], [1, 'failed', false, 9], [2, 'done', true, 12]]);
      assert.deepEqual(results[0]!.values, [0.5, 3]);
      assert.ok(results[1]!.values.every(Number.isNaN));
      assert.deepEqual([...store.results('s1', 'finished')].map((r) => r.id), [2, 0, 1]);
      assert.deepEqual(store.trial('s1', 0)!.genotype, { op: 'add', args: [0, 1] });
      assert.equal(store.trial('s1', 9), undefined);
      store.close();
    });

    it('refuses a second study with the same name and names an unknown one', () => {
      const store = open();
      writeSome(store);
      assert.throws(() => store.createStudy(SPEC), (e: unknown) => e instanceof UsageError && /already in the store/.test(e.message));
      assert.throws(() => store.trials('nope'), /no study named 'nope'/);
      store.close();
    });

    it('deletes one study with its trials and snapshot, keeping the others', () => {
      const store = open();
      writeSome(store);
      store.createStudy({ ...SPEC, name: 's2' });
      store.deleteStudy('s1');
      assert.deepEqual(store.studies().map((s) => s.name), ['s2']);
      assert.throws(() => store.trials('s1'), /no study named 's1'/);
      // A new study of the same name starts empty: nothing of the deleted one is left behind.
      store.createStudy(SPEC);
      assert.equal(store.trials('s1').length, 0);
      assert.equal(store.lastSnapshot('s1'), undefined);
      assert.throws(() => store.deleteStudy('nope'), (e: unknown) => e instanceof UsageError && /no study named 'nope'/.test(e.message));
      store.close();
    });
  });
}

describe('sqliteStore files', () => {
  it('keeps studies across opening the file again, in WAL mode at the current schema version', () => {
    const path = join(dir, 'reopen.db');
    const first = sqliteStore({ path });
    writeSome(first);
    first.close();
    const again = sqliteStore({ path });
    assert.deepEqual(again.studies().map((s) => s.name), ['s1']);
    assert.equal(again.trials('s1').length, 3);
    again.close();
    const db = openDatabase(path);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    db.close();
  });

  it('stores a data set that several studies share once, and gives each study its whole config back', () => {
    const path = join(dir, 'blobs.db');
    const columns = { x: Array.from({ length: 500 }, (_, i) => i / 7), y: Array.from({ length: 500 }, (_, i) => i * 3) };
    const store = sqliteStore({ path });
    for (const [name, seed] of [['a', 1], ['b', 2]] as const) {
      store.createStudy({ ...SPEC, name, task: { id: 't', config: { data: { columns, target: 'y' }, seed } } });
    }
    assert.deepEqual(store.study('b')!.task.config, { data: { columns, target: 'y' }, seed: 2 });
    assert.deepEqual(store.studies().map((s) => (s.task.config as { seed: number }).seed), [1, 2]);
    store.close();
    const db = openDatabase(path);
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM blobs').get() as { n: number }).n, 2);
    const spec = (db.prepare("SELECT spec FROM studies WHERE name = 'a'").get() as { spec: string }).spec;
    assert.ok(spec.length < 1000 && spec.includes('"$blob":"sha256:'), spec);
    db.close();
  });

  it('reads a file of schema version 1, its configs inline and worker names inside info', () => {
    const path = join(dir, 'v1.db');
    const db = openDatabase(path);
    migrate(db, path, 1);
    const spec = { task: { id: 't', config: { data: Array.from({ length: 400 }, (_, i) => i) } }, space: null, algorithm: null, objectives: SPEC.objectives, budgetTrials: 4 };
    db.prepare(`INSERT INTO studies (name, spec, seed, status, created_at, updated_at) VALUES ('old', ?, 1, 'ended', 0, 0)`).run(JSON.stringify(spec));
    db.prepare(`INSERT INTO trials (study_id, id, genotype, key, status, objectives, info, proposed_seq, finished_seq, proposed_ms, finished_ms, duration_ms, worker)
      VALUES (1, 0, '5', 'k', 'done', '[1,2]', '{"c":1,"worker":"thread-1"}', 0, 1, 0, 2, 2, 'thread-1')`).run();
    db.close();
    const again = sqliteStore({ path });
    assert.deepEqual(again.study('old')!.task, spec.task);
    assert.deepEqual(again.trials('old')[0]!.info, { c: 1, worker: 'thread-1' });
    again.close();
  });

  it('keeps a worker name in its own column only, and gives it back inside info', () => {
    const path = join(dir, 'worker.db');
    const store = sqliteStore({ path });
    store.createStudy(SPEC);
    const log = store.log('s1');
    log.proposed({ id: 0, genotype: 0, key: 'k0', hash: undefined, seq: 0, proposedMs: 0 });
    log.finished({ id: 0, status: 'done', values: [1, 2], error: undefined, cached: false, info: { c: 1, worker: 'thread-3' }, seq: 1, finishedMs: 1 });
    log.proposed({ id: 1, genotype: 1, key: 'k1', hash: undefined, seq: 2, proposedMs: 2 });
    store.flush();
    log.finished({ id: 1, status: 'done', values: [1, 2], error: undefined, cached: false, info: { worker: 'thread-4' }, seq: 3, finishedMs: 3 });
    assert.deepEqual(store.trials('s1').map((t) => t.info), [{ c: 1, worker: 'thread-3' }, { worker: 'thread-4' }]);
    store.close();
    const db = openDatabase(path);
    assert.deepEqual(db.prepare('SELECT info, worker, duration_ms FROM trials ORDER BY id').all(), [
      { info: '{"c":1}', worker: 'thread-3', duration_ms: null },
      { info: null, worker: 'thread-4', duration_ms: null },
    ]);
    db.close();
  });

  it('stores the info of a trial that repeats an earlier one of the same functional hash by reference', () => {
    const path = join(dir, 'shared-info.db');
    const store = sqliteStore({ path });
    store.createStudy(SPEC);
    const log = store.log('s1');
    const infos = [{ c: [1.25], worker: 'thread-1' }, { c: [1.25], worker: 'thread-1' }, { c: [2] }, { c: [1.25] }];
    infos.forEach((info, id) => {
      log.proposed({ id, genotype: id, key: `k${id}`, hash: id === 2 ? 'other' : 'same', seq: 2 * id, proposedMs: id });
      if (id === 3) store.flush();
      log.finished({ id, status: 'done', values: [1, 1], error: undefined, cached: id > 0, info, seq: 2 * id + 1, finishedMs: id });
    });
    assert.deepEqual(store.trials('s1').map((t) => t.info), infos);
    assert.deepEqual(infos.map((_, id) => store.trial('s1', id)!.info), infos);
    store.close();
    const db = openDatabase(path);
    assert.deepEqual(db.prepare('SELECT info, info_of FROM trials ORDER BY id').all(), [
      { info: '{"c":[1.25]}', info_of: null },
      { info: null, info_of: 0 },
      { info: '{"c":[2]}', info_of: null },
      { info: null, info_of: 0 },
    ]);
    db.close();
  });

  it('refuses a file written by a newer schema, saying to upgrade', () => {
    const path = join(dir, 'newer.db');
    const db = openDatabase(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => sqliteStore({ path }), (e: unknown) => e instanceof UsageError && /newer than this amoeba understands/.test(e.message));
  });

  it('refuses a file that is not a SQLite database and leaves it as it was', () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'x,y\n1,2\n');
    assert.throws(() => sqliteStore({ path }), (e: unknown) => e instanceof UsageError && /data\.csv is not a study store \(not a SQLite file\)/.test(e.message));
    assert.equal(readFileSync(path, 'utf8'), 'x,y\n1,2\n');
  });

  it('makes a store of an empty file', () => {
    const path = join(dir, 'empty.db');
    writeFileSync(path, '');
    const store = sqliteStore({ path });
    assert.deepEqual(store.studies(), []);
    store.close();
  });

  it('writes buffered records in batches that a reader sees once flushed', () => {
    const path = join(dir, 'batch.db');
    const writer = sqliteStore({ path, batchRows: 1000, batchDelayMs: 60_000 });
    writer.createStudy(SPEC);
    const log = writer.log('s1');
    for (let id = 0; id < 5; id++) log.proposed({ id, genotype: id, key: String(id), hash: undefined, seq: id, proposedMs: id });
    const reader = sqliteStore({ path });
    assert.equal(reader.trials('s1').length, 0);
    writer.flush();
    assert.equal(reader.trials('s1').length, 5);
    reader.close();
    writer.close();
  });
});
