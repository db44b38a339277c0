import type { StoredTrialStatus } from '../core/plugs.ts';
import type { TrialCounts } from './types.ts';

/** Counts statuses into pending / running / done / failed. */
export function countByStatus(statuses: Iterable<StoredTrialStatus>): TrialCounts {
  const counts = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const s of statuses) counts[s]++;
  return counts;
}
