import type { MessagePort } from 'node:worker_threads';
import type { EvalContext, Json } from '../core/types.ts';

/** How a worker rebuilds a study's task and space: plain data only, no closures. */
export interface WorkerSetup {
  /** Module URLs to import first, so that their tasks and spaces register. */
  readonly modules: readonly string[];
  readonly task: { readonly id: string; readonly config: Json };
  readonly space: { readonly id: string; readonly config: Json };
}

/** One genotype to evaluate, as JSON. */
export interface EvaluationRequest {
  readonly genotype: Json;
  readonly ctx: EvalContext;
}

/** What a worker sends back for one request: a measurement or an error message. */
export type EvaluationResult =
  | { readonly values: readonly number[]; readonly info?: { readonly [key: string]: Json } }
  | { readonly error: string };

/** One message to a worker: the evaluations to run in order, and a port to report each start on. */
export interface WorkerMessage {
  readonly requests: readonly EvaluationRequest[];
  /** Present when the executor has a time limit: the worker posts each evaluation's index as it starts. */
  readonly port?: MessagePort;
}
