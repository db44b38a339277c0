import { SpaceError, UsageError } from '../../../core/errors.ts';

/**
 * A cell that is not a well-formed spec at all: the matrix is not square, not 0/1, not
 * upper-triangular, or the op list does not match it.
 */
export class InvalidSpecError extends SpaceError {}

/**
 * A well-formed cell outside the NAS-Bench-101 space once pruned: input not connected to
 * output, too many vertices or edges, an unknown op, or an epoch budget the dataset lacks.
 */
export class OutOfDomainError extends SpaceError {}

/** A cell inside the space that the loaded dataset has no record of (a partial dataset). */
export class NotInDatasetError extends UsageError {
  override readonly name = 'NotInDatasetError';
}
