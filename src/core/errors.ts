/**
 * A mistake a person made: a bad flag, file, config or program. The CLI prints its message
 * alone (no stack trace) and exits with code 2.
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
  readonly exitCode = 2;
}

/** A genotype that does not belong to its space (bad op name, arity, index or constant). */
export class SpaceError extends UsageError {
  override readonly name: string = 'SpaceError';
}

/** True for errors that should reach a person as one plain message. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}
