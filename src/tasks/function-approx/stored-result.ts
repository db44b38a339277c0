import type { StopReason, StudySummary } from '../../core/study.ts';
import type { Space } from '../../core/types.ts';
import { spaces } from '../../core/registries.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { StudyStore } from '../../store/types.ts';
import { BestByOps, approxResult, type ApproxSearchResult } from './result.ts';
import type { ApproxSetup } from './setup.ts';

/**
 * The result of one or more stored searches of the same setup (restarts with their own
 * seeds), read from the store: the best program at each op count over every member, ties to
 * the earlier member and, within one, to the trial that finished first. `seed` is the one
 * the result reports (the first member's).
 */
export function storedApproxResult(store: StudyStore, members: readonly string[], setup: ApproxSetup, seed: number): ApproxSearchResult {
  const best = new BestByOps<{ readonly status: string; readonly values: readonly number[]; readonly member: string; readonly id: number }>(setup.maxOps);
  let cached = 0;
  for (const member of members) {
    for (const r of store.results(member, 'finished')) {
      if (r.cached) cached++;
      best.consider({ status: r.status, values: r.values, member, id: r.id });
    }
  }
  const space = spaces.get(setup.recipes.space.id)(setup.recipes.space.config) as Space<Graph>;
  const programs = best.programs().map((b) => {
    if (b === undefined) return undefined;
    const record = store.trial(b.member, b.id)!;
    return { genotype: space.fromJSON(record.genotype), values: record.values!, info: record.info };
  });
  return approxResult(setup, programs, membersSummary(store, members, cached), seed);
}

/** The members' counts and times summed, as one summary. */
function membersSummary(store: StudyStore, members: readonly string[], cached: number): StudySummary {
  let done = 0;
  let failed = 0;
  let elapsedMs = 0;
  let stopReason: StopReason | undefined;
  for (const member of members) {
    const counts = store.counts(member);
    done += counts.done;
    failed += counts.failed;
    const study = store.study(member);
    elapsedMs += study?.elapsedMs ?? 0;
    if (stopReason !== 'aborted') stopReason = study?.stopReason as StopReason | undefined;
  }
  const trials = done + failed;
  return { trials, done, failed, cached, elapsedMs, trialsPerSecond: elapsedMs > 0 ? (1000 * trials) / elapsedMs : 0, stopReason, cache: undefined };
}
