/**
 * What the SQLite store costs per trial when it writes in batches: a study of DAG programs
 * with a trivial task, run without a store and with one (WAL file in the temp folder),
 * interleaved rounds, median of each. Also the raw cost of the two writes per trial
 * (proposed, finished) through the study log alone. All of it runs on one thread, so the
 * process's CPU time per trial is printed too: on a shared, busy machine it is the steadier
 * number.
 *
 * Then the trial table's layout: the same log code writes trials with small genotypes
 * (formula graphs, ~160 characters of JSON) and with AutoML-Zero demo register programs
 * (~1.1 KB) into a file at schema 3 (`trials` WITHOUT ROWID) and one at the current schema,
 * interleaved; it prints trials/s, CPU per trial, file bytes per trial, the time to stream a
 * study's results back, and each ratio; and what deflating the genotype text would cost.
 * Run: npx tsx bench/store.ts [--layouts-only]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { regularizedEvolution } from '../src/algorithms/regularized-evolution.ts';
import { Rng } from '../src/core/rng.ts';
import { Study } from '../src/core/study.ts';
import type { Json, Task } from '../src/core/types.ts';
import type { Graph } from '../src/spaces/graph/graph.ts';
import { graphSpace } from '../src/spaces/graph/space.ts';
import { registerSpace } from '../src/spaces/register/index.ts';
import { DEMO_PRESET } from '../src/tasks/automl-zero/presets.ts';
import { sqliteStore } from '../src/store/index.ts';
import { configureConnection } from '../src/store/sqlite-store.ts';
import { openDatabase } from '../src/store/sqlite-driver.ts';
import { SqliteStudyLog } from '../src/store/sqlite-log.ts';
import { SCHEMA_VERSION, migrate } from '../src/store/sqlite-schema.ts';

const TRIALS = 50_000;
const ROUNDS = 3;
const space = graphSpace({ inputs: 2, ops: ['add', 'sub', 'mul', 'pdiv'], maxVertices: 16 });
const task: Task<Graph> = { id: 'size', objectives: [{ name: 'size', goal: 'min' }], evaluate: (g) => ({ values: [Math.abs(g.vertices.length - 8)] }) };
const dir = mkdtempSync(join(tmpdir(), 'amoeba-bench-store-'));
let files = 0;

interface Cost {
  readonly wall: number;
  readonly cpu: number;
}

/** Wall and CPU microseconds per trial of `work`. */
async function measure(work: () => unknown): Promise<Cost> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await work();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: ((performance.now() - start) * 1000) / TRIALS, cpu: (cpu.user + cpu.system) / TRIALS };
}

/** Microseconds per trial of a whole study, with or without a SQLite store. */
async function studyMicros(withStore: boolean): Promise<Cost> {
  const store = withStore ? sqliteStore({ path: join(dir, `s${files++}.db`) }) : undefined;
  const algorithm = regularizedEvolution({ space, populationSize: 100, tournamentSize: 10 });
  store?.createStudy({ name: 'b', task: { id: 'size', config: null }, space: undefined, algorithm: undefined, objectives: task.objectives, seed: 1, budgetTrials: TRIALS, budgetSeconds: undefined });
  const cost = await measure(() => new Study({ space, task, algorithm, seed: 1, budgetTrials: TRIALS, ...(store === undefined ? {} : { log: store.log('b') }) }).run());
  store?.close();
  return cost;
}

