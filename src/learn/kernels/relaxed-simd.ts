/**
 * Relaxed SIMD (f32x4.relaxed_madd, a fused multiply-add on FMA hardware) makes the matmul
 * kernels ~1.3× faster. Node 22+ has it; Node 20 (V8 11.3) only behind
 * --experimental-wasm-relaxed-simd, which `enableRelaxedSimd` can turn on at run time.
 */
import { setFlagsFromString } from 'node:v8';
import { relaxedSimdProbe } from './matmul-wasm-module.ts';

/** True where this runtime validates relaxed-SIMD modules now. */
export function relaxedSimdSupported(): boolean {
  return WebAssembly.validate(relaxedSimdProbe());
}

/**
 * Turns on V8's relaxed-SIMD flag if the runtime lacks it, and says whether relaxed SIMD is
 * now available. Call it before the first matmul: kernels already compiled keep their choice.
 * Results stay deterministic on one machine (the same instruction in every V8 tier) but differ
 * in the last bits from runs without it, as a fused multiply-add rounds once.
 */
export function enableRelaxedSimd(): boolean {
  if (!relaxedSimdSupported()) setFlagsFromString('--experimental-wasm-relaxed-simd');
  return relaxedSimdSupported();
}
