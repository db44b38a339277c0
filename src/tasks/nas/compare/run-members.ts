import type { Executor } from '../../../core/plugs.ts';
import { resumeStoredStudy } from '../../../store/stored-study.ts';
import type { StoredStudy, StudyStore } from '../../../store/types.ts';

/** How `runMemberStudies` runs and when it stops. */
export interface MemberRunOptions {
  /** Aborting stops the search running (resumable) and starts no other. */
  readonly signal?: AbortSignal;
  /** Start no new search after this many seconds; the one running goes on to its budget. */
  readonly timeLimitSeconds?: number;
  /** The executor of one member study (inline when undefined or when it returns undefined). */
  readonly executorFor?: (study: StoredStudy) => Promise<Executor<unknown> | undefined>;
  /** Synchronous batches of this many trials (see `StudyOptions.syncBatch`). */
  readonly syncBatch?: number;
  /** Called after each search that reached its budget, with how many have, of all of them. */
  readonly onFinished?: (finished: number, total: number) => void;
}

/** True when a member study has every trial of its budget finished. */
export function memberFinished(store: StudyStore, name: string): boolean {
  const study = store.study(name);
  if (study === undefined) return false;
  const counts = store.counts(name);
  return study.budgetTrials !== undefined && counts.done + counts.failed >= study.budgetTrials;
}

/**
 * Runs stored member studies one after another in the order given, each from where it stands
 * (a study created but never run starts from scratch with its own seed; a killed one resumes),
 * skipping those already at their budget. Returns how many are at their budget.
 */
export async function runMemberStudies(store: StudyStore, names: readonly string[], options: MemberRunOptions = {}): Promise<number> {
  const started = performance.now();
  let finished = names.filter((name) => memberFinished(store, name)).length;
  let lastYield = performance.now();
  for (const name of names) {
    if (options.signal?.aborted === true) break;
    if (options.timeLimitSeconds !== undefined && performance.now() - started >= options.timeLimitSeconds * 1000) break;
    if (memberFinished(store, name)) continue;
    const executor = await options.executorFor?.(store.study(name)!);
    const study = resumeStoredStudy(store, name, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(executor === undefined ? {} : { executor }),
      ...(options.syncBatch === undefined ? {} : { syncBatch: options.syncBatch }),
    });
    const summary = await study.run();
    if (summary.stopReason === 'aborted') break;
    options.onFinished?.(++finished, names.length);
    // A short search never yields on its own; give signals and timers a turn now and then.
    if (performance.now() - lastYield > 50) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  return finished;
}
