import type { TrialRecord } from '../../../core/plugs.ts';
import type { Json } from '../../../core/types.ts';
import type { StudyStore } from '../../../store/types.ts';
import { TrajectoryRecorder } from './run-search.ts';
import type { SearchTrajectory } from './run-search.ts';
import type { TabularAnswer } from './tabular-benchmark.ts';

/** How the stored trials of one benchmark's member searches read as queries. */
export interface StoredScores {
  /** The largest test score in the table: regret is this minus the incumbent's test score. */
  readonly bestTest: number;
  /** A finished trial as the query it was: its validation score (as searched), test score and seconds. */
  answer(record: TrialRecord): Pick<TabularAnswer, 'validation' | 'test' | 'seconds'>;
}

/**
 * The trajectory of a member search that ran to its budget, from the store: its trials in the
 * order the algorithm was told of them; a failed trial is an invalid proposal (no query), and
 * the incumbent holds over any queries it fell short. Undefined while the search is unfinished.
 * Invalid cells that an algorithm wrapper skipped (`nas-bench-101-valid-cells`) are counted
 * from its last snapshot.
 */
export function storedTrajectory(store: StudyStore, name: string, budget: number, scores: StoredScores): SearchTrajectory | undefined {
  const counts = store.counts(name);
  if (counts.done + counts.failed < budget) return undefined;
  const finished = store.trials(name).filter((t) => t.finishedSeq !== undefined && (t.status === 'done' || t.status === 'failed'));
  finished.sort((a, b) => a.finishedSeq! - b.finishedSeq!);
  const recorder = new TrajectoryRecorder(budget, scores.bestTest);
  for (const trial of finished) {
    if (trial.status === 'done') recorder.query(scores.answer(trial));
    else recorder.invalid();
  }
  recorder.invalid(skippedInvalid(store.lastSnapshot(name)?.algorithm));
  recorder.holdToBudget();
  return recorder.trajectory();
}

/** The invalid proposals a valid-cells wrapper's snapshot counts (0 for any other algorithm). */
function skippedInvalid(snapshot: Json | undefined): number {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return 0;
  const count = snapshot['invalidProposals'];
  return snapshot['algorithm'] === 'nas-bench-101-valid-cells' && typeof count === 'number' ? count : 0;
}
