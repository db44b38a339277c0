import { Registry } from '../core/registry.ts';
import type { Json, Space } from '../core/types.ts';

/** Builds a space from its JSON config (in a worker, on resume). */
export type SpaceFactory = (config: Json) => Space<unknown>;

/**
 * Every space by id: `spaces.register('graph', factory)`. Workers and resume rebuild a
 * study's space from (id, config) here, as they rebuild its task from core's `tasks`.
 */
export const spaces = new Registry<SpaceFactory>('space');
