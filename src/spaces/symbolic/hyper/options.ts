import { UsageError } from '../../../core/errors.ts';

/** Options every hyper value takes. */
export interface HyperOptions {
  /** A name for display and `where` filters. */
  readonly name?: string;
}

/** Checks the shared options of a hyper factory and returns the name. */
export function readName(owner: string, options: HyperOptions | undefined): string | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) throw new UsageError(`${owner}: options must be an object`);
  const name = options.name;
  if (name !== undefined && (typeof name !== 'string' || name === '')) throw new UsageError(`${owner}: name must be a non-empty string`);
  return name;
}

/** Checks that candidates form a non-empty array. */
export function readCandidates<T>(owner: string, candidates: readonly T[]): readonly T[] {
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw new UsageError(`${owner}: candidates must be a non-empty array, got ${Array.isArray(candidates) ? 'an empty array' : typeof candidates}`);
  }
  return Object.freeze(candidates.slice());
}
