/**
 * What a neural-network engine implements to be measured by bench/nn.ts. An adapter builds
 * each workload's parameters from the workload's own values (never its own initialiser), so
 * every engine runs the same math from the same start.
 */
import type { Workload } from './workloads.ts';

/** One workload made ready to run on one engine: parameters, optimizer state and data in place. */
export interface PreparedStep {
  /**
   * Runs one step and writes the workload's outputs (see `Workload.outputs`) into `out` as JS
   * numbers. Reading them back is part of the step, so an engine that queues work
   * asynchronously is timed until the results exist. Return a promise only if it must wait.
   */
  step(out: Float64Array): void | Promise<void>;
  /** Frees what `prepare` allocated (tensors, optimizer state). */
  dispose(): void;
  /** Live tensor count, where the engine tracks one: the bench checks it stays flat. */
  liveTensors?(): number;
}

/** An engine under measurement. */
export interface NnEngine {
  /** The row label in the table, e.g. 'tfjs-wasm'. */
  readonly name: string;
  /** Whether this engine implements the workload; a missing row is printed as such. */
  supports(workload: Workload): boolean;
  /** Builds the workload's parameters, optimizer state and data on this engine. */
  prepare(workload: Workload): Promise<PreparedStep>;
}
