import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Rng } from '../../src/core/rng.ts';
import { DEMO_OPS, registerSpace } from '../../src/spaces/register/index.ts';
import { openDatabase } from '../../src/store/sqlite-driver.ts';
import { SCHEMA_VERSION, memoryStore, resumeStoredStudy, sqliteStore, startStoredStudy } from '../../src/store/index.ts';
import { STOPPED_SPEC, readBack } from './fixtures/write-schema3.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-migration-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = new URL('./fixtures/', import.meta.url);
let files = 0;

/** A private copy of the file that the schema-3 store code wrote (see fixtures/write-schema3.ts). */
function schema3Copy(): string {
  const path = join(dir, `v3-${files++}.db`);
  copyFileSync(new URL('schema3.sqlite', fixtures), path);
  return path;
}

describe('sqliteStore schema 4', () => {
  it('reads a file written at schema 3 exactly as that code read it back, after moving it to the rowid layout and compacting it', () => {
    const path = schema3Copy();
    const store = sqliteStore({ path });
    assert.deepEqual(readBack(store), JSON.parse(readFileSync(new URL('schema3.json', fixtures), 'utf8')));
    for (const name of ['toy', 'g/programs']) {
      const trials = store.trials(name);
      assert.deepEqual(trials.map((t) => store.trial(name, t.id)), trials);
      assert.deepEqual(store.resumePoint(name), { snapshot: store.lastSnapshot(name), trials });
    }
    store.close();
    const db = openDatabase(path);
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'trials'").get() as { sql: string };
    assert.doesNotMatch(sql, /WITHOUT ROWID/);
    assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'trials' AND type = 'index'").all(), [{ name: 'trials_by_id' }]);
    assert.equal(db.pragma('freelist_count', { simple: true }), 0, 'the pages of the schema-3 table are given back');
    db.close();
  });

  it('resumes a study stopped under schema 3 to the trials of a run never stopped', async () => {
    const store = sqliteStore({ path: schema3Copy() });
    const before = store.trials('toy');
    assert.equal(before.length, 25);
    await resumeStoredStudy<number>(store, 'toy').run();
    const resumed = store.trials('toy');
    assert.deepEqual(resumed.slice(0, 25), before);
    const fresh = memoryStore();
    await startStoredStudy<number>(fresh, STOPPED_SPEC).run();
    const outcome = (trials: typeof resumed) => trials.map((t) => [t.id, t.genotype, t.status, t.values]);
    assert.deepEqual(outcome(resumed), outcome(fresh.trials('toy')));
    store.close();
  });

  it('finishes a trial that was in flight under schema 3 and keeps the rest as it was', () => {
    const store = sqliteStore({ path: schema3Copy() });
    const before = store.trials('g/programs');
    const log = store.log('g/programs');
    log.finished({ id: 8, status: 'done', values: [0.25], error: undefined, cached: true, info: { fitted: [0, 0.5] }, seq: 18, finishedMs: 101 });
    log.proposed({ id: 9, genotype: { setup: [] }, key: 'key9', hash: undefined, seq: 19, proposedMs: 102 });
    store.flush();
    const after = store.trials('g/programs');
    assert.deepEqual(after.slice(0, 8), before.slice(0, 8));
    assert.deepEqual([after[8]!.status, after[8]!.values, after[8]!.info, after[8]!.genotype], ['done', [0.25], { fitted: [0, 0.5] }, before[8]!.genotype]);
    assert.deepEqual(after[9]!.genotype, { setup: [] });
    store.close();
  });

  it('keeps a register program of the AutoML-Zero demo in about its own size of file', () => {
    const path = join(dir, 'programs.db');
    const store = sqliteStore({ path });
    store.createStudy({ ...STOPPED_SPEC, name: 'p' });
    const log = store.log('p');
    const space = registerSpace({
      memory: { scalars: 4, vectors: 3, matrices: 1, features: 4 },
      components: { setup: { ops: DEMO_OPS, initialSize: 10 }, predict: { ops: DEMO_OPS, initialSize: 2 }, learn: { ops: DEMO_OPS, initialSize: 8 } },
    });
    const rng = new Rng(2);
    const trials = 400;
    let genotypeChars = 0;
    for (let id = 0; id < trials; id++) {
      const genotype = space.toJSON(space.random(rng));
      genotypeChars += JSON.stringify(genotype).length;
      log.proposed({ id, genotype, key: `k${id}`, hash: `h${id}`, seq: 2 * id, proposedMs: id });
      log.finished({ id, status: 'done', values: [id / trials], error: undefined, cached: false, info: undefined, seq: 2 * id + 1, finishedMs: id });
    }
    store.close();
    const db = openDatabase(path);
    const pages = (db.prepare("SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name IN ('trials', 'trials_by_id')").get() as { bytes: number }).bytes;
    db.close();
    // Under schema 3 each such trial took about 4.2 times its genotype (a spilled overflow page).
    assert.ok(pages / genotypeChars < 1.4, `the trials table takes ${(pages / trials).toFixed(0)} bytes a trial for genotypes of ${(genotypeChars / trials).toFixed(0)} characters`);
  });
});
