/*
 * The C export of float32 exp2 kernels, with their argument reduction, compiled with
 * gcc -O3 -march=native -ffp-contract=off, with and without -fno-trapping-math, against glibc's exp2f (and expf, logf, erff for
 * scale) and a Cephes-style exp2f (its degree-6 polynomial on [−½, ½], same branch-free
 * scaling) over arrays of 2^20 floats in [−20, 20]. Each exported function is first checked
 * on every float32 input of [−151, 129] and on ±∞ and NaN, against glibc's double exp2.
 * Times are process CPU time, best of 5. Usage:
 *   npx tsx bench/approx-exp2-c.ts [kernels.c] [--no-check]
 * where kernels.c comes from `amoeba approx exp2 --mode float32 --export c --export-file kernels.c`;
 * without it the minimax polynomials of degree 6 and 7 with fma are exported and timed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASELINE_OPS } from '../src/tasks/function-approx/baselines.ts';
import { minimaxProgram } from '../src/tasks/function-approx/classic-forms.ts';
import { exportReduced } from '../src/tasks/function-approx/reduced-export.ts';
import { builtInTarget } from '../src/tasks/function-approx/targets.ts';

const exp2 = builtInTarget('exp2');
const check = !process.argv.includes('--no-check');
const file = process.argv.slice(2).find((a) => a !== '--no-check');
const exported = file !== undefined ? readFileSync(file, 'utf8') : [6, 7].map((d) => exportReduced(minimaxProgram(exp2, [0, 1], d, 0, { fma: true })!, `minimax${d}_fma`, 'c', BASELINE_OPS)).join('\n\n');
// Each export repeats its includes; the functions are the non-kernel float(float) ones.
const names = [...exported.matchAll(/^float (\w+)\(float x\) \{/gm)].map((m) => m[1]!);
if (names.length === 0) throw new Error('no exported float function found (was the search run with --mode float32 on exp2 [0, 1]?)');

const harness = `
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
${exported}

/* Cephes exp2f: round to nearest integer, degree-6 polynomial on [-1/2, 1/2]. */
static inline float cephes_exp2f(float x) {
  float c = x < -126.0f ? -126.0f : (x > 127.0f ? 127.0f : x);
  float k = floorf(c + 0.5f);
  float f = c - k;
  float p = ((((( 1.535336188319500E-4f * f + 1.339887440266574E-3f) * f + 9.618437357674640E-3f) * f
      + 5.550332471162809E-2f) * f + 2.402264791363012E-1f) * f + 6.931472028550421E-1f) * f + 1.0f;
  uint32_t bits = (uint32_t)((int32_t)k + 127) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

#define N (1 << 20)
static float in[N], out[N];
static double cpu(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
/* One loop per function, each in its own function so that gcc vectorises it on its own. */
#define LOOP(ID, EXPR, INPUT) __attribute__((noinline)) static void loop_##ID(void) { for (int i = 0; i < N; i++) { float x = INPUT; out[i] = EXPR; } }
#define TIME(NAME, ID) do { double best = 1e30; for (int rep = 0; rep < 5; rep++) { double t0 = cpu(); loop_##ID(); \
  double t = cpu() - t0; if (t < best) best = t; } sink += out[N / 3]; printf("%s %.6f\\n", NAME, best); } while (0)
static volatile float sink = 0;
LOOP(glibc_exp2f, exp2f(x), in[i])
LOOP(cephes, cephes_exp2f(x), in[i])
${names.map((n) => `LOOP(${n}, ${n}(x), in[i])`).join('\n')}
LOOP(glibc_expf, expf(x), in[i])
LOOP(glibc_logf, logf(x), fabsf(in[i]) + 0.5f)
LOOP(glibc_erff, erff(x), in[i] * 0.1f)

/* Max error in float32 ULPs of the true value over every float in [-151, 129] and the specials. */
static void check(const char *name, float (*f)(float)) {
  double worst = 0; float worstX = 0; long checked = 0, wrong = 0;
  for (int sign = 0; sign < 2; sign++) {
    float limit = sign ? -151.0f : 129.0f;
    uint32_t bits = sign ? 0x80000000u : 0u;
    for (;; bits++) {
      float x; memcpy(&x, &bits, 4);
      if (sign ? x < limit : x > limit) break;
      double ref = exp2((double)x);
      float y = f(x);
      float r = (float)ref;
      double ulp;
      if (fabs(ref) < 0x1p-126) ulp = 0x1p-149;
      else { int e; frexp(ref, &e); ulp = ldexp(1.0, e - 24); }
      double err = isinf(r) ? (isinf(y) ? 0 : 1e9) : fabs((double)y - ref) / ulp;
      if (err >= 1) wrong++;
      if (err > worst) { worst = err; worstX = x; }
      checked++;
    }
  }
  int specials = isnan(f(NAN)) && f(INFINITY) == INFINITY && f(-INFINITY) == 0.0f;
  printf("check %s %ld %.6f %.9g %ld %d\\n", name, checked, worst, worstX, wrong, specials);
}

int main(int argc, char **argv) {
  for (int i = 0; i < N; i++) in[i] = -20.0f + 40.0f * (float)((i * 2654435761u) % 1000003u) / 1000003.0f;
  if (argc > 1 && strcmp(argv[1], "check") == 0) {
${names.map((n) => `    check("${n}", ${n});`).join('\n')}
  }
  TIME("glibc exp2f", glibc_exp2f);
  TIME("cephes-style exp2f", cephes);
${names.map((n) => `  TIME("${n}", ${n});`).join('\n')}
  TIME("glibc expf", glibc_expf);
  TIME("glibc logf", glibc_logf);
  TIME("glibc erff", glibc_erff);
  return sink == 12345.0f;
}
`;

const dir = mkdtempSync(join(tmpdir(), 'amoeba-exp2-c-'));
writeFileSync(join(dir, 'bench.c'), harness);
// -fno-trapping-math changes no result, it only lets gcc if-convert (and so vectorise) float code.
for (const [index, flags] of [['-O3', '-march=native', '-fno-trapping-math', '-ffp-contract=off'], ['-O3', '-march=native', '-ffp-contract=off']].entries()) {
  const binary = join(dir, `bench${index}`);
  execFileSync('gcc', [...flags, '-o', binary, join(dir, 'bench.c'), '-lm'], { stdio: 'inherit' });
  const lines = execFileSync(binary, [index === 0 && check ? 'check' : 'time'], { encoding: 'utf8' }).trim().split('\n');
  const times = new Map<string, number>();
  for (const line of lines) {
    if (line.startsWith('check ')) {
      const [, name, checked, worst, worstX, wrong, specials] = line.split(' ');
      console.log(`${name}: max ${Number(worst).toFixed(4)} ulp over ${checked} float32 inputs in [-151, 129] (worst at x = ${worstX}), ${wrong} at >= 1 ulp; NaN, ±inf ${specials === '1' ? 'right' : 'WRONG'}`);
    } else {
      const at = line.lastIndexOf(' ');
      times.set(line.slice(0, at), Number(line.slice(at + 1)));
    }
  }
  const reference = times.get('glibc exp2f')!;
  console.log(`\ngcc ${flags.join(' ')}\n${'function'.padEnd(28)} ${'ns/value'.padStart(9)}  vs glibc exp2f (CPU time, best of 5, 2^20 floats)`);
  for (const [name, seconds] of times) console.log(`${name.padEnd(28)} ${((seconds / 2 ** 20) * 1e9).toFixed(2).padStart(9)}  ${(reference / seconds).toFixed(2)}×`);
}