/** Microseconds per trial of the log's two writes alone, genotypes already JSON. */
async function logMicros(): Promise<Cost> {
  const store = sqliteStore({ path: join(dir, `s${files++}.db`) });
  store.createStudy({ name: 'b', task: { id: 'size', config: null }, space: undefined, algorithm: undefined, objectives: task.objectives, seed: 1, budgetTrials: TRIALS, budgetSeconds: undefined });
  const log = store.log('b');
  const rng = new Rng(1);
  const genotypes = Array.from({ length: 100 }, () => space.toJSON(space.random(rng)));
  const cost = await measure(() => {
    for (let id = 0; id < TRIALS; id++) {
      log.proposed({ id, genotype: genotypes[id % 100]!, key: `k${id}`, hash: undefined, seq: 2 * id, proposedMs: id });
      log.finished({ id, status: 'done', values: [id % 7], error: undefined, cached: false, info: undefined, seq: 2 * id + 1, finishedMs: id + 0.5 });
    }
    store.flush();
  });
  store.close();
  return cost;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pick = (costs: Cost[], k: keyof Cost) => median(costs.map((c) => c[k]));
if (!process.argv.includes('--layouts-only')) {
  const bare: Cost[] = [];
  const stored: Cost[] = [];
  const raw: Cost[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await studyMicros(false));
    stored.push(await studyMicros(true));
    raw.push(await logMicros());
  }
  console.log(`DAG programs, trivial task, ${TRIALS} trials, median of ${ROUNDS} interleaved rounds; µs per trial, wall (CPU)`);
  for (const [label, costs] of [['study without a store', bare], ['study with SQLite    ', stored]] as const) {
    console.log(`  ${label}: ${pick(costs, 'wall').toFixed(2)} (${pick(costs, 'cpu').toFixed(2)}) µs/trial, ${Math.round(1e6 / pick(costs, 'wall')).toLocaleString('en')} trials/s`);
  }
  console.log(`  ratio with/without: ${(pick(stored, 'wall') / pick(bare, 'wall')).toFixed(2)} wall, ${(pick(stored, 'cpu') / pick(bare, 'cpu')).toFixed(2)} CPU`);
  console.log(`  store cost: ${(pick(stored, 'wall') - pick(bare, 'wall')).toFixed(2)} µs/trial wall, ${(pick(stored, 'cpu') - pick(bare, 'cpu')).toFixed(2)} CPU (aim < 20)`);
  console.log(`  log writes alone (proposed + finished, batched): ${pick(raw, 'wall').toFixed(2)} (${pick(raw, 'cpu').toFixed(2)}) µs/trial`);
}

/** Trials per layout run: enough for the file to be many thousands of pages. */
const LAYOUT_TRIALS = 20_000;

interface LayoutCost extends Cost {
  /** File bytes per trial once the write-ahead log is folded in. */
  readonly bytes: number;
  /** Microseconds per trial to stream the study's results (the query `results()` runs). */
  readonly scan: number;
}

/** 1000 distinct genotypes of each kind, as JSON. */
function genotypeSets(): { readonly small: Json[]; readonly program: Json[] } {
  const rng = new Rng(2);
  const programs = registerSpace({ memory: DEMO_PRESET.memory, ...DEMO_PRESET.space });
  return {
    small: Array.from({ length: 1000 }, () => space.toJSON(space.random(rng))),
    program: Array.from({ length: 1000 }, () => programs.toJSON(programs.random(rng))),
  };
}

/**
 * The study log's writes of LAYOUT_TRIALS trials into a fresh file at `schema`, as a study
 * makes them, and their checkpoint into the file: every trial with a functional hash, four in five of them cache hits that
 * repeat an earlier trial's info (stored by reference).
 */
