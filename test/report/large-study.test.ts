import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { plotCommand } from '../../src/cli/plot.ts';
import { showCommand } from '../../src/cli/show.ts';
import { PLOT_POINTS, studyPlotSpec, studyReport } from '../../src/report/index.ts';
import { sqliteStore } from '../../src/store/index.ts';
import type { StudyStore } from '../../src/store/index.ts';
import { runCommand } from '../cli/fixtures/stored-studies.ts';
import { writeSyntheticStudy } from '../helpers/synthetic-study.ts';

const TRIALS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'amoeba-large-'));
const path = join(dir, 'large.db');
let values = new Map<number, [number, number]>();

before(() => {
  const store = sqliteStore({ path, batchRows: 10_000 });
  values = writeSyntheticStudy(store, 'big', TRIALS, { keepValues: true });
  store.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The front by a sort and one sweep (2 objectives, both minimised): distinct points, first id each. */
function sweptFront(): number[] {
  const sorted = [...values.entries()].sort(([i, [a, b]], [j, [c, d]]) => a - c || b - d || i - j);
  const front: number[] = [];
  let lowest = Infinity;
  for (const [id, [, complexity]] of sorted) {
    if (complexity < lowest) front.push(id);
    lowest = Math.min(lowest, complexity);
  }
  return front;
}

/** The store as reports see it, refusing to hand over every trial at once and counting single reads. */
function streamingOnly(store: StudyStore): { store: StudyStore; singleReads: () => number; passes: () => number } {
  let singleReads = 0;
  let passes = 0;
  const wrapped = new Proxy(store, {
    get(target, property) {
      if (property === 'trials' || property === 'resumePoint') return () => assert.fail(`a report called store.${String(property)}()`);
      if (property === 'trial') return (name: string, id: number) => (singleReads++, target.trial(name, id));
      if (property === 'results') return (...args: Parameters<StudyStore['results']>) => (passes++, target.results(...args));
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: wrapped, singleReads: () => singleReads, passes: () => passes };
}

describe(`reports on a study of ${TRIALS.toLocaleString('en')} trials`, () => {
  it('list the exact front from one pass over the results, reading only the front trials whole', () => {
    const store = sqliteStore({ path });
    const view = streamingOnly(store);
    const report = studyReport(view.store, store.study('big')!);
    const expected = sweptFront();
    assert.deepEqual(report.trials.map((t) => t.id), expected);
    assert.equal(view.passes(), 1);
    assert.equal(view.singleReads(), expected.length);
    assert.deepEqual(report.counts, { pending: 0, running: 0, done: values.size, failed: TRIALS - values.size });
    store.close();
  });

  it('plot a bounded sample that keeps every improvement, the extremes and the exact front', () => {
    const store = sqliteStore({ path });
    const view = streamingOnly(store);
    type Panel = { data?: { values: { trials: number; best: number }[] }; layer?: { data: { values: { error: number; complexity: number }[] } }[] };
    const spec = studyPlotSpec(view.store, store.study('big')!) as unknown as { title: { text: string }; hconcat: Panel[] };
    assert.equal(view.passes(), 1);
    assert.equal(view.singleReads(), 0);
    assert.equal(spec.title.text, `amoeba study big: ${values.size} finished trials`);
    const curve = spec.hconcat[0]!.data!.values;
    assert.ok(curve.length <= 2 * PLOT_POINTS + 2, `${curve.length} curve points`);
    let best = Infinity;
    let n = 0;
    const improvements: [number, number][] = [];
    for (const [error] of values.values()) {
      n++;
      if (error < best) improvements.push([n, error]);
      best = Math.min(best, error);
    }
    const drawn = new Map(curve.map((p) => [p.trials, p.best]));
    for (const [at, error] of improvements) assert.equal(drawn.get(at), error, `improvement at trial ${at}`);
    assert.equal(curve[curve.length - 1]!.trials, values.size);
    const [scatter, front] = spec.hconcat[2]!.layer!.map((l) => l.data.values) as [{ error: number; complexity: number }[], { error: number; complexity: number }[]];
    assert.ok(scatter.length <= PLOT_POINTS + 5, `${scatter.length} scatter points`);
    const errors = [...values.values()].map(([e]) => e);
    assert.equal(Math.min(...scatter.map((p) => p.error)), Math.min(...errors));
    assert.equal(Math.max(...scatter.map((p) => p.error)), Math.max(...errors));
    const expected = sweptFront().map((id) => values.get(id)!).sort((p, q) => p[1] - q[1]);
    assert.deepEqual(front.map((p) => [p.error, p.complexity]), expected);
    store.close();
  });

  it('show prints the front and plot writes the image', async () => {
    const show = await runCommand(showCommand, ['show', '--db', path]);
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, new RegExp(`trials: ${values.size} done, ${TRIALS - values.size} failed`));
    assert.match(show.out, new RegExp(`Pareto front \\(${sweptFront().length} trials\\)`));
    const file = join(dir, 'big.svg');
    const plot = await runCommand(plotCommand, ['plot', '--db', path, '--out', file]);
    assert.equal(plot.code, 0, plot.err);
    assert.ok(readFileSync(file, 'utf8').includes(`amoeba study big: ${values.size} finished trials`));
  });
});
