import { UsageError } from '../../core/errors.ts';
import { compileGraph } from '../../spaces/graph/compile.ts';
import { constantsOf } from '../../spaces/graph/constants.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { standardOpSet, type OpSet } from '../../spaces/graph/op-set.ts';
import type { Interval, Target } from './targets.ts';

/** What to verify: a program, its target and the interval of float32 inputs. */
export interface VerifyOptions {
  readonly program: Graph;
  readonly target: Target;
  readonly interval: Interval;
  /** The ops the program uses (all standard ops by default). */
  readonly ops?: OpSet;
  /** Inputs per batch (default 65,536). */
  readonly chunkSize?: number;
}

/** The worst case over every float32 input of the interval. */
export interface VerifyReport {
  readonly checked: number;
  readonly maxUlp: number;
  readonly worstInput: number;
  /** Inputs whose error is 1 ULP or more. */
  readonly atLeastOneUlp: number;
}

/** ULP at a float32 exponent field e: 2^(e−150) for normal numbers, 2^−149 for subnormals. */
const ULP_BY_EXPONENT = Float64Array.from({ length: 256 }, (_, e) => 2 ** (Math.max(e, 1) - 150));
const scratch32 = new Float32Array(1);
const scratchBits = new Uint32Array(scratch32.buffer);

/** The float32 bit patterns, in increasing order of value, of the float32s in [low, high] that are >= 0. */
function nonNegativeRange(low: number, high: number): [number, number] | undefined {
  const from = Math.max(low, 0);
  if (high < from) return undefined;
  const bits = (x: number, up: boolean) => {
    scratch32[0] = x;
    let b = scratchBits[0]!;
    if (up && scratch32[0]! < x) b++;
    if (!up && scratch32[0]! > x) b--;
    return b;
  };
  return [bits(from, true), bits(high, false)];
}

/**
 * Checks a program in float32 mode (every op rounded by Math.fround) on every float32 input
 * of the interval, against the target's float64 `fast` version, whose few-ulp float64 error
 * is below 1e−8 float32 ULP. Inputs are generated as consecutive bit patterns in a typed
 * array, so the cost is the program plus one reference call per input.
 */
export function verifyFloat32(options: VerifyOptions): VerifyReport {
  const { program, target } = options;
  const [low, high] = options.interval;
  if (!(low < high)) throw new UsageError(`verifyFloat32: interval must have low < high, got [${low}, ${high}]`);
  if (low < 0) throw new UsageError('verifyFloat32: only intervals within [0, ∞) are supported; split a signed interval and mirror it');
  const chunk = options.chunkSize ?? 65536;
  const compiled = compileGraph(program, options.ops ?? standardOpSet, { float32: true });
  const constants = constantsOf(program);
  const bits = new Uint32Array(chunk);
  const asFloat = new Float32Array(bits.buffer);
  const inputs = new Float64Array(chunk);
  const outputs = new Float64Array(chunk);
  const reference = new Float64Array(chunk);
  // The reference rounded to float32, read as bits: its exponent field gives the ULP.
  const rounded = new Float32Array(chunk);
  const roundedBits = new Uint32Array(rounded.buffer);
  const fast = target.fast;
  let checked = 0;
  let maxUlp = 0;
  let worstInput = NaN;
  let atLeastOneUlp = 0;
  const range = nonNegativeRange(low, high);
  if (range === undefined) return { checked, maxUlp, worstInput, atLeastOneUlp };
  for (let start = range[0]; start <= range[1]; start += chunk) {
    const rows = Math.min(chunk, range[1] - start + 1);
    for (let i = 0; i < rows; i++) bits[i] = start + i;
    for (let i = 0; i < rows; i++) inputs[i] = asFloat[i]!;
    compiled.run([inputs], constants, [outputs], rows);
    for (let i = 0; i < rows; i++) reference[i] = fast(inputs[i]!);
    rounded.set(rows === chunk ? reference : reference.subarray(0, rows));
    for (let i = 0; i < rows; i++) {
      const y = reference[i]!;
      const b = roundedBits[i]!;
      let exponent = (b >>> 23) & 0xff;
      // Rounding may carry y up to a power of two; y itself lies in the binade below.
      if ((b & 0x7fffff) === 0 && Math.abs(rounded[i]!) > Math.abs(y) && exponent > 1) exponent--;
      const e = Math.abs(outputs[i]! - y) / ULP_BY_EXPONENT[exponent]!;
      if (!(e < 1)) {
        atLeastOneUlp++;
        if (Number.isNaN(e)) {
          maxUlp = Infinity;
          worstInput = inputs[i]!;
          continue;
        }
      }
      if (e > maxUlp) {
        maxUlp = e;
        worstInput = inputs[i]!;
      }
    }
    checked += rows;
  }
  return { checked, maxUlp, worstInput, atLeastOneUlp };
}
