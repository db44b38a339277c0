/*
 * Exported float32 exp2 programs against Math.pow(2, x) and Math.exp(x·ln2) over 10^7
 * inputs in [0, 1), then the complete exported functions (argument reduction included,
 * `--export js`) over a Float32Array of 10^7 inputs in [−20, 20] against the same two and a
 * Float32Array loop of Math.fround(Math.pow(2, x)). CPU time (process.cpuUsage), best of 3.
 * Usage: npx tsx bench/approx-exp2-speed.ts [front.json]
 * With a `--json` file from `amoeba approx exp2 --mode float32`, the front's programs below
 * 1 ULP are timed too; the minimax polynomials with fma are always timed.
 */
import { readFileSync } from 'node:fs';
import { BASELINE_OPS } from '../src/tasks/function-approx/baselines.ts';
import { minimaxProgram } from '../src/tasks/function-approx/classic-forms.ts';
import { toFunctionExpression } from '../src/tasks/function-approx/export.ts';
import { exportReduced } from '../src/tasks/function-approx/reduced-export.ts';
import { builtInTarget } from '../src/tasks/function-approx/targets.ts';

const N = 10_000_000;
const inputs = new Float64Array(N);
for (let i = 0; i < N; i++) inputs[i] = Math.fround(((i * 0.6180339887498949) % 1));
const out = new Float64Array(N);

/** Best of 3 runs in CPU milliseconds, after one warm-up. */
function time(run: () => void): number {
  run();
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t = process.cpuUsage();
    run();
    const used = process.cpuUsage(t);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

// Each contender gets its own loop, so V8 inlines the function under test into it.
function loopOver(expression: string): () => void {
  const f = new Function('inputs', 'out', 'N', `const f = ${expression}; return () => { for (let i = 0; i < N; i++) out[i] = f(inputs[i]); };`);
  return f(inputs, out, N) as () => void;
}

const contenders: [string, string][] = [
  ['Math.pow(2, x)', '(x) => Math.pow(2, x)'],
  ['Math.exp(x * Math.LN2)', '(x) => Math.exp(x * Math.LN2)'],
];
const exp2 = builtInTarget('exp2');
for (const degree of [6, 7]) contenders.push([`minimax poly ${degree}, fma, float32`, toFunctionExpression(minimaxProgram(exp2, [0, 1], degree, 0, { fma: true })!, { ops: BASELINE_OPS, float32: true })]);
const file = process.argv[2];
if (file !== undefined) {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { front: { ops: number; maxUlp?: number; js: string }[] };
  for (const p of json.front) if ((p.maxUlp ?? Infinity) < 1) contenders.push([`searched, ${p.ops} ops, ${p.maxUlp!.toFixed(3)} ulp`, p.js]);
}

const baseline = time(loopOver(contenders[0]![1]));
for (const [name, expression] of contenders) {
  const ms = name === contenders[0]![0] ? baseline : time(loopOver(expression));
  console.log(`${name.padEnd(42)} ${(N / ms / 1000).toFixed(1).padStart(7)} M/s   ${(baseline / ms).toFixed(2)}× Math.pow`);
}

// The complete functions, over float32 arrays of inputs across [−20, 20].
const inputs32 = new Float32Array(N);
for (let i = 0; i < N; i++) inputs32[i] = -20 + 40 * ((i * 0.6180339887498949) % 1);
const out32 = new Float32Array(N);
function loopOver32(source: string, name: string): () => void {
  const f = new Function('inputs', 'out', 'N', `${source.replaceAll('export function', 'function')}\nreturn () => { for (let i = 0; i < N; i++) out[i] = ${name}(inputs[i]); };`);
  return f(inputs32, out32, N) as () => void;
}
const whole: [string, () => void][] = [
  ['Math.pow(2, x), Float32Array', loopOver32('function pow2(x) { return Math.pow(2, x); }', 'pow2')],
  ['Math.exp(x * Math.LN2), Float32Array', loopOver32('function e2(x) { return Math.exp(x * Math.LN2); }', 'e2')],
  ['Math.fround(Math.pow(2, x)), Float32Array', loopOver32('function p2(x) { return Math.fround(Math.pow(2, x)); }', 'p2')],
];
for (const degree of [6, 7]) {
  const name = `minimax${degree}`;
  whole.push([`exported minimax poly ${degree}, fma, reduced`, loopOver32(exportReduced(minimaxProgram(exp2, [0, 1], degree, 0, { fma: true })!, name, 'js', BASELINE_OPS), name)]);
}
console.log('\nwhole functions over [-20, 20]');
const wholeBaseline = time(whole[0]![1]);
for (const [name, run] of whole) {
  const ms = name === whole[0]![0] ? wholeBaseline : time(run);
  console.log(`${name.padEnd(42)} ${(N / ms / 1000).toFixed(1).padStart(7)} M/s   ${(wholeBaseline / ms).toFixed(2)}× Math.pow`);
}
