import { SpaceError } from '../../../core/errors.ts';
import type { Rng } from '../../../core/rng.ts';
import { isNb101Valid } from './domain.ts';
import { NB101_INPUT, NB101_MAX_VERTICES, NB101_OPS, NB101_OUTPUT, copySpec } from './spec.ts';
import type { Nb101Spec } from './spec.ts';

// A valid parent keeps a mutation's chance of validity far above 1/1000, so running out of
// attempts means the parent itself is far outside the space.
const MAX_ATTEMPTS = 100_000;

/**
 * A uniformly random valid 7-vertex cell, as the NAS-Bench-101 notebook's `random_spec`
 * draws it: every upper-triangular edge on with p = 1/2, every interior op uniform, retried
 * until the pruned cell is valid.
 */
export function randomNb101Spec(rng: Rng): Nb101Spec {
  const n = NB101_MAX_VERTICES;
  return retryUntilValid(() => {
    const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j > i && rng.chance(0.5) ? 1 : 0)));
    const ops = Array.from({ length: n }, () => rng.pick(NB101_OPS) as string);
    ops[0] = NB101_INPUT;
    ops[n - 1] = NB101_OUTPUT;
    return { matrix, ops };
  }, 'random cell');
}

/**
 * The NAS-Bench-101 notebook's `mutate_spec`: on the unpruned parent, each edge flips with
 * p = rate / V and each interior op changes to another op with p = rate / (V - 2), retried
 * until the child is valid. V edges flip in expectation; most fall in pruned parts.
 * Never changes `parent`.
 */
export function notebookMutation(parent: Nb101Spec, rng: Rng, rate = 1): Nb101Spec {
  const n = parent.matrix.length;
  const edgeProbability = rate / n;
  const opProbability = rate / (n - 2);
  return retryUntilValid(() => {
    const child = copySpec(parent);
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) if (rng.chance(edgeProbability)) child.matrix[i]![j] = 1 - child.matrix[i]![j]!;
    }
    for (let v = 1; v < n - 1; v++) if (rng.chance(opProbability)) child.ops[v] = otherOp(child.ops[v]!, rng);
    return child;
  }, 'mutation');
}

/**
 * Changes exactly one variable of the unpruned parent, chosen uniformly among its
 * V(V-1)/2 edge slots and V-2 interior ops: an edge flips, an op becomes another op.
 * Retried until the child is valid. Never changes `parent`.
 */
export function singleVariableMutation(parent: Nb101Spec, rng: Rng): Nb101Spec {
  const n = parent.matrix.length;
  const edgeSlots = (n * (n - 1)) / 2;
  return retryUntilValid(() => {
    const child = copySpec(parent);
    let choice = rng.int(edgeSlots + n - 2);
    if (choice >= edgeSlots) {
      const v = 1 + choice - edgeSlots;
      child.ops[v] = otherOp(child.ops[v]!, rng);
      return child;
    }
    for (let i = 0; i < n - 1; i++) {
      if (choice < n - 1 - i) {
        const j = i + 1 + choice;
        child.matrix[i]![j] = 1 - child.matrix[i]![j]!;
        return child;
      }
      choice -= n - 1 - i;
    }
    throw new Error('unreachable: edge slot out of range');
  }, 'single-variable mutation');
}

/** One of the interior ops other than `op`, uniformly. */
function otherOp(op: string, rng: Rng): string {
  return rng.pick(NB101_OPS.filter((candidate) => candidate !== op));
}

function retryUntilValid(draw: () => Nb101Spec, what: string): Nb101Spec {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const spec = draw();
    if (isNb101Valid(spec)) return spec;
  }
  throw new SpaceError(`${what}: no valid NAS-Bench-101 cell after ${MAX_ATTEMPTS} attempts; is the parent a valid cell?`);
}
