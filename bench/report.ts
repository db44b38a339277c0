/**
 * `amoeba show` and `amoeba plot` on large stores: synthetic formula-search studies of 10⁴,
 * 10⁵ and 10⁶ trials written straight into SQLite, each command run in a fresh child process
 * (so its peak RSS is its own) by the streaming reports and, where it finishes in reasonable
 * time, by the old path (every trial read at once, a full non-dominated sort, every point
 * drawn). Prints seconds and peak RSS per run, and the old/new ratio where both ran.
 * Run: npx tsx bench/report.ts [--sizes 10000,100000,1000000] [--old-up-to 10000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TopLevelSpec } from 'vega-lite';
import { formatStudyReport, renderSvg, studyPlotSpec, studyReport, svgToPng } from '../src/report/index.ts';
import { sqliteStore } from '../src/store/index.ts';
import { fullSortPlotData, fullSortReportIds } from '../test/helpers/full-sort-report.ts';
import { writeSyntheticStudy } from '../test/helpers/synthetic-study.ts';

type Job = 'show' | 'plot' | 'old-show' | 'old-plot';

/** Child mode: runs one job on one store and prints { seconds, peakRssMiB }. */
async function child(job: Job, path: string, out: string): Promise<void> {
  const start = performance.now();
  const store = sqliteStore({ path });
  const study = store.study('big')!;
  if (job === 'show') {
    formatStudyReport(studyReport(store, study));
  } else if (job === 'plot') {
    writeFileSync(out, svgToPng(await renderSvg(studyPlotSpec(store, study))));
  } else if (job === 'old-show') {
    fullSortReportIds(study, store.trials('big'));
  } else {
    // The old plot: the same figure with every trial in it.
    const spec = studyPlotSpec(store, study) as unknown as { hconcat: { data?: { values: unknown[] }; layer?: { data: { values: unknown[] } }[] }[] };
    const full = fullSortPlotData(study, store.trials('big'));
    spec.hconcat[0]!.data!.values = full.progress;
    spec.hconcat[1]!.data!.values = full.progress;
    spec.hconcat[2]!.layer![0]!.data.values = full.points;
    spec.hconcat[2]!.layer![1]!.data.values = full.frontPoints;
    writeFileSync(out, svgToPng(await renderSvg(spec as unknown as TopLevelSpec)));
  }
  store.close();
  process.stdout.write(JSON.stringify({ seconds: (performance.now() - start) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

interface Measured {
  /** From opening the store to the last byte written, in the child. */
  readonly seconds: number;
  /** The whole child process, Node and tsx start-up included: what a person waits for. */
  readonly processSeconds: number;
  readonly peakRssMiB: number;
}

function run(job: Job, path: string, dir: string): Measured | string {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', job, path, join(dir, `${job}.png`)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) return `failed (${result.signal ?? `exit ${result.status}`}): ${result.stderr.trim().split('\n').pop() ?? ''}`;
  return { ...(JSON.parse(result.stdout) as { seconds: number; peakRssMiB: number }), processSeconds: (performance.now() - start) / 1000 };
}

async function main(): Promise<void> {
  const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { child: { type: 'string' }, sizes: { type: 'string' }, 'old-up-to': { type: 'string' } } });
  if (flags.child !== undefined) return child(flags.child as Job, positionals[0]!, positionals[1]!);
  const sizes = (flags.sizes ?? '10000,100000,1000000').split(',').map(Number);
  const oldUpTo = Number(flags['old-up-to'] ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'amoeba-bench-report-'));
  try {
    for (const trials of sizes) {
      const path = join(dir, `s${trials}.db`);
      const writing = performance.now();
      const store = sqliteStore({ path, batchRows: 10_000 });
      writeSyntheticStudy(store, 'big', trials);
      store.close();
      const bytes = statSync(path).size;
      console.log(`${trials} trials: store written in ${((performance.now() - writing) / 1000).toFixed(1)} s, ${(bytes / 2 ** 20).toFixed(1)} MiB (${Math.round(bytes / trials)} B a trial)`);
      for (const command of ['show', 'plot'] as const) {
        const now = run(command, path, dir);
        const old = trials <= oldUpTo ? run(`old-${command}`, path, dir) : undefined;
        const line = (label: string, r: ReturnType<typeof run>) => (typeof r === 'string' ? `${label} ${r}` : `${label} ${r.seconds.toFixed(2)} s (${r.processSeconds.toFixed(1)} s with start-up), peak RSS ${r.peakRssMiB.toFixed(0)} MiB`);
        const ratio = typeof now !== 'string' && old !== undefined && typeof old !== 'string' ? `; old/new time ${(old.seconds / now.seconds).toFixed(1)}×, memory ${(old.peakRssMiB / now.peakRssMiB).toFixed(1)}×` : '';
        console.log(`  ${command}: ${line('streaming', now)}${old === undefined ? '' : `; ${line('full sort', old)}`}${ratio}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
