/**
 * Rows per CPU-second of formula evaluation at 10^3, 10^5 and 10^6 rows: the column evaluator
 * (what the search scores candidates with below 10,000 rows) and the compiled graph (what
 * the task runs from 10,000 rows on), each against the same formula written by hand as one JS
 * loop. Each way writes its outputs, then the same loop sums squared errors against a target,
 * as scoring does. Prints the ratios to hand-written speed (1.0 is as fast).
 * With --search, also times one search of --budget trials on 10^5 rows of I.18.4.
 *
 *   npx tsx bench/sr-rows.ts [--search] [--budget 100000]
 */
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/rng.ts';
import { columnEvaluator } from '../src/spaces/graph/column-evaluator.ts';
import { compileGraph } from '../src/spaces/graph/compile.ts';
import { constantsOf } from '../src/spaces/graph/constants.ts';
import type { Graph } from '../src/spaces/graph/graph.ts';
import { opSet } from '../src/spaces/graph/op-set.ts';
import { feynman } from '../src/tasks/symbolic-regression/feynman.ts';
import { sampleProblem } from '../src/tasks/symbolic-regression/nguyen.ts';
import { searchFormulas, DEFAULT_SR_OPS } from '../src/tasks/symbolic-regression/search.ts';

const ops = opSet(DEFAULT_SR_OPS);
// 0.7 + 1.3·(m1·r1 + m2·r2) / (m1 + m2), inputs m1, m2, r1, r2: I.18.4 after linear scaling.
const graph: Graph = {
  inputs: 4,
  vertices: [
    { op: 'mul', args: [0, 2] }, // 4
    { op: 'mul', args: [1, 3] }, // 5
    { op: 'add', args: [4, 5] }, // 6
    { op: 'add', args: [0, 1] }, // 7
    { op: 'pdiv', args: [6, 7] }, // 8
    { const: 1.3 }, // 9
    { op: 'mul', args: [9, 8] }, // 10
    { const: 0.7 }, // 11
    { op: 'add', args: [11, 10] }, // 12
  ],
  outputs: [12],
};

/** The sum of squared errors of the first `rows` outputs: the same last step for every way. */
function sumOfSquaredErrors(out: Float64Array, target: Float64Array, rows: number): number {
  let sse = 0;
  for (let i = 0; i < rows; i++) {
    const r = out[i]! - target[i]!;
    sse += r * r;
  }
  return sse;
}

let handOut = new Float64Array(0);
function hand(columns: readonly Float64Array[], constants: Float64Array, target: Float64Array, rows: number): number {
  if (handOut.length < rows) handOut = new Float64Array(rows);
  const out = handOut;
  const m1 = columns[0]!;
  const m2 = columns[1]!;
  const r1 = columns[2]!;
  const r2 = columns[3]!;
  const slope = constants[0]!;
  const offset = constants[1]!;
  for (let i = 0; i < rows; i++) {
    const a = m1[i]!;
    const b = m2[i]!;
    const d = a + b;
    out[i] = offset + slope * (Math.abs(d) < 1e-12 ? 1 : (a * r1[i]! + b * r2[i]!) / d);
  }
  return sumOfSquaredErrors(out, target, rows);
}

const evaluator = columnEvaluator(ops);
function viaEvaluator(columns: readonly Float64Array[], constants: Float64Array, target: Float64Array, rows: number): number {
  return sumOfSquaredErrors(evaluator.run(graph, columns, constants, rows)[0]!, target, rows);
}

const compiled = compileGraph(graph, ops);
let compiledOut = new Float64Array(0);
function viaCompiled(columns: readonly Float64Array[], constants: Float64Array, target: Float64Array, rows: number): number {
  if (compiledOut.length < rows) compiledOut = new Float64Array(rows);
  compiled.run(columns, constants, [compiledOut], rows);
  return sumOfSquaredErrors(compiledOut, target, rows);
}

type Way = (columns: readonly Float64Array[], constants: Float64Array, target: Float64Array, rows: number) => number;

/** CPU-seconds of `reps` calls. */
function cpuSeconds(way: Way, columns: readonly Float64Array[], constants: Float64Array, target: Float64Array, rows: number, reps: number): number {
  const start = process.cpuUsage();
  let sink = 0;
  for (let k = 0; k < reps; k++) sink += way(columns, constants, target, rows);
  const used = process.cpuUsage(start);
  if (!Number.isFinite(sink)) throw new Error('non-finite sum');
  return (used.user + used.system) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const { values } = parseArgs({ options: { search: { type: 'boolean', default: false }, budget: { type: 'string', default: '100000' } } });
const rng = new Rng(1);
const law = feynman.find((p) => p.name === 'I.18.4')!;
console.log('rows       hand rows/s     columns rows/s    ratio   compiled rows/s  ratio');
for (const rows of [1_000, 100_000, 1_000_000]) {
  const data = sampleProblem(law, rng, rows);
  const constants = constantsOf(graph);
  const handConstants = Float64Array.of(1.3, 0.7);
  const reps = Math.max(3, Math.round(20_000_000 / rows));
  const ways: [Way, Float64Array][] = [[hand, handConstants], [viaEvaluator, constants], [viaCompiled, constants]];
  for (const [way, c] of ways) cpuSeconds(way, data.features, c, data.target, rows, reps); // warm-up
  const times: number[][] = ways.map(() => []);
  for (let round = 0; round < 7; round++) ways.forEach(([way, c], w) => times[w]!.push(cpuSeconds(way, data.features, c, data.target, rows, reps)));
  const [h, e, k] = times.map((t) => (rows * reps) / median(t));
  console.log(`${String(rows).padEnd(9)}  ${h!.toExponential(3).padEnd(14)}  ${e!.toExponential(3).padEnd(16)}  ${(e! / h!).toFixed(2).padEnd(6)}  ${k!.toExponential(3).padEnd(15)}  ${(k! / h!).toFixed(2)}`);
}

if (values.search) {
  const data = sampleProblem(law, new Rng(0), 100_000);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const result = await searchFormulas({ data, seed: 0, budgetTrials: Number(values.budget) });
  const used = process.cpuUsage(cpu);
  const best = result.front[result.best]!;
  console.log(`\nsearch on 100,000 rows of I.18.4: ${result.summary.trials} trials (${result.summary.stopReason}), ${((used.user + used.system) / 1e6).toFixed(1)} CPU-s, ${((performance.now() - wall) / 1000).toFixed(1)} s wall; best R² ${(1 - best.validError).toPrecision(10)}: ${best.expression}`);
}
