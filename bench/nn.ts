/**
 * Neural-network engines side by side on the four workloads of learn/'s issue (see
 * bench/nn/workloads.ts for their exact math): time per step, achieved GFLOP/s, and the speed
 * ratio against the tfjs wasm backend measured in the same run (> 1 means faster than it).
 * Also prints square-matmul throughput and the cost of one tiny op per tfjs backend.
 *
 *   npx tsx bench/nn.ts                       # everything, ~1–2 minutes
 *   npx tsx bench/nn.ts --quick               # short budgets plus sanity lines, < 30 s
 *   npx tsx bench/nn.ts --workload a,mnist --engines tfjs-wasm
 *   npx tsx bench/nn.ts --relaxed-simd        # our matmul with fused multiply-add (Node 20: turns on V8's flag)
 *
 * --quick also prints, per row, each output after the first step and after the last (losses
 * must be finite, and fall for the training workloads) and the live tensor count.
 *
 * Besides wall time, each row gives the process's CPU time per step (median over the same
 * repetitions): on a shared machine wall time includes waiting for a core, CPU time does not.
 * The load average is printed before and after the table.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { isUsageError, UsageError } from '../src/core/errors.ts';
import { enableRelaxedSimd, relaxedSimdSupported } from '../src/learn/kernels/relaxed-simd.ts';
import type { NnEngine } from './nn/engine.ts';
import { coldTiming, formatDuration, timeStep, type Budget, type Timing } from './nn/measure.ts';
import { printMicro } from './nn/micro.ts';
import { ownEngine } from './nn/own.ts';
import { tfjsEngine } from './nn/tfjs.ts';
import { buildWorkloads, type Workload } from './nn/workloads.ts';

/** Every engine, in table order. */
const ENGINES: readonly NnEngine[] = [
  tfjsEngine('wasm'),
  tfjsEngine('cpu'),
  ownEngine(),
];
/** The row every ratio divides by, measured in the same run. */
const BASELINE = 'tfjs-wasm';

interface Row {
  readonly workload: Workload;
  readonly engine: string;
  readonly timing: Timing | undefined;
  readonly sanity: string;
}

const FLAGS = {
  workload: { type: 'string' }, engines: { type: 'string' }, quick: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' },
  'relaxed-simd': { type: 'boolean', default: false },
} as const;

