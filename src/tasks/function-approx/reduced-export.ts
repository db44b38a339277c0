import type { Graph } from '../../spaces/graph/graph.ts';
import type { OpSet } from '../../spaces/graph/op-set.ts';
import { exportFunction, type ExportLanguage } from './export.ts';
import type { ApproxMode } from './measure.ts';
import type { Interval } from './targets.ts';

/*
 * A float32 exp2 kernel fitted on [0, 1] becomes 2^x for every float x by the usual argument
 * reduction: x = k + f with k = ⌊x⌋ and f ∈ [0, 1), 2^x = kernel(f)·2^k. f is exact in
 * double but not always in float (x = −2^−20 gives f = 1 − 2^−20, whose bits run below
 * float's 24), so the kernel runs in double on the exact f, as glibc's exp2f does inside,
 * and the result is rounded to float once: the error is the kernel's approximation error
 * (below its float32-mode error, which adds a rounding per op) plus half an ULP. The scale
 * 2^k is a normal double for every k that matters, so subnormal results are rounded once
 * too. Inputs are clamped to [−151, 128] first (below, 2^x rounds to 0 even when the
 * kernel's value at 0 is a little above 1; above, to infinity); NaN passes through. The C version selects on integers only, so a compiler
 * vectorises loops over arrays of it.
 */

/** Whether `exportReduced` applies: exp2 in float32 mode with a kernel interval covering [0, 1]. */
export function reducesArgument(targetName: string, interval: Interval, mode: ApproxMode): boolean {
  return targetName === 'exp2' && mode === 'float32' && interval[0] <= 0 && interval[1] >= 1;
}

/**
 * The kernel `g` as `<name>_kernel` (in double), and `<name>(x)`: 2^x for every float32 x
 * by the reduction above, in C or TypeScript/JavaScript.
 */
export function exportReduced(g: Graph, name: string, language: ExportLanguage, ops: OpSet): string {
  const kernelName = `${name}_kernel`;
  const kernel = exportFunction(g, kernelName, language, { ops });
  if (language === 'c') {
    return [
      '#include <stdint.h>',
      '#include <string.h>',
      // static inline so the compiler folds the kernel into the caller's loop.
      `static inline ${kernel}`,
      '',
      '/*',
      ' * 2^x for every float x: x = k + f, f in [0, 1) exact in double, kernel(f)·2^k in double,',
      ' * rounded to float once. Selects on integers only, so that gcc -O3 -march=native',
      ' * -fno-trapping-math vectorises loops over arrays of it.',
      ' */',
      `float ${name}(float x) {`,
      '  int32_t u;',
      '  memcpy(&u, &x, sizeof u);',
      '  int32_t o = u ^ ((u >> 31) & 0x7fffffff); /* ordered as the floats are */',
      '  o = o > 0x43000000 ? 0x43000000 : o; /* 128 */',
      '  o = o < (int32_t)0xbce8ffff ? (int32_t)0xbce8ffff : o; /* -151 */',
      '  int32_t clamped = o ^ ((o >> 31) & 0x7fffffff);',
      '  float c;',
      '  memcpy(&c, &clamped, sizeof c);',
      '  float shifted = c + 0x1.8p23f; /* c rounded to an integer, in the low mantissa bits */',
      '  int32_t shiftedBits;',
      '  memcpy(&shiftedBits, &shifted, sizeof shiftedBits);',
      '  int32_t k = shiftedBits - 0x4b400000;',
      '  double fd = (double)c - (double)(shifted - 0x1.8p23f);',
      '  int64_t fdBits;',
      '  memcpy(&fdBits, &fd, sizeof fdBits);',
      '  int32_t below = (int32_t)(fdBits >> 63); /* -1 when c was rounded up */',
      '  k += below;',
      '  fd -= (double)below;',
      '  int64_t scaleBits = (int64_t)(k + 1023) << 52;',
      '  double scale;',
      '  memcpy(&scale, &scaleBits, sizeof scale);',
      `  float y = (float)(${kernelName}(fd) * scale);`,
      '  int32_t yBits;',
      '  memcpy(&yBits, &y, sizeof yBits);',
      '  int32_t r = (u & 0x7fffffff) > 0x7f800000 ? u : yBits; /* NaN passes through */',
      '  memcpy(&y, &r, sizeof y);',
      '  return y;',
      '}',
    ].join('\n');
  }
  const typed = language === 'ts';
  return [
    kernel.replace('export function', 'function'),
    '',
    '/** 2^k for k in [−151, 128], exact in double. */',
    `const ${name}_scale = Float64Array.from({ length: 280 }, (_, i) => 2 ** (i - 151));`,
    '',
    '/** 2^x for every float32 x: x = k + f, f in [0, 1), kernel(f)·2^k in double, rounded to float32 once. */',
    typed ? `export function ${name}(x: number): number {` : `export function ${name}(x) {`,
    '  x = Math.fround(x);',
    '  if (x !== x) return x;',
    '  const c = x < -151 ? -151 : x > 128 ? 128 : x;',
    '  const k = Math.floor(c);',
    `  return Math.fround(${kernelName}(c - k) * ${name}_scale[k + 151]${typed ? '!' : ''});`,
    '}',
  ].join('\n');
}
