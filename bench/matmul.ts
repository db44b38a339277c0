/**
 * The matmul kernels against a plain triple loop and tfjs's wasm backend (XNNPACK), on square
 * sizes and on the shapes the neural-network engine runs (MNIST 784-128-10 at batch 128 with
 * its two gradient products per layer, SAC at batch 256, the GNN's 2560-node layers, a batch-1
 * policy). Prints GFLOP/s per path, measured in one run, the ratio of the shipped kernel to
 * tfjs with its read-back, what the copies into WebAssembly memory cost, and the crossover
 * between the JavaScript and WebAssembly kernels.
 *
 *   npx tsx bench/matmul.ts [--quick]
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { Rng } from '../src/core/rng.ts';
import { matmul, SMALL_MATMUL_MACS } from '../src/learn/kernels/matmul.ts';
import { matmulNaive, matmulSmall } from '../src/learn/kernels/matmul-js.ts';
import { createWasmMatmul, type Float32Matmul } from '../src/learn/kernels/matmul-wasm.ts';
import { defaultMatmulModuleOptions } from '../src/learn/kernels/matmul-wasm-module.ts';
import { enableRelaxedSimd } from '../src/learn/kernels/relaxed-simd.ts';
import { formatDuration, timeStep, type Budget } from './nn/measure.ts';
import { useTfjsBackend } from './nn/tfjs.ts';

const quick = process.argv.includes('--quick');
const budget: Budget = { ms: quick ? 60 : 250, minRepetitions: 5 };

interface Shape { readonly label: string; readonly m: number; readonly k: number; readonly n: number; readonly transposeA?: boolean; readonly transposeB?: boolean }

const shapes: Shape[] = [
  ...[64, 128, 256, 512, 1024].map((s) => ({ label: `square ${s}`, m: s, k: s, n: s })),
  { label: 'mnist hidden forward', m: 128, k: 784, n: 128 },
  { label: 'mnist hidden dX (Bᵀ)', m: 128, k: 128, n: 784, transposeB: true },
  { label: 'mnist hidden dW (Aᵀ)', m: 784, k: 128, n: 128, transposeA: true },
  { label: 'mnist output forward', m: 128, k: 128, n: 10 },
  { label: 'mnist output dX (Bᵀ)', m: 128, k: 10, n: 128, transposeB: true },
  { label: 'mnist output dW (Aᵀ)', m: 128, k: 128, n: 10, transposeA: true },
  { label: 'sac hidden', m: 256, k: 256, n: 256 },
  { label: 'sac input', m: 256, k: 3, n: 256 },
  { label: 'gnn layer', m: 2560, k: 64, n: 64 },
  { label: 'policy input', m: 1, k: 4, n: 32 },
  { label: 'policy hidden', m: 1, k: 32, n: 32 },
];

const relaxed = enableRelaxedSimd();
const wasmMulAdd = createWasmMatmul({ ...defaultMatmulModuleOptions, relaxed: false });
const wasmRelaxed = relaxed ? createWasmMatmul({ ...defaultMatmulModuleOptions, relaxed: true }) : undefined;
const rng = new Rng(1);

function operands(s: Shape): { a: Float32Array; b: Float32Array; out: Float32Array } {
  const random = (length: number): Float32Array => Float32Array.from({ length }, () => rng.uniform(-1, 1));
  return { a: random(s.m * s.k), b: random(s.k * s.n), out: new Float32Array(s.m * s.n) };
}

async function gflops(s: Shape, step: () => void): Promise<number> {
  const timing = await timeStep(step, budget);
  return (2 * s.m * s.k * s.n) / timing.msPerStep / 1e6;
}

function ours(s: Shape, kernel: Float32Matmul): () => void {
  const { a, b, out } = operands(s);
  return () => kernel(a, 0, b, 0, out, 0, s.m, s.k, s.n, s.transposeA ?? false, s.transposeB ?? false, false);
}

function tfjs(s: Shape, read: boolean): () => void {
  const { a, b } = operands(s);
  const ta = tf.tensor2d(a, s.transposeA ? [s.k, s.m] : [s.m, s.k]);
  const tb = tf.tensor2d(b, s.transposeB ? [s.n, s.k] : [s.k, s.n]);
  return () => {
    const c = tf.matMul(ta, tb, s.transposeA, s.transposeB);
    if (read) c.dataSync();
    c.dispose();
  };
}

/** The three memcpys the WebAssembly path makes (A and B in, C out), between plain arrays. */
function copies(s: Shape): () => void {
  const { a, b, out } = operands(s);
  const heap = new Float32Array(a.length + b.length + out.length);
  return () => {
    heap.set(a, 0);
    heap.set(b, a.length);
    out.set(heap.subarray(0, out.length));
  };
}

tf.enableProdMode();
await useTfjsBackend('wasm');
const columns = ['naive', 'js', 'wasm', ...(relaxed ? ['wasm+fma'] : []), 'matmul', 'tfjs', 'tfjs+read', 'matmul/tfjs+read', 'copies'];
console.log(`GFLOP/s (median of repetitions; relaxed SIMD ${relaxed ? 'on' : 'unavailable'}; matmul = the shipped dispatch, JS up to ${SMALL_MATMUL_MACS} MACs)`);
console.log(['shape'.padEnd(34), ...columns.map((c) => c.padStart(9))].join(' '));
for (const s of shapes) {
  const naiveData = operands(s);
  const row = [
    await gflops(s, () => matmulNaive(naiveData.a, 0, naiveData.b, 0, naiveData.out, 0, s.m, s.k, s.n, s.transposeA ?? false, s.transposeB ?? false, false)),
    await gflops(s, ours(s, matmulSmall)),
    await gflops(s, ours(s, wasmMulAdd)),
    ...(wasmRelaxed ? [await gflops(s, ours(s, wasmRelaxed))] : []),
    await gflops(s, ours(s, matmul as Float32Matmul)),
    await gflops(s, tfjs(s, false)),
    await gflops(s, tfjs(s, true)),
  ];
  const shipped = row[row.length - 3]!, tfjsRead = row[row.length - 1]!;
  const copyMs = (await timeStep(copies(s), budget)).msPerStep, shippedMs = (2 * s.m * s.k * s.n) / shipped / 1e6;
  const name = `${s.label} ${s.m}×${s.k}×${s.n}`;
  console.log([name.padEnd(34), ...row.map((g) => g.toFixed(2).padStart(9)), `${(shipped / tfjsRead).toFixed(1)}×`.padStart(9), `${((100 * copyMs) / shippedMs).toFixed(0)}%`.padStart(9)].join(' '));
}

console.log('\nCrossover: time per call of the JavaScript and WebAssembly kernels on small products');
console.log(['m×k×n'.padEnd(12), 'MACs'.padStart(6), ...['', 'Aᵀ', 'Bᵀ'].flatMap((t) => [`js${t}`.padStart(10), `wasm${t}`.padStart(10)])].join(' '));
const wasmShipped = createWasmMatmul();
for (const [m, k, n] of [[1, 4, 32], [1, 8, 32], [1, 16, 32], [2, 16, 16], [1, 32, 32], [2, 32, 32], [4, 32, 32], [1, 64, 64], [8, 32, 32]] as const) {
  const cells: string[] = [];
  for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true]] as const) {
    const s: Shape = { label: '', m, k, n, transposeA, transposeB };
    for (const kernel of [matmulSmall, wasmShipped]) cells.push(formatDuration((await timeStep(ours(s, kernel), budget)).msPerStep).padStart(10));
  }
  console.log([`${m}×${k}×${n}`.padEnd(12), String(m * k * n).padStart(6), ...cells].join(' '));
}
