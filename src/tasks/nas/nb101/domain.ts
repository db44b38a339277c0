import { SpaceError } from '../../../core/errors.ts';
import { OutOfDomainError } from './errors.ts';
import { pruneSpec } from './prune.ts';
import { NB101_INPUT, NB101_MAX_EDGES, NB101_MAX_VERTICES, NB101_OPS, NB101_OUTPUT, checkSpecShape, countEdges } from './spec.ts';

/** A cell after pruning, with the integer vertex labels that the module hash uses. */
export interface PrunedCell {
  readonly matrix: number[][];
  readonly ops: string[];
  /** -1 for the input, the op's index in `NB101_OPS` for interior vertices, -2 for the output. */
  readonly labels: number[];
}

/**
 * Checks the shape, prunes, and checks the result against the NAS-Bench-101 limits (at most 7
 * vertices and 9 edges, input first, output last, interior ops from `NB101_OPS`), in the
 * order the original API checks them.
 * @throws InvalidSpecError for a malformed spec, OutOfDomainError for one outside the space.
 */
export function pruneNb101(spec: unknown): PrunedCell {
  checkSpecShape(spec);
  const pruned = pruneSpec(spec);
  if (pruned === undefined) throw new OutOfDomainError('invalid cell: the input is not connected to the output');
  const { matrix, ops } = pruned;
  if (ops.length > NB101_MAX_VERTICES) {
    throw new OutOfDomainError(`invalid cell: ${ops.length} vertices after pruning (at most ${NB101_MAX_VERTICES})`);
  }
  const edges = countEdges(matrix);
  if (edges > NB101_MAX_EDGES) throw new OutOfDomainError(`invalid cell: ${edges} edges after pruning (at most ${NB101_MAX_EDGES})`);
  if (ops[0] !== NB101_INPUT) throw new OutOfDomainError(`invalid cell: the first op must be '${NB101_INPUT}', got '${ops[0]}'`);
  const last = ops.length - 1;
  if (ops[last] !== NB101_OUTPUT) throw new OutOfDomainError(`invalid cell: the last op must be '${NB101_OUTPUT}', got '${ops[last]}'`);
  const labels = [-1];
  for (let v = 1; v < last; v++) {
    const label = (NB101_OPS as readonly string[]).indexOf(ops[v]!);
    if (label < 0) throw new OutOfDomainError(`invalid cell: unknown op '${ops[v]}' at vertex ${v}; use one of ${NB101_OPS.join(', ')}`);
    labels.push(label);
  }
  labels.push(-2);
  return { matrix, ops, labels };
}

/** True when `spec` is well-formed and inside the NAS-Bench-101 space after pruning. */
export function isNb101Valid(spec: unknown): boolean {
  try {
    pruneNb101(spec);
    return true;
  } catch (error) {
    if (error instanceof SpaceError) return false;
    throw error;
  }
}
