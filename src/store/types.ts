import type { ResumePoint, SnapshotRecord, StudyLog, TrialRecord } from '../core/plugs.ts';
import type { Json, Objective } from '../core/types.ts';

/** A registry name with its JSON config: how a task, space or algorithm is rebuilt. */
export interface Recipe {
  readonly id: string;
  readonly config: Json;
}

/** What a new study is, as a store keeps it: enough to rebuild and resume it. */
export interface StudySpec {
  /** Unique within the store. */
  readonly name: string;
  readonly task: Recipe;
  /** The space, when it can be rebuilt from the `spaces` registry. */
  readonly space: Recipe | undefined;
  /** The algorithm, when it can be rebuilt from core's `algorithms` registry. */
  readonly algorithm: Recipe | undefined;
  readonly objectives: readonly Objective[];
  readonly seed: number;
  readonly budgetTrials: number | undefined;
  readonly budgetSeconds: number | undefined;
  /**
   * The functional-equivalence cache's options (`FecCacheOptions` as JSON), rebuilt with
   * `fecCache(cache)` on start and on resume; undefined for a study without a cache.
   */
  readonly cache?: Json | undefined;
  /**
   * Module URLs to import before the parts are rebuilt: a search file's (`amoeba run`), whose
   * tasks and spaces are registered there. Resume and worker threads import them.
   */
  readonly modules?: readonly string[];
  /**
   * Synchronous batches of this many trials (`--sync`, `StudyOptions.syncBatch`), kept so that
   * a resumed study goes on in the same batches and its seed still decides its trials.
   */
  readonly syncBatch?: number;
}

/** A command that runs many studies (restarts, seeds, algorithms) stores them as one group. */
export interface StudyGroupSpec {
  /** Unique among the store's groups and studies, e.g. 'nas-compare-1'; no '/'. */
  readonly name: string;
  /** The command whose result format the group has, e.g. 'nas-compare'. */
  readonly command: string;
  /** What that command needs to print the group's result. */
  readonly config: Json;
}

/** A stored group with its members. */
export interface StoredGroup extends StudyGroupSpec {
  /** Wall-clock milliseconds since the epoch. */
  readonly createdAt: number;
  /** Member study names, oldest first. */
  readonly members: readonly string[];
}

/** How a stored study stands: still running (or killed while running), or ended. */
export type StudyStatus = 'running' | 'ended';

/** A stored study with its status and times. */
export interface StoredStudy extends StudySpec {
  readonly status: StudyStatus;
  readonly stopReason: string | undefined;
  /** Wall-clock milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Study time spent so far, across every run of it. */
  readonly elapsedMs: number;
}

/** Trial counts by status. */
export interface TrialCounts {
  readonly pending: number;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
}

/** A finished trial's outcome without its genotype: what reports read for every trial. */
export interface TrialResult {
  readonly id: number;
  readonly status: 'done' | 'failed';
  /** Objective values; NaN where the trial failed. */
  readonly values: readonly number[];
  readonly cached: boolean;
  /** Position of the trial's feedback among the study's proposals and feedbacks. */
  readonly finishedSeq: number;
  /** Milliseconds since the study first started. */
  readonly finishedMs: number;
}

/** The order in which `StudyStore.results` yields trials: by id, or as they finished. */
export type ResultOrder = 'id' | 'finished';

/**
 * Where studies, their trials and algorithm snapshots live. A study writes through
 * `log(name)`; reports and resume read the rest.
 */
export interface StudyStore {
  /**
   * Adds a study; a name already in the store (a study's or a group's) is a UsageError. A
   * name `group/member` makes the study a member of that group, which must exist.
   */
  createStudy(spec: StudySpec): StoredStudy;
  study(name: string): StoredStudy | undefined;
  /** Every study, oldest first. */
  studies(): StoredStudy[];
  /** The write side for one study's trials and snapshots. */
  log(name: string): StudyLog;
  /**
   * Removes a study with its trials and snapshots, or a group with all its members; an
   * unknown name is a UsageError.
   */
  deleteStudy(name: string): void;
  /** Adds an empty group; a name already in the store (a study's or a group's) is a UsageError. */
  createGroup(spec: StudyGroupSpec): StoredGroup;
  group(name: string): StoredGroup | undefined;
  /** Every group, oldest first. */
  groups(): StoredGroup[];
  /** Marks an ended study as running again, for a resume. */
  reopen(name: string): void;
  /** Every trial of a study, by id. */
  trials(name: string): TrialRecord[];
  /**
   * The finished trials' outcomes, one at a time, without genotypes, so that a report over
   * millions of trials holds only what it keeps. Read the iterator to its end (or `return` it)
   * before the next call on the same store.
   */
  results(name: string, order?: ResultOrder): IterableIterator<TrialResult>;
  /** One trial by id, genotype included; undefined when the study has no such trial. */
  trial(name: string, id: number): TrialRecord | undefined;
  counts(name: string): TrialCounts;
  lastSnapshot(name: string): SnapshotRecord | undefined;
  /** The last snapshot and every trial: what `Study` needs to resume. */
  resumePoint(name: string): ResumePoint;
  /** Writes anything buffered. */
  flush(): void;
  close(): void;
}
