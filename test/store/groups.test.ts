import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import '../../src/algorithms/index.ts';
import { UsageError } from '../../src/core/errors.ts';
import { tasks } from '../../src/core/registries.ts';
import type { Task } from '../../src/core/types.ts';
import { fecCache } from '../../src/hashing/fec-cache.ts';
import { openDatabase } from '../../src/store/sqlite-driver.ts';
import { SCHEMA_VERSION, memoryStore, resumeStoredStudy, sqliteStore, startStoredStudy } from '../../src/store/index.ts';
import type { StudySpec, StudyStore } from '../../src/store/index.ts';
import '../executors/fixtures/register.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-groups-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

// Distance to 321 whose behaviour fingerprint is g mod 20: 20 functional classes, more than
// the capacity-7 cache below holds, so the stored capacity shows in the cache's size.
if (!tasks.has('test-classes-distance')) {
  tasks.register('test-classes-distance', (): Task<number> => ({
    id: 'test-classes-distance',
    objectives: [{ name: 'distance', goal: 'min' }],
    evaluate: (g) => ({ values: [Math.abs(g - 321)] }),
    fingerprint: (g) => Float64Array.of(g % 20),
  }));
}

const SPEC: StudySpec = {
  name: 'toy',
  task: { id: 'test-distance', config: { target: 321 } },
  space: { id: 'test-integers', config: null },
  algorithm: { id: 'regularized-evolution', config: { populationSize: 10, tournamentSize: 3 } },
  objectives: [{ name: 'distance', goal: 'min' }],
  seed: 9,
  budgetTrials: 60,
  budgetSeconds: undefined,
};

const CACHED: StudySpec = { ...SPEC, name: 'cached', task: { id: 'test-classes-distance', config: null }, algorithm: { id: 'random-search', config: {} }, budgetTrials: 150, cache: { capacity: 7, maxEvals: 2 } };

const outcome = (store: StudyStore, name: string) => store.trials(name).map((t) => [t.id, t.genotype, t.status, t.values, t.cached]);

