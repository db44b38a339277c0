/**
 * Runs the generated SIMD matmul on any Float32Array: operands are copied into the kernel
 * memory (a memcpy each), B is packed in blocks of k rows so the packed block stays in L2,
 * and C is copied back. The copies cost 2–8% of a call on the engine's hidden-layer shapes and
 * 13–26% on thin ones (n = 10, k = 3), measured by bench/matmul.ts. Fused ops that chain
 * several kernels (dense layers, message passing) call `matmulInMemory` instead and keep their
 * intermediates in the kernel memory between kernels.
 */
import { kernelMemory, type KernelMemory } from './kernel-memory.ts';
import { buildMatmulModule, defaultMatmulModuleOptions, matmulExports, type MatmulModuleOptions } from './matmul-wasm-module.ts';
import { relaxedSimdSupported } from './relaxed-simd.ts';

/** k rows of B packed at once: 256 rows × n floats stays within L2 for n up to ~1000. */
const K_BLOCK = 256;

type PackB = (b: number, rowStride: number, columnStride: number, k: number, n: number, dst: number) => void;
type Gemm = (a: number, lda: number, b: number, c: number, m: number, k: number, n: number, accumulate: number) => void;

/** The contract of `matmul`, over Float32Array only. */
export type Float32Matmul = (
  a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, out: Float32Array, outOffset: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
) => void;

/** The SIMD product over operands already in the kernel memory (byte addresses), for fused ops. */
export interface MatmulInMemory {
  readonly memory: KernelMemory;
  /** Bytes of the packing region that `product` needs for op(B) of k×n. */
  packedBytes(k: number, n: number): number;
  /**
   * C (m×n, row-major at byte c) (+)= op(A)·op(B) with A at byte a, B at byte b (stored as
   * for `matmul`), B packed into the region at byte `packed`.
   */
  product(a: number, b: number, c: number, packed: number, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean): void;
}

function load(options: MatmulModuleOptions): MatmulInMemory {
  const memory = kernelMemory();
  const module = new WebAssembly.Module(buildMatmulModule(options));
  const exports = new WebAssembly.Instance(module, { env: { memory: memory.memory } }).exports;
  const packB = exports[matmulExports.packB] as PackB;
  const gemmRows = exports[matmulExports.gemmRows] as Gemm;
  const gemmColumns = exports[matmulExports.gemmColumns] as Gemm;
  const panelWidth = 4 * options.vectors;
  return {
    memory,
    packedBytes: (k, n) => 4 * Math.min(k, K_BLOCK) * Math.ceil(n / panelWidth) * panelWidth,
    product(a, b, c, packed, m, k, n, transposeA, transposeB, accumulate) {
      const gemm = transposeA ? gemmColumns : gemmRows;
      // Stored A is m×k (lda = k floats) or, transposed, k×m (lda = m floats).
      const lda = 4 * (transposeA ? m : k);
      for (let p = 0; p < k; p += K_BLOCK) {
        const rows = Math.min(K_BLOCK, k - p);
        if (transposeB) packB(b + 4 * p, 4, 4 * k, rows, n, packed);
        else packB(b + 4 * p * n, 4 * n, 4, rows, n, packed);
        gemm(a + (transposeA ? p * lda : 4 * p), lda, packed, c, m, rows, n, accumulate || p > 0 ? 1 : 0);
      }
    },
  };
}

let shipped: MatmulInMemory | undefined;

/** The shipped kernels (relaxed SIMD where the runtime has it when first called), compiled once. */
export function matmulInMemory(): MatmulInMemory {
  shipped ??= load({ ...defaultMatmulModuleOptions, relaxed: relaxedSimdSupported() });
  return shipped;
}

/**
 * A matmul over the WebAssembly SIMD kernels of the given shape, compiled on the first call
 * (by default the shipped shape, with relaxed SIMD where the runtime has it then).
 */
export function createWasmMatmul(options?: MatmulModuleOptions): Float32Matmul {
  let kernels: MatmulInMemory | undefined;
  return (a, aOffset, b, bOffset, out, outOffset, m, k, n, transposeA, transposeB, accumulate) => {
    kernels ??= options === undefined ? matmulInMemory() : load(options);
    run(kernels, a, aOffset, b, bOffset, out, outOffset, m, k, n, transposeA, transposeB, accumulate);
  };
}

/** out (m×n) (+)= op(a)·op(b) with the default WebAssembly SIMD kernels; same contract as matmul. */
export const matmulWasm: Float32Matmul = createWasmMatmul();

function run(
  kernels: MatmulInMemory, a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, out: Float32Array, outOffset: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
): void {
  const { memory } = kernels;
  const [packed, aAddress, bAddress, cAddress] = memory.regions([kernels.packedBytes(k, n), 4 * m * k, 4 * k * n, 4 * m * n]) as [number, number, number, number];
  // Taken after regions(), which may grow the memory and so detach older views.
  const heap = memory.heap();
  heap.set(a.subarray(aOffset, aOffset + m * k), aAddress >> 2);
  heap.set(b.subarray(bOffset, bOffset + k * n), bAddress >> 2);
  if (accumulate) heap.set(out.subarray(outOffset, outOffset + m * n), cAddress >> 2);
  kernels.product(aAddress, bAddress, cAddress, packed, m, k, n, transposeA, transposeB, accumulate);
  out.set(heap.subarray(cAddress >> 2, (cAddress >> 2) + m * n), outOffset);
}

/**
 * For i < batch: out_i (m×n at element i·strideOut) (+)= op(a_i)·op(b_i), a_i at i·strideA and b_i
 * at i·strideB (a stride of 0 shares one matrix; a shared out sums over the batch). The whole
 * batch is copied into the kernel memory once, not matrix by matrix.
 */
export function matmulBatchWasm(
  a: Float32Array, b: Float32Array, out: Float32Array, batch: number, strideA: number, strideB: number, strideOut: number,
  m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, accumulate: boolean,
): void {
  const kernels = matmulInMemory();
  const { memory } = kernels;
  const count = (stride: number, size: number): number => (stride === 0 ? size : batch * size);
  const aSize = count(strideA, m * k), bSize = count(strideB, k * n), cSize = count(strideOut, m * n);
  const [packed, aAddress, bAddress, cAddress] = memory.regions([kernels.packedBytes(k, n), 4 * aSize, 4 * bSize, 4 * cSize]) as [number, number, number, number];
  const heap = memory.heap();
  heap.set(a.subarray(0, aSize), aAddress >> 2);
  heap.set(b.subarray(0, bSize), bAddress >> 2);
  if (accumulate) heap.set(out.subarray(0, cSize), cAddress >> 2);
  for (let i = 0; i < batch; i++) {
    kernels.product(aAddress + 4 * i * strideA, bAddress + 4 * i * strideB, cAddress + 4 * i * strideOut, packed, m, k, n, transposeA, transposeB, accumulate || (strideOut === 0 && i > 0));
  }
  out.set(heap.subarray(cAddress >> 2, (cAddress >> 2) + cSize));
}
