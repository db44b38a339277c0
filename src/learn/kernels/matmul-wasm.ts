/**
 * Runs the generated SIMD matmul on any Float32Array: operands are copied into the kernel
 * memory (a memcpy each), B is packed in blocks of k rows so the packed block stays in L2,
 * and C is copied back. The copies cost 2–8% of a call on the engine's hidden-layer shapes and
 * 13–26% on thin ones (n = 10, k = 3), measured by bench/matmul.ts: too little, for now, to
 * make tensors live inside WebAssembly memory.
 */
import { kernelMemory, type KernelMemory } from './kernel-memory.ts';
import { buildMatmulModule, defaultMatmulModuleOptions, matmulExports, type MatmulModuleOptions } from './matmul-wasm-module.ts';
import { relaxedSimdSupported } from './relaxed-simd.ts';

/** k rows of B packed at once: 256 rows × n floats stays within L2 for n up to ~1000. */
const K_BLOCK = 256;
/** Bytes past each scratch region that a vector access at a row's end may touch. */
const SLACK_BYTES = 16;

type PackB = (b: number, rowStride: number, columnStride: number, k: number, n: number, dst: number) => void;
type Gemm = (a: number, lda: number, b: number, c: number, m: number, k: number, n: number, accumulate: number) => void;

/** The contract of `matmul`, over Float32Array only. */
export type Float32Matmul = (
  a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, out: Float32Array, outOffset: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
) => void;

interface Kernels { readonly packB: PackB; readonly gemmRows: Gemm; readonly gemmColumns: Gemm; readonly memory: KernelMemory; readonly panelWidth: number }

function load(options: MatmulModuleOptions): Kernels {
  const memory = kernelMemory();
  const module = new WebAssembly.Module(buildMatmulModule(options));
  const exports = new WebAssembly.Instance(module, { env: { memory: memory.memory } }).exports;
  return {
    packB: exports[matmulExports.packB] as PackB,
    gemmRows: exports[matmulExports.gemmRows] as Gemm,
    gemmColumns: exports[matmulExports.gemmColumns] as Gemm,
    memory,
    panelWidth: 4 * options.vectors,
  };
}

function align(bytes: number): number {
  return (bytes + SLACK_BYTES + 15) & ~15;
}

/**
 * A matmul over the WebAssembly SIMD kernels of the given shape, compiled on the first call
 * (by default the shipped shape, with relaxed SIMD where the runtime has it then).
 */
export function createWasmMatmul(options?: MatmulModuleOptions): Float32Matmul {
  let kernels: Kernels | undefined;
  return (a, aOffset, b, bOffset, out, outOffset, m, k, n, transposeA, transposeB, accumulate) => {
    kernels ??= load(options ?? { ...defaultMatmulModuleOptions, relaxed: relaxedSimdSupported() });
    run(kernels, a, aOffset, b, bOffset, out, outOffset, m, k, n, transposeA, transposeB, accumulate);
  };
}

/** out (m×n) (+)= op(a)·op(b) with the default WebAssembly SIMD kernels; same contract as matmul. */
export const matmulWasm: Float32Matmul = createWasmMatmul();

function run(
  kernels: Kernels, a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, out: Float32Array, outOffset: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
): void {
  const { memory, panelWidth } = kernels;
  const kBlock = Math.min(k, K_BLOCK);
  const packedBytes = align(4 * kBlock * Math.ceil(n / panelWidth) * panelWidth);
  const aBytes = align(4 * m * k), bBytes = align(4 * k * n);
  const packed = memory.scratch(packedBytes + aBytes + bBytes + align(4 * m * n));
  const aAddress = packed + packedBytes, bAddress = aAddress + aBytes, cAddress = bAddress + bBytes;
  // Taken after scratch(), which may grow the memory and so detach older views.
  const heap = memory.heap();
  heap.set(a.subarray(aOffset, aOffset + m * k), aAddress >> 2);
  heap.set(b.subarray(bOffset, bOffset + k * n), bAddress >> 2);
  if (accumulate) heap.set(out.subarray(outOffset, outOffset + m * n), cAddress >> 2);
  const gemm = transposeA ? kernels.gemmColumns : kernels.gemmRows;
  // Stored A is m×k (lda = k floats) or, transposed, k×m (lda = m floats).
  const lda = 4 * (transposeA ? m : k);
  for (let p = 0; p < k; p += K_BLOCK) {
    const rows = Math.min(K_BLOCK, k - p);
    if (transposeB) kernels.packB(bAddress + 4 * p, 4, 4 * k, rows, n, packed);
    else kernels.packB(bAddress + 4 * p * n, 4 * n, 4, rows, n, packed);
    gemm(aAddress + (transposeA ? p * lda : 4 * p), lda, packed, cAddress, m, rows, n, accumulate || p > 0 ? 1 : 0);
  }
  out.set(heap.subarray(cAddress >> 2, (cAddress >> 2) + m * n), outOffset);
}