for (const [kind, open] of [
  ['sqliteStore', () => sqliteStore({ path: join(dir, `g${files++}.db`) })],
  ['memoryStore', () => memoryStore()],
] as const) {
  describe(`${kind} groups`, () => {
    it('keeps a group with its command, config and members, oldest first', () => {
      const store = open();
      const made = store.createGroup({ name: 'cmp-1', command: 'nas-compare', config: { algorithms: ['re', 'rs'] } });
      assert.deepEqual([made.name, made.command, made.config, made.members], ['cmp-1', 'nas-compare', { algorithms: ['re', 'rs'] }, []]);
      store.createStudy({ ...SPEC, name: 'cmp-1/re' });
      store.createStudy(SPEC);
      store.createStudy({ ...SPEC, name: 'cmp-1/rs', seed: 10 });
      store.createGroup({ name: 'cmp-2', command: 'nas-compare', config: null });
      const group = store.group('cmp-1')!;
      assert.deepEqual(group.members, ['cmp-1/re', 'cmp-1/rs']);
      assert.equal(typeof group.createdAt, 'number');
      assert.deepEqual(store.groups().map((g) => [g.name, g.members.length]), [['cmp-1', 2], ['cmp-2', 0]]);
      assert.equal(store.study('cmp-1/rs')!.seed, 10);
      assert.equal(store.group('nope'), undefined);
      store.close();
    });

    it('keeps study and group names apart, and needs the group before its members', () => {
      const store = open();
      store.createStudy(SPEC);
      const refused = (pattern: RegExp) => (e: unknown) => e instanceof UsageError && pattern.test(e.message);
      assert.throws(() => store.createStudy({ ...SPEC, name: 'g/a' }), refused(/member of group 'g', which is not in the store/));
      assert.throws(() => store.createGroup({ name: 'toy', command: 'c', config: null }), refused(/already the name of a study/));
      store.createGroup({ name: 'g', command: 'c', config: null });
      assert.throws(() => store.createGroup({ name: 'g', command: 'c', config: null }), refused(/group named 'g' is already in the store/));
      assert.throws(() => store.createStudy({ ...SPEC, name: 'g' }), refused(/already the name of a study group/));
      assert.throws(() => store.createGroup({ name: 'a/b', command: 'c', config: null }), refused(/no '\/'/));
      assert.throws(() => store.createStudy({ ...SPEC, name: 'g/' }), refused(/no member name/));
      assert.deepEqual(store.studies().map((s) => s.name), ['toy']);
      store.close();
    });

    it('deletes a group with all its members, and one member alone', () => {
      const store = open();
      store.createGroup({ name: 'g', command: 'c', config: null });
      for (const m of ['a', 'b', 'c']) store.createStudy({ ...SPEC, name: `g/${m}` });
      store.createStudy(SPEC);
      store.deleteStudy('g/b');
      assert.deepEqual(store.group('g')!.members, ['g/a', 'g/c']);
      store.deleteStudy('g');
      assert.equal(store.group('g'), undefined);
      assert.deepEqual(store.studies().map((s) => s.name), ['toy']);
      // The name is free again, members and all.
      store.createGroup({ name: 'g', command: 'c', config: null });
      store.createStudy({ ...SPEC, name: 'g/a' });
      assert.equal(store.trials('g/a').length, 0);
      store.close();
    });

    it('runs a study created but never run from scratch on resume, with its own seed', async () => {
      const fresh = open();
      await startStoredStudy<number>(fresh, SPEC).run();
      const store = open();
      store.createGroup({ name: 'g', command: 'c', config: null });
      store.createStudy({ ...SPEC, name: 'g/never-run' });
      const summary = await resumeStoredStudy<number>(store, 'g/never-run').run();
      assert.equal(summary.trials, 60);
      assert.deepEqual(outcome(store, 'g/never-run'), outcome(fresh, 'toy'));
      assert.equal(store.study('g/never-run')!.status, 'ended');
      fresh.close();
      store.close();
    });

    it('gives back the cache options and builds the cache from them on start and on resume', async () => {
      const store = open();
      store.createStudy(CACHED);
      assert.deepEqual(store.study('cached')!.cache, { capacity: 7, maxEvals: 2 });
      store.createStudy({ ...CACHED, name: 'plain', cache: undefined });
      assert.equal(store.study('plain')!.cache, undefined);
      const summary = await resumeStoredStudy<number>(store, 'cached').run();
      assert.ok(summary.cache !== undefined && summary.cache.size <= 7, JSON.stringify(summary.cache));
      // The same study run with that cache given by hand has the same trials, cache hits included.
      const byHand = memoryStore();
      await startStoredStudy<number>(byHand, { ...CACHED, cache: undefined }, { cache: fecCache({ capacity: 7, maxEvals: 2 }) }).run();
      assert.deepEqual(outcome(store, 'cached'), outcome(byHand, 'cached'));
      // ... and a default cache would have answered other trials.
      const byDefault = memoryStore();
      await startStoredStudy<number>(byDefault, { ...CACHED, cache: undefined }, { cache: fecCache() }).run();
      assert.notDeepEqual(outcome(store, 'cached'), outcome(byDefault, 'cached'));
      store.close();
    });

    it('resumes a cached study stopped midway with its own cache options, not the default', async () => {
      const store = open();
      const stop = new AbortController();
      const first = startStoredStudy<number>(store, CACHED, { signal: stop.signal, snapshotEveryTrials: 20 });
      first.on('trial', (t) => t.id === 70 && stop.abort());
      const cut = await first.run();
      assert.ok(cut.cache!.size <= 7 && cut.trials < 150);
      const summary = await resumeStoredStudy<number>(store, 'cached').run();
      assert.equal(store.counts('cached').done, 150);
      assert.ok(summary.cache!.size <= 7, JSON.stringify(summary.cache));
      store.close();
    });
  });
}

describe('sqliteStore schema 3', () => {
  it('migrates a schema-2 file in place, keeping its studies and trials', async () => {
    const path = join(dir, 'v2.db');
    const store = sqliteStore({ path });
    await startStoredStudy<number>(store, SPEC).run();
    store.close();
    // Take the file back to schema 2's studies: no groups table, no group_id (its trials stay
    // in the later layout, which the schema-4 migration copies as they are).
    const db = openDatabase(path);
    db.exec('DROP INDEX studies_by_group; ALTER TABLE studies DROP COLUMN group_id; DROP TABLE groups');
    db.pragma('user_version = 2');
    db.close();
    const again = sqliteStore({ path });
    assert.deepEqual(again.studies().map((s) => [s.name, s.status, s.cache]), [['toy', 'ended', undefined]]);
    assert.equal(again.counts('toy').done, 60);
    assert.deepEqual(again.groups(), []);
    again.createGroup({ name: 'g', command: 'c', config: { n: 1 } });
    again.createStudy({ ...SPEC, name: 'g/a' });
    assert.deepEqual(again.group('g')!.members, ['g/a']);
    again.close();
    const check = openDatabase(path);
    assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    check.close();
  });

  it('stores a large group config once in blobs and gives it back whole', () => {
    const path = join(dir, 'group-blob.db');
    const config = { data: Array.from({ length: 600 }, (_, i) => i / 3) };
    const store = sqliteStore({ path });
    store.createGroup({ name: 'g', command: 'c', config });
    store.close();
    const again = sqliteStore({ path });
    assert.deepEqual(again.group('g')!.config, config);
    again.close();
    const db = openDatabase(path);
    const text = (db.prepare("SELECT config FROM groups WHERE name = 'g'").get() as { config: string }).config;
    assert.ok(text.includes('"$blob":"sha256:'), text);
    db.close();
  });
});
