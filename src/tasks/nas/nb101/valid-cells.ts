import { UsageError } from '../../../core/errors.ts';
import type { Rng } from '../../../core/rng.ts';
import type { Algorithm, Json, Trial } from '../../../core/types.ts';
import { SnapshotReader, snapshotJson } from '../../../algorithms/snapshot-json.ts';
import type { DNA } from '../../../spaces/symbolic/index.ts';
import { nb101SpecOfDna } from './dna-space.ts';
import { isNb101Valid } from './domain.ts';

const NAME = 'nas-bench-101-valid-cells';
// An algorithm that proposes this many invalid cells in a row has stopped searching.
const MAX_INVALID_IN_A_ROW = 10_000;

/** An algorithm over NAS-Bench-101 DNA that proposes only valid cells. */
export interface ValidCellProposals extends Algorithm<DNA> {
  /** Invalid cells proposed by the inner algorithm so far (and fed back to it as failed). */
  readonly invalidProposals: number;
}

/**
 * Wraps an algorithm over `nasBench101DnaSpace` so that an invalid cell (disconnected, or over
 * 9 edges once pruned) costs no trial, as in the NAS-Bench-101 paper's comparison: each one is
 * fed straight back to the inner algorithm as a failed trial and it proposes again, drawing
 * from the same random stream. Only valid cells reach the study, so a budget of N trials is N
 * queries of the dataset. `snapshot` holds the inner algorithm's and the count of invalid cells.
 *
 * @example
 * const space = nasBench101DnaSpace();
 * const algorithm = validNb101Proposals(reinforce({ space, learningRate: 1 }));
 */
export function validNb101Proposals(inner: Algorithm<DNA>, invalidSoFar = 0): ValidCellProposals {
  let invalid = invalidSoFar;
  return {
    get invalidProposals() {
      return invalid;
    },
    propose(rng: Rng): DNA {
      for (let inARow = 0; inARow < MAX_INVALID_IN_A_ROW; inARow++) {
        const dna = inner.propose(rng);
        if (isNb101Valid(nb101SpecOfDna(dna))) return dna;
        invalid++;
        inner.feedback(invalidTrial(dna));
      }
      throw new UsageError(`${NAME}: ${MAX_INVALID_IN_A_ROW} invalid cells in a row; the search is stuck`);
    },
    feedback: (trial: Trial<DNA>) => inner.feedback(trial),
    snapshot: (): Json => snapshotJson(NAME, { invalidProposals: invalid, inner: inner.snapshot() }),
  };
}

/** What a `validNb101Proposals` snapshot holds: the count of invalid cells and the inner snapshot. */
export function readValidCellsSnapshot(snapshot: Json): { readonly invalidProposals: number; readonly inner: Json } {
  const reader = new SnapshotReader(NAME, snapshot, NAME);
  const inner = (snapshot as { inner?: Json }).inner;
  if (inner === undefined) throw new UsageError(`${NAME}: snapshot.inner must hold the inner algorithm's snapshot`);
  return { invalidProposals: reader.count('invalidProposals'), inner };
}

/** An invalid cell as the failed trial the inner algorithm learns from; it has no trial id. */
function invalidTrial(genotype: DNA): Trial<DNA> {
  return {
    id: -1,
    genotype,
    key: '',
    hash: undefined,
    status: 'failed',
    values: [NaN],
    loss: [Infinity],
    error: 'outside the NAS-Bench-101 space',
    cached: false,
    finishedMs: 0,
    info: undefined,
  };
}
