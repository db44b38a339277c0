/*
 * Throughput of the exhaustive float32 verifier, in float32 inputs per second, against a
 * plain per-input loop (exported function, float32Ulp by logarithm). Usage:
 *   npx tsx bench/approx-verify.ts          # [0.5, 1): 2^23 inputs
 *   npx tsx bench/approx-verify.ts --full [horner|fma] [degree]
 *       # all of [0, 1] (1,065,353,217 inputs) for the minimax polynomial of that degree,
 *       # evaluated by Horner's rule in float32, plain or with fma (default fma 6)
 */
import { BASELINE_OPS } from '../src/tasks/function-approx/baselines.ts';
import { minimaxProgram } from '../src/tasks/function-approx/classic-forms.ts';
import { float32Ulp } from '../src/tasks/function-approx/error-measures.ts';
import { toFunctionExpression } from '../src/tasks/function-approx/export.ts';
import { builtInTarget } from '../src/tasks/function-approx/targets.ts';
import { verifyFloat32 } from '../src/tasks/function-approx/verify-float32.ts';
import { verifyFloat32Parallel } from '../src/tasks/function-approx/verify-float32-parallel.ts';
import { availableParallelism } from 'node:os';

const exp2 = builtInTarget('exp2');
const full = process.argv.includes('--full');
const fma = process.argv[3] !== 'horner';
const degree = Number(process.argv[4] ?? 6);
const program = minimaxProgram(exp2, [0, 1], degree, 0, { fma })!;
const interval: [number, number] = full ? [0, 1] : [0.5, Math.fround(1 - 2 ** -24)];
console.log(`minimax poly ${degree}, ${fma ? 'fma' : 'horner'}, float32, on [${interval.join(', ')}]`);

let t = performance.now();
const report = verifyFloat32({ program, target: exp2, interval, ops: BASELINE_OPS });
const verifierMs = performance.now() - t;

// The plain way: one call per input, ULP by logarithm, over the same 2^23 inputs of [0.5, 1).
const f = new Function(`return ${toFunctionExpression(program, { ops: BASELINE_OPS, float32: true })};`)() as (x: number) => number;
const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);
bits[0] = 0x3f000000; // 0.5
const plainCount = 2 ** 23;
let plainMax = 0;
t = performance.now();
for (let i = 0; i < plainCount; i++, bits[0]!++) {
  const x = asFloat[0]!;
  const y = exp2.fast(x);
  const e = Math.abs(f(x) - y) / float32Ulp(y);
  if (e > plainMax) plainMax = e;
}
const plainMs = performance.now() - t;

const rate = (count: number, ms: number) => `${((count / ms) * 1000 / 1e6).toFixed(1)} M float32/s`;
console.log(`verifier: ${report.checked} inputs in ${(verifierMs / 1000).toFixed(2)} s, ${rate(report.checked, verifierMs)}, max ${report.maxUlp.toFixed(4)} ulp at x = ${report.worstInput}, ${report.atLeastOneUlp} inputs >= 1 ulp`);
console.log(`plain loop: ${plainCount} inputs in ${(plainMs / 1000).toFixed(2)} s, ${rate(plainCount, plainMs)}, max ${plainMax.toFixed(4)} ulp on [0.5, 1)`);
console.log(`ratio: ${((report.checked / verifierMs) / (plainCount / plainMs)).toFixed(2)}× the plain loop`);

t = performance.now();
const parallel = await verifyFloat32Parallel({ program, target: exp2, interval, ops: BASELINE_OPS });
const parallelMs = performance.now() - t;
console.log(`parallel verifier, ${availableParallelism()} threads: ${rate(parallel.checked, parallelMs)}, ${((parallel.checked / parallelMs) / (plainCount / plainMs)).toFixed(2)}× the plain loop, max ${parallel.maxUlp.toFixed(4)} ulp`);
