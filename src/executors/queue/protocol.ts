/**
 * What a study and its queue workers agree on: key names, the setup a study publishes once,
 * and the plain-data jobs and results that travel through Redis. Nothing here is code: a
 * worker only ever rebuilds tasks and spaces from its own registries.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../../core/errors.ts';
import type { Json } from '../../core/types.ts';

/** Every key the queue writes starts with `amoeba:`. */
export const KEY_PREFIX = 'amoeba';
/** The queue studies and workers share unless told another. */
export const DEFAULT_QUEUE = 'evaluations';
/** BullMQ's name for our jobs (one kind only). */
export const JOB_NAME = 'evaluate';

/** How workers rebuild a study's task and space: registry ids and JSON configs. */
export interface StudySetup {
  readonly task: { readonly id: string; readonly config: Json };
  readonly space: { readonly id: string; readonly config: Json };
}

/** One evaluation as a job carries it: the trial, its genotype as JSON, and which setup it needs. */
export interface EvaluationJob {
  readonly study: string;
  /** Digest of the study's published setup, so a worker never evaluates with a stale one. */
  readonly setup: string;
  readonly trialId: number;
  readonly seed: number;
  readonly genotype: Json;
  /** Longest the evaluation may take once started; absent for no limit. */
  readonly timeoutMs?: number;
}

/** What a worker returns for a job; failures travel as BullMQ's failed reason instead. */
export interface EvaluationOutput {
  readonly values: readonly number[];
  readonly info?: { readonly [key: string]: Json };
}

/** The Redis key a study's setup is published under. */
export function setupKey(queue: string, study: string): string {
  return `${KEY_PREFIX}:${queue}:study:${study}:setup`;
}

/** The job id of one trial: the same trial of the same study always maps to the same job. */
export function jobIdOf(study: string, trialId: number): string {
  return `${study}/${trialId}`;
}

/** The setup as the string a study publishes, with its digest. */
export function encodeSetup(setup: StudySetup): { readonly text: string; readonly digest: string } {
  const text = JSON.stringify({ task: setup.task, space: setup.space });
  return { text, digest: digestOf(text) };
}

/** A short digest of a published setup. */
export function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Checks a study or queue name: BullMQ keeps `:` out of job ids and queue names, and the
 * names become parts of Redis keys.
 */
export function checkName(what: 'study' | 'queue', name: unknown, who: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9._\-/]{1,200}$/.test(name) || (what === 'queue' && name.includes('/'))) {
    const allowed = what === 'queue' ? 'letters, digits, . _ -' : 'letters, digits, . _ - /';
    throw new UsageError(`${who}: the ${what} name must be 1 to 200 characters of ${allowed}, got ${JSON.stringify(name)}`);
  }
  return name;
}

/** Reads a job's return value as a measurement, or says why it cannot. */
export function toOutput(value: unknown): EvaluationOutput | string {
  if (value === null || typeof value !== 'object' || !Array.isArray((value as { values?: unknown }).values)) {
    return `the worker returned no values array (${JSON.stringify(value)?.slice(0, 80)})`;
  }
  // JSON has no NaN: a worker's NaN arrives as null, which the study then rejects as non-finite.
  return value as EvaluationOutput;
}
