/**
 * What the SQLite store costs per trial when it writes in batches: a study of DAG programs
 * with a trivial task, run without a store and with one (WAL file in the temp folder),
 * interleaved rounds, median of each. Also the raw cost of the two writes per trial
 * (proposed, finished) through the study log alone. All of it runs on one thread, so the
 * process's CPU time per trial is printed too: on a shared, busy machine it is the steadier
 * number. Run: npx tsx bench/store.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { regularizedEvolution } from '../src/algorithms/regularized-evolution.ts';
import { Rng } from '../src/core/rng.ts';
import { Study } from '../src/core/study.ts';
import type { Task } from '../src/core/types.ts';
import type { Graph } from '../src/spaces/graph/graph.ts';
import { graphSpace } from '../src/spaces/graph/space.ts';
import { sqliteStore } from '../src/store/index.ts';

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
const bare: Cost[] = [];
const stored: Cost[] = [];
const raw: Cost[] = [];
for (let round = 0; round < ROUNDS; round++) {
  bare.push(await studyMicros(false));
  stored.push(await studyMicros(true));
  raw.push(await logMicros());
}
rmSync(dir, { recursive: true, force: true });
const pick = (costs: Cost[], k: keyof Cost) => median(costs.map((c) => c[k]));
console.log(`DAG programs, trivial task, ${TRIALS} trials, median of ${ROUNDS} interleaved rounds; µs per trial, wall (CPU)`);
for (const [label, costs] of [['study without a store', bare], ['study with SQLite    ', stored]] as const) {
  console.log(`  ${label}: ${pick(costs, 'wall').toFixed(2)} (${pick(costs, 'cpu').toFixed(2)}) µs/trial, ${Math.round(1e6 / pick(costs, 'wall')).toLocaleString('en')} trials/s`);
}
console.log(`  ratio with/without: ${(pick(stored, 'wall') / pick(bare, 'wall')).toFixed(2)} wall, ${(pick(stored, 'cpu') / pick(bare, 'cpu')).toFixed(2)} CPU`);
console.log(`  store cost: ${(pick(stored, 'wall') - pick(bare, 'wall')).toFixed(2)} µs/trial wall, ${(pick(stored, 'cpu') - pick(bare, 'cpu')).toFixed(2)} CPU (aim < 20)`);
console.log(`  log writes alone (proposed + finished, batched): ${pick(raw, 'wall').toFixed(2)} (${pick(raw, 'cpu').toFixed(2)}) µs/trial`);
