import { lossOf } from './loss.ts';
import type { TrialRecord } from './plugs.ts';
import type { Measurement, Objective, Trial } from './types.ts';

/** A trial proposed and not yet finished. */
export interface Launch<G> {
  readonly id: number;
  readonly genotype: G;
  readonly key: string;
  readonly hash: string | undefined;
}

/** What an evaluation came back with: a measurement, or the message of why it failed. */
export type Outcome = Measurement | string;

/**
 * The finished trial for a launch and its outcome: a measurement that is not one finite
 * value per objective fails the trial, and a failed trial's losses are all +Infinity.
 */
export function toTrial<G>(launched: Launch<G>, result: Outcome, cached: boolean, finishedMs: number, objectives: readonly Objective[]): Trial<G> {
  const measurement = typeof result === 'string' ? undefined : result;
  const error = measurement === undefined ? (result as string) : checkMeasurement(measurement, objectives.length);
  const values = measurement === undefined ? objectives.map(() => NaN) : measurement.values;
  const loss = error === undefined ? lossOf(objectives, values) : objectives.map(() => Infinity);
  const { id, genotype, key, hash } = launched;
  const status = error === undefined ? 'done' : 'failed';
  return { id, genotype, key, hash, status, values, loss, error, cached, finishedMs, info: measurement?.info };
}

/** The measurement or error a stored trial finished with. */
export function storedOutcome(record: TrialRecord): Outcome {
  if (record.status === 'failed') return record.error ?? 'failed';
  return { values: record.values ?? [], ...(record.info === undefined ? {} : { info: record.info }) };
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a measurement cannot be used, or undefined when it is fine. */
function checkMeasurement(m: Measurement, objectives: number): string | undefined {
  if (m === null || typeof m !== 'object' || !Array.isArray(m.values)) return 'evaluate returned no values array';
  if (m.values.length !== objectives) return `evaluate returned ${m.values.length} values for ${objectives} objectives`;
  for (const v of m.values) if (typeof v !== 'number' || !Number.isFinite(v)) return 'non-finite objective';
  return undefined;
}