function parseFlags() {
  try {
    return parseArgs({ options: FLAGS }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; flags: --workload a,b,… --engines ${ENGINES.map((e) => e.name).join(',')} --quick --seed N --relaxed-simd`);
  }
}

function parseOptions(): { workloads: string[]; engines: NnEngine[]; quick: boolean; seed: number; relaxedSimd: boolean } {
  const values = parseFlags();
  const list = (s: string | undefined): string[] => (s === undefined ? [] : s.split(',').map((x) => x.trim()).filter((x) => x !== ''));
  const names = list(values.engines);
  const unknown = names.filter((n) => !ENGINES.some((e) => e.name === n));
  if (unknown.length > 0) throw new UsageError(`unknown engine ${unknown.join(', ')}: choose from ${ENGINES.map((e) => e.name).join(', ')}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${values.seed}`);
  return {
    workloads: list(values.workload), engines: ENGINES.filter((e) => names.length === 0 || names.includes(e.name)), quick: values.quick, seed,
    relaxedSimd: values['relaxed-simd'],
  };
}

function describeOutputs(w: Workload, first: Float64Array, last: Float64Array | undefined): string {
  return w.outputs.map((name, i) => `${name} ${first[i]!.toPrecision(5)}${last === undefined ? '' : ` → ${last[i]!.toPrecision(5)}`}`).join(', ');
}

/** What --quick checks by eye: outputs finite, training losses lower at the end than at the start. */
function verdict(w: Workload, first: Float64Array, last: Float64Array | undefined): string {
  const finite = [...first, ...(last ?? [])].every(Number.isFinite);
  if (!finite) return 'NOT FINITE';
  if (last === undefined || (w.kind !== 'mnist' && w.kind !== 'sac')) return 'finite';
  return last[0]! < first[0]! ? 'finite, loss falls' : 'finite, LOSS DOES NOT FALL';
}

/**
 * Prepares, runs a first step (kept for the sanity line), times, disposes. Under --quick a row
 * whose first step exceeds `coldCapMs` keeps that one cold step as its time.
 */
async function measure(w: Workload, engine: NnEngine, budget: Budget, coldCapMs: number): Promise<Row> {
  if (!engine.supports(w)) return { workload: w, engine: engine.name, timing: undefined, sanity: 'not implemented' };
  const prepared = await engine.prepare(w);
  const first = new Float64Array(w.outputs.length);
  const out = new Float64Array(w.outputs.length);
  const start = performance.now();
  await prepared.step(first);
  const firstMs = performance.now() - start;
  const tensorsBefore = prepared.liveTensors?.();
  const timing = firstMs > coldCapMs ? coldTiming(firstMs) : await timeStep(() => prepared.step(out), budget, firstMs);
  const tensorsAfter = prepared.liveTensors?.();
  prepared.dispose();
  const tensors = tensorsBefore === undefined ? '' : `; live tensors ${tensorsBefore} → ${tensorsAfter}`;
  const sanity = timing.cold
    ? `${describeOutputs(w, first, undefined)} (one cold step only): ${verdict(w, first, undefined)}`
    : `${describeOutputs(w, first, out)} after ${timing.steps + 1} steps: ${verdict(w, first, out)}${tensors}`;
  return { workload: w, engine: engine.name, timing, sanity };
}

function printTable(rows: readonly Row[]): void {
  const header = ['workload', 'engine', 'time/step', 'GFLOP/s', `× ${BASELINE}`, 'IQR', 'reps×steps', 'CPU/step', `CPU × ${BASELINE}`];
  const lines = rows.map((row) => {
    const t = row.timing;
    const base = rows.find((r) => r.workload === row.workload && r.engine === BASELINE)?.timing;
    if (t === undefined) return [`${row.workload.letter} ${row.workload.id}`, row.engine, 'n/a', '', '', '', '', '', ''];
    return [
      `${row.workload.letter} ${row.workload.id}`, row.engine, formatDuration(t.msPerStep),
      (row.workload.flopsPerStep / (t.msPerStep * 1e6)).toFixed(2),
      base === undefined ? '—' : (base.msPerStep / t.msPerStep).toFixed(2),
      t.cold ? '' : `${(100 * t.spread).toFixed(0)}%`, t.cold ? 'cold' : `${t.repetitions}×${t.stepsPerRepetition}`,
      Number.isNaN(t.cpuMsPerStep) ? '' : formatDuration(t.cpuMsPerStep),
      base === undefined || Number.isNaN(base.cpuMsPerStep) || Number.isNaN(t.cpuMsPerStep) ? '' : (base.cpuMsPerStep / t.cpuMsPerStep).toFixed(2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: readonly string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(format(header));
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<void> {
  const options = parseOptions();
  // Before the first matmul: the kernels keep the choice they were compiled with.
  const relaxed = options.relaxedSimd ? enableRelaxedSimd() : relaxedSimdSupported();
  const workloads = buildWorkloads(options.seed, options.workloads);
  const budget: Budget = options.quick ? { ms: 300, minRepetitions: 1 } : { ms: 2500, minRepetitions: 3 };
  console.log(`nn engines, seed ${options.seed}${options.quick ? ', quick' : ''}; FLOPs count matrix products only (bench/nn/workloads.ts)`);
  console.log(`our matmul: ${relaxed ? 'relaxed SIMD (fused multiply-add)' : 'SIMD multiply then add'}`);
  for (const w of workloads) console.log(`  ${w.letter} ${w.id.padEnd(13)} ${w.title}: ${(w.flopsPerStep / 1e6).toFixed(3)} MFLOP/step`);
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  const rows: Row[] = [];
  for (const w of workloads) for (const engine of options.engines) rows.push(await measure(w, engine, budget, options.quick ? 1000 : Number.POSITIVE_INFINITY));
  console.log('');
  printTable(rows);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  console.log('aim (issue): a ≥ 10×, b sac-256 and c ≥ 3× tfjs-wasm; d under 2 µs');
  if (options.quick) {
    console.log('\nsanity (first step → last step):');
    for (const row of rows) console.log(`  ${row.workload.id} ${row.engine}: ${row.sanity}`);
  }
  const backends = options.engines.map((e) => e.name).filter((n) => n === 'tfjs-wasm' || n === 'tfjs-cpu').map((n) => n.slice(5) as 'wasm' | 'cpu');
  console.log('\nmicro:');
  await printMicro(backends, options.quick ? [256, 512] : [256, 512, 1024], options.quick ? { ms: 300, minRepetitions: 1 } : { ms: 1500, minRepetitions: 3 });
}

main().catch((error: unknown) => {
  if (isUsageError(error)) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
});
