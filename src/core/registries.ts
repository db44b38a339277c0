import { Registry } from './registry.ts';
import type { Algorithm, Json, Space, Task } from './types.ts';

/** Builds a task from its JSON config (in a worker, on resume, from a config file). */
export type TaskFactory = (config: Json) => Task<unknown>;
/** Builds a space from its JSON config (in a worker, on resume). */
export type SpaceFactory = (config: Json) => Space<unknown>;
/** Builds an algorithm over a space from its JSON config. */
export type AlgorithmFactory = (space: Space<unknown>, config: Json) => Algorithm<unknown>;

/** A small recipe an algorithm runs with: the space it searches and its own config. */
export interface AlgorithmExample {
  readonly space: { readonly id: string; readonly config: Json };
  readonly config: Json;
}

/** Every task by id: `tasks.register('symbolic-regression', factory)`. */
export const tasks = new Registry<TaskFactory, Json>('task');
/**
 * Every space by id: `spaces.register('graph', factory, description, exampleConfig)`; workers
 * and resume rebuild spaces here.
 */
export const spaces = new Registry<SpaceFactory, Json>('space');
/**
 * Every algorithm by name: `algorithms.register('regularized-evolution', factory, description,
 * example)`; the example names a space recipe to search, so a contract test can run it.
 */
export const algorithms = new Registry<AlgorithmFactory, AlgorithmExample>('algorithm');
