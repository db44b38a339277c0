import { availableParallelism } from 'node:os';
import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import { startWorker } from '../../executors/start-worker.ts';
import { standardOpSet } from '../../spaces/graph/op-set.ts';
import { builtInTarget } from './targets.ts';
import { verifyFloat32, type VerifyOptions, type VerifyReport } from './verify-float32.ts';

/** Options of `verifyFloat32Parallel`: those of `verifyFloat32` plus the number of threads. */
export interface ParallelVerifyOptions extends VerifyOptions {
  /** Worker threads (default: the machine's available parallelism). */
  readonly workers?: number;
}

const toFloat = (bits: number) => new Float32Array(Uint32Array.of(bits).buffer)[0]!;
const toBits = (value: number) => new Uint32Array(Float32Array.of(value).buffer)[0]!;

/**
 * `verifyFloat32` split over worker threads, each checking a contiguous run of float32 bit
 * patterns; the reports are merged. Built-in targets and standard ops only (a custom target
 * or op cannot be sent to a worker); the interval must lie within [0, ∞). The worker loads
 * TypeScript, so the process must run under tsx (`node --import tsx`).
 */
export async function verifyFloat32Parallel(options: ParallelVerifyOptions): Promise<VerifyReport> {
  const workers = options.workers ?? availableParallelism();
  wholeNumber('verifyFloat32Parallel', 'workers', workers, 1);
  const ops = options.ops ?? standardOpSet;
  if (builtInTarget(options.target.name) !== options.target) throw new UsageError(`verifyFloat32Parallel: '${options.target.name}' is not a built-in target; use verifyFloat32 for custom targets`);
  for (const name of ops.names) if (standardOpSet.find(name) !== ops.find(name)) throw new UsageError(`verifyFloat32Parallel: op '${name}' is not a standard op; use verifyFloat32`);
  const [low, high] = options.interval;
  if (!(low >= 0 && low < high)) throw new UsageError(`verifyFloat32Parallel: interval must satisfy 0 <= low < high, got [${low}, ${high}]`);
  if (workers === 1) return verifyFloat32(options);
  const first = toBits(low) + (toFloat(toBits(low)) < low ? 1 : 0);
  const last = toBits(high) - (toFloat(toBits(high)) > high ? 1 : 0);
  const per = Math.ceil((last - first + 1) / workers);
  const slices: [number, number][] = [];
  for (let start = first; start <= last; start += per) slices.push([toFloat(start), toFloat(Math.min(start + per - 1, last))]);
  const reports = await Promise.all(
    slices.map(
      (interval) =>
        new Promise<VerifyReport>((resolve, reject) => {
          const workerData = { program: options.program, ops: [...ops.names], target: options.target.name, interval };
          const worker = startWorker(new URL('./verify-worker.ts', import.meta.url).href, workerData);
          worker.once('message', (report: VerifyReport) => resolve(report));
          worker.once('error', reject);
        }),
    ),
  );
  let merged: VerifyReport = { checked: 0, maxUlp: 0, worstInput: NaN, atLeastOneUlp: 0 };
  for (const r of reports) {
    const worse = r.maxUlp > merged.maxUlp || Number.isNaN(merged.worstInput);
    merged = {
      checked: merged.checked + r.checked,
      maxUlp: Math.max(merged.maxUlp, r.maxUlp),
      worstInput: worse ? r.worstInput : merged.worstInput,
      atLeastOneUlp: merged.atLeastOneUlp + r.atLeastOneUlp,
    };
  }
  return merged;
}
