/**
 * The dashboard on a store of 10^5 trials (a synthetic formula study written through the
 * store's own log): what a page load costs the server and what the live-update path costs
 * per poll, each beside the raw SQL it cannot do with less than, measured in the same run.
 *
 * - start: opening the store read-only and reading every trial once (StoreWatch), against a
 *   raw scan of the same columns with better-sqlite3;
 * - page load: the JSON of the studies page, the study page and a 50-row table sorted by an
 *   objective, against `SELECT COUNT(*)` of the study's trials; the rows of a full CSV export,
 *   against the raw scan;
 * - update: a batch of 100 trials written by another connection, then one poll folds them
 *   in and the study page's JSON is made again, against a raw `rowid > ?` read of the same
 *   rows; and a poll when nothing changed, against the same COUNT(*).
 *
 * Each timing is the median of 7 rounds, as CPU time (process.cpuUsage: the machine is shared)
 * and wall time. Run: npx tsx bench/dashboard.ts [--trials 100000]
 */
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { studiesPayload, studyPayload, trialTable } from '../src/dashboard/api.ts';
import { StoreWatch } from '../src/dashboard/store-watch.ts';
import { sqliteStore } from '../src/store/index.ts';
import { openDatabase } from '../src/store/sqlite-driver.ts';
import { GRAPH_SPACE, writeSyntheticStudy } from '../test/helpers/synthetic-study.ts';

const { values: flags } = parseArgs({ options: { trials: { type: 'string', default: '100000' } } });
const TRIALS = Number(flags.trials);
const ROUNDS = 7;
const BATCH = 100;

interface Cost {
  readonly cpuMs: number;
  readonly wallMs: number;
}

/** Median CPU and wall milliseconds of `work` over ROUNDS runs (`setup` runs before each, untimed). */
function measure(work: () => unknown, setup: () => void = () => {}): Cost {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    setup();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    work();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

function line(label: string, cost: Cost, baseline: Cost): void {
  const f = (ms: number) => ms.toFixed(ms < 10 ? 3 : 1).padStart(9);
  // Truncated to two decimals (three below 0.1): a measured ratio is never rounded up.
  const ratio = cost.cpuMs / baseline.cpuMs;
  const digits = ratio < 0.1 ? 3 : 2;
  const shown = (Math.floor(ratio * 10 ** digits) / 10 ** digits).toFixed(digits);
  console.log(`${label.padEnd(44)} cpu ${f(cost.cpuMs)} ms  wall ${f(cost.wallMs)} ms   ${cost === baseline ? '(the baseline)' : `×${shown} of its baseline (cpu)`}`);
}

const dir = mkdtempSync(join(tmpdir(), 'amoeba-bench-dashboard-'));
const path = join(dir, 'big.db');
try {
  const writer = sqliteStore({ path });
  const t0 = performance.now();
  writeSyntheticStudy(writer, 'big', TRIALS, { failEvery: 31, cachedEvery: 4, workers: 4, space: GRAPH_SPACE, running: true });
  console.log(`dashboard on ${TRIALS} trials (store written in ${((performance.now() - t0) / 1000).toFixed(1)} s); load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  const raw = openDatabase(path, { readOnly: true });
  const scan = raw.prepare('SELECT rowid, id, status, objectives, error, cached, finished_seq, finished_ms, worker FROM trials WHERE study_id = 1').raw(true);
  const count = raw.prepare('SELECT COUNT(*) FROM trials WHERE study_id = 1');

  console.log('\nstart (read every trial once)');
  const rawScan = measure(() => {
    for (const row of scan.iterate()) void row;
  });
  line('  baseline: raw scan of the same columns', rawScan, rawScan);
  let watch: StoreWatch | undefined;
  line('  StoreWatch: open read-only + fold every row', measure(() => (watch = new StoreWatch(path)), () => watch?.close()), rawScan);

  console.log('\npage load (server side)');
  const countCost = measure(() => count.get());
  line('  baseline: SELECT COUNT(*) of the study', countCost, countCost);
  line('  studies page JSON', measure(() => JSON.stringify(studiesPayload(watch!))), countCost);
  line('  study page JSON (curve, front, failures)', measure(() => JSON.stringify(studyPayload(watch!, 'big'))), countCost);
  const query = { sort: 'error', descending: false, status: 'done', offset: 0, limit: 50 };
  line('  trial table: 50 rows sorted by error', measure(() => JSON.stringify(trialTable(watch!, 'big', query))), countCost);
  line('  CSV rows of every trial (vs the raw scan)', measure(() => trialTable(watch!, 'big', { ...query, status: 'all', limit: Infinity })), rawScan);

  console.log(`\nupdate (a batch of ${BATCH} trials written by another connection)`);
  let next = TRIALS;
  const log = writer.log('big');
  const writeBatch = () => {
    for (let id = next; id < next + BATCH; id++) {
      log.proposed({ id, genotype: { inputs: 2, vertices: [], outputs: [0] }, key: `n${id}`, hash: undefined, seq: 2 * id, proposedMs: id });
      log.finished({ id, status: 'done', values: [1 / id, 3], error: undefined, cached: false, info: undefined, seq: 2 * id + 1, finishedMs: id + 1 });
    }
    writer.flush();
    next += BATCH;
  };
  const newRows = raw.prepare('SELECT rowid, id, status, objectives, error, cached, finished_seq, finished_ms, worker FROM trials WHERE rowid > ?').raw(true);
  let lastRowid = 0;
  const rawNew = measure(
    () => {
      for (const row of newRows.iterate(lastRowid) as IterableIterator<number[]>) lastRowid = row[0]!;
    },
    () => {
      lastRowid = (raw.prepare('SELECT MAX(rowid) AS m FROM trials').get() as { m: number }).m;
      writeBatch();
    },
  );
  line('  baseline: raw read of the new rows', rawNew, rawNew);
  watch!.poll();
  line('  poll: fold the new rows into the tracker', measure(() => watch!.poll(), writeBatch), rawNew);
  line('  poll + study page JSON again', measure(() => (watch!.poll(), JSON.stringify(studyPayload(watch!, 'big'))), writeBatch), rawNew);
  watch!.poll();
  line('  poll when nothing changed (vs COUNT(*))', measure(() => watch!.poll()), countCost);
  console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  watch!.close();
  raw.close();
  writer.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