function layoutCost(schema: number, genotypes: readonly Json[]): LayoutCost {
  const path = join(dir, `layout${files++}.db`);
  const db = openDatabase(path);
  configureConnection(db);
  migrate(db, path, schema);
  db.prepare(`INSERT INTO studies (name, spec, seed, status, created_at, updated_at) VALUES ('b', '{}', 1, 'running', 0, 0)`).run();
  const log = new SqliteStudyLog(db, 1, { maxRows: 1000, maxDelayMs: 100 }, () => {});
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let id = 0; id < LAYOUT_TRIALS; id++) {
    const hash = `h${(id % 4000).toString(16).padStart(15, '0')}`;
    log.proposed({ id, genotype: genotypes[id % genotypes.length]!, key: `k${id.toString(16).padStart(15, '0')}`, hash, seq: 2 * id, proposedMs: id * 0.13 });
    log.finished({ id, status: 'done', values: [Math.sin(id)], error: undefined, cached: id % 5 !== 0, info: { train: [Math.cos(id % 4000)] }, seq: 2 * id + 1, finishedMs: id * 0.13 + 0.1 });
  }
  log.close();
  // The copy into the database file is part of the cost: a long search checkpoints as it goes.
  db.pragma('wal_checkpoint(TRUNCATE)');
  const cpu = process.cpuUsage(cpuStart);
  const wall = ((performance.now() - start) * 1000) / LAYOUT_TRIALS;
  const bytes = statSync(path).size / LAYOUT_TRIALS;
  const scanStart = performance.now();
  let read = 0;
  const results = db.prepare(`SELECT id, status, objectives, cached, finished_seq, finished_ms FROM trials WHERE study_id = ? AND status IN ('done', 'failed') ORDER BY id`).raw(true);
  for (const _row of results.iterate(1)) read++;
  const scan = ((performance.now() - scanStart) * 1000) / read;
  db.close();
  return { wall, cpu: (cpu.user + cpu.system) / LAYOUT_TRIALS, bytes, scan };
}

/** CPU microseconds and bytes per genotype of deflating its JSON text (a compact encoding not taken). */
function deflateCost(genotypes: readonly Json[]): { readonly cpu: number; readonly bytes: number } {
  const texts = genotypes.map((g) => JSON.stringify(g));
  let bytes = 0;
  const cpuStart = process.cpuUsage();
  for (let id = 0; id < LAYOUT_TRIALS; id++) bytes += deflateRawSync(texts[id % texts.length]!).length;
  const cpu = process.cpuUsage(cpuStart);
  return { cpu: (cpu.user + cpu.system) / LAYOUT_TRIALS, bytes: bytes / LAYOUT_TRIALS };
}

const sets = genotypeSets();
console.log(`\nTrial table layout: the study log's writes of ${LAYOUT_TRIALS} trials, schema 3 (WITHOUT ROWID) vs schema ${SCHEMA_VERSION}, median of ${ROUNDS} interleaved rounds`);
for (const [label, genotypes] of [['formula graphs', sets.small], ['register programs (AutoML-Zero demo)', sets.program]] as const) {
  const chars = genotypes.reduce((sum: number, g) => sum + JSON.stringify(g).length, 0) / genotypes.length;
  const old: LayoutCost[] = [];
  const now: LayoutCost[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    old.push(layoutCost(3, genotypes));
    now.push(layoutCost(SCHEMA_VERSION, genotypes));
  }
  const get = (costs: LayoutCost[], k: keyof LayoutCost) => median(costs.map((c) => c[k]));
  console.log(`  ${label}, genotype ${chars.toFixed(0)} characters of JSON:`);
  for (const [name, costs] of [['schema 3', old], [`schema ${SCHEMA_VERSION}`, now]] as const) {
    console.log(
      `    ${name}: ${Math.round(1e6 / get(costs, 'wall')).toLocaleString('en')} trials/s, ${get(costs, 'wall').toFixed(2)} µs wall (${get(costs, 'cpu').toFixed(2)} CPU) a trial, ` +
        `${get(costs, 'bytes').toFixed(0)} bytes/trial, results streamed at ${get(costs, 'scan').toFixed(2)} µs/trial`,
    );
  }
  console.log(
    `    ratio ${SCHEMA_VERSION}/3: ${(get(old, 'wall') / get(now, 'wall')).toFixed(2)}× the trials/s, ${(get(now, 'cpu') / get(old, 'cpu')).toFixed(2)} the CPU, ` +
      `${(get(now, 'bytes') / get(old, 'bytes')).toFixed(2)} the bytes, ${(get(now, 'scan') / get(old, 'scan')).toFixed(2)} the streaming time`,
  );
  const deflate = deflateCost(genotypes);
  console.log(`    deflating the genotype text instead: +${deflate.cpu.toFixed(2)} µs CPU a trial to save ${(chars - deflate.bytes).toFixed(0)} bytes (${chars.toFixed(0)} → ${deflate.bytes.toFixed(0)})`);
}
rmSync(dir, { recursive: true, force: true });
