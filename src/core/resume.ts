import { UsageError } from './errors.ts';
import { lossOf } from './loss.ts';
import type { ResumePoint, TrialRecord } from './plugs.ts';
import { Rng } from './rng.ts';
import { storedOutcome, toTrial } from './trial-result.ts';
import type { Launch, Outcome } from './trial-result.ts';
import type { Algorithm, Objective, Space, Trial } from './types.ts';

/** A stored trial that had finished, as a resumed study counts it. */
export interface StoredFinish<G> {
  readonly record: TrialRecord;
  readonly outcome: Outcome;
  /** Its losses; only meaningful when `record.status` is 'done'. */
  readonly loss: readonly number[];
  /** Builds the trial (rebuilding the genotype once), for the few that join the front. */
  trial(): Trial<G>;
}

/** What a study continues from after the replay. */
export interface Replayed<G> {
  /** The study's random stream, as it stood after the last replayed proposal. */
  readonly rng: Rng;
  /** The next sequence number of a proposal or feedback. */
  readonly seq: number;
  /** Every finished trial, in the order they finished. */
  readonly finished: readonly StoredFinish<G>[];
  /** The trials that were in flight, to evaluate again. */
  readonly unfinished: readonly Launch<G>[];
}

/**
 * Brings a fresh or snapshot-restored algorithm to where a stored study stopped: the random
 * stream comes from the snapshot, and every proposal and feedback after it is replayed in
 * its first order. A replayed proposal is drawn only to move the algorithm and the stream on
 * as the first run did; the stored genotype is the one that counts.
 */
export function replayStoredStudy<G>(point: ResumePoint, space: Space<G>, algorithm: Algorithm<G>, objectives: readonly Objective[], rng: Rng): Replayed<G> {
  const { snapshot, trials } = point;
  trials.forEach((t, i) => {
    if (t.id !== i) throw new UsageError(`cannot resume: stored trial ids must run 0..${trials.length - 1}, found ${t.id} at ${i}`);
  });
  const stream = snapshot === undefined ? rng : Rng.restore(snapshot.rng);
  const from = snapshot?.seq ?? 0;
  const events: { seq: number; record: TrialRecord; finished: boolean }[] = [];
  for (const record of trials) {
    if (record.proposedSeq >= from) events.push({ seq: record.proposedSeq, record, finished: false });
    if (record.finishedSeq !== undefined && record.finishedSeq >= from) events.push({ seq: record.finishedSeq, record, finished: true });
  }
  events.sort((a, b) => a.seq - b.seq);
  const genotypeOf = (r: TrialRecord): G => space.fromJSON(r.genotype);
  const storedTrial = (r: TrialRecord): Trial<G> => {
    const launch = { id: r.id, genotype: genotypeOf(r), key: r.key, hash: r.hash };
    return toTrial(launch, storedOutcome(r), r.cached, r.finishedMs ?? 0, objectives);
  };
  for (const { record, finished } of events) {
    if (!finished) algorithm.propose(stream);
    else algorithm.feedback(storedTrial(record));
  }
  const finished = trials
    .filter((t) => t.finishedSeq !== undefined)
    .sort((a, b) => a.finishedSeq! - b.finishedSeq!)
    .map((record) => ({
      record,
      outcome: storedOutcome(record),
      loss: record.status === 'done' ? lossOf(objectives, record.values!) : [],
      trial: () => storedTrial(record),
    }));
  const unfinished = trials
    .filter((t) => t.finishedSeq === undefined)
    .map((t) => ({ id: t.id, genotype: genotypeOf(t), key: t.key, hash: t.hash }));
  return { rng: stream, seq: from + events.length, finished, unfinished };
}

/** How long a stored study had run before it stopped: its last snapshot or trial. */
export function resumedElapsedMs(point: ResumePoint): number {
  let elapsed = point.snapshot?.elapsedMs ?? 0;
  for (const t of point.trials) elapsed = Math.max(elapsed, t.finishedMs ?? t.proposedMs);
  return elapsed;
}
