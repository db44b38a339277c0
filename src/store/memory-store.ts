import { UsageError } from '../core/errors.ts';
import type { FinishedRecord, ProposedRecord, ResumePoint, SnapshotRecord, StudyLog, TrialRecord } from '../core/plugs.ts';
import type { ResultOrder, StoredGroup, StoredStudy, StudyGroupSpec, StudySpec, StudyStore, TrialCounts, TrialResult } from './types.ts';
import { countByStatus } from './counts.ts';
import { checkNewGroupName, checkNewStudyName } from './group-names.ts';

interface Entry {
  study: StoredStudy;
  trials: TrialRecord[];
  snapshot: SnapshotRecord | undefined;
}

/** A study store in this process's memory: for tests, and for runs that need no file. */
export function memoryStore(): StudyStore {
  return new MemoryStore();
}

class MemoryStore implements StudyStore {
  private readonly entries = new Map<string, Entry>();
  /** Groups by name, each with its member names in creation order. */
  private readonly groupEntries = new Map<string, StoredGroup>();

  createStudy(spec: StudySpec): StoredStudy {
    const group = checkNewStudyName(spec.name, this);
    const now = Date.now();
    const { cache, ...rest } = spec;
    // As the SQLite store gives it back: a study without cache options has no `cache` field.
    const study: StoredStudy = { ...rest, ...(cache === undefined ? {} : { cache }), status: 'running', stopReason: undefined, createdAt: now, updatedAt: now, elapsedMs: 0 };
    this.entries.set(spec.name, { study, trials: [], snapshot: undefined });
    if (group !== undefined) {
      const before = this.groupEntries.get(group)!;
      this.groupEntries.set(group, { ...before, members: [...before.members, spec.name] });
    }
    return study;
  }

  createGroup(spec: StudyGroupSpec): StoredGroup {
    checkNewGroupName(spec.name, this);
    const group: StoredGroup = { name: spec.name, command: spec.command, config: spec.config, createdAt: Date.now(), members: [] };
    this.groupEntries.set(spec.name, group);
    return group;
  }

  group(name: string): StoredGroup | undefined {
    return this.groupEntries.get(name);
  }

  groups(): StoredGroup[] {
    return [...this.groupEntries.values()];
  }

  study(name: string): StoredStudy | undefined {
    return this.entries.get(name)?.study;
  }

  studies(): StoredStudy[] {
    return [...this.entries.values()].map((e) => e.study);
  }

  log(name: string): StudyLog {
    const entry = this.entry(name);
    return {
      proposed: (r: ProposedRecord) => {
        entry.trials[r.id] = {
          id: r.id, genotype: r.genotype, key: r.key, hash: r.hash, status: 'running', values: undefined, error: undefined,
          cached: false, info: undefined, proposedSeq: r.seq, finishedSeq: undefined, proposedMs: r.proposedMs, finishedMs: undefined,
        };
      },
      finished: (r: FinishedRecord) => {
        const before = entry.trials[r.id];
        if (before === undefined) throw new Error(`memoryStore: trial ${r.id} finished but was never proposed`);
        entry.trials[r.id] = { ...before, status: r.status, values: r.values, error: r.error, cached: r.cached, info: r.info, finishedSeq: r.seq, finishedMs: r.finishedMs };
      },
      snapshot: (r: SnapshotRecord) => {
        entry.snapshot = r;
        entry.study = { ...entry.study, elapsedMs: r.elapsedMs, updatedAt: Date.now() };
      },
      ended: ({ stopReason, elapsedMs }) => {
        entry.study = { ...entry.study, status: 'ended', stopReason, elapsedMs, updatedAt: Date.now() };
      },
    };
  }

  deleteStudy(name: string): void {
    const group = this.groupEntries.get(name);
    if (group !== undefined) {
      for (const member of group.members) this.entries.delete(member);
      this.groupEntries.delete(name);
      return;
    }
    this.entry(name);
    this.entries.delete(name);
    for (const [key, g] of this.groupEntries) {
      if (g.members.includes(name)) this.groupEntries.set(key, { ...g, members: g.members.filter((m) => m !== name) });
    }
  }

  reopen(name: string): void {
    const entry = this.entry(name);
    entry.study = { ...entry.study, status: 'running', stopReason: undefined };
  }

  trials(name: string): TrialRecord[] {
    return this.entry(name).trials.slice();
  }

  *results(name: string, order: ResultOrder = 'id'): IterableIterator<TrialResult> {
    const finished = this.entry(name).trials.filter((t) => (t.status === 'done' || t.status === 'failed') && t.finishedSeq !== undefined);
    if (order === 'finished') finished.sort((a, b) => a.finishedSeq! - b.finishedSeq! || a.id - b.id);
    for (const t of finished) {
      yield { id: t.id, status: t.status as TrialResult['status'], values: t.values ?? [], cached: t.cached, finishedSeq: t.finishedSeq!, finishedMs: t.finishedMs ?? 0 };
    }
  }

  trial(name: string, id: number): TrialRecord | undefined {
    return this.entry(name).trials[id];
  }

  counts(name: string): TrialCounts {
    return countByStatus(this.entry(name).trials.map((t) => t.status));
  }

  lastSnapshot(name: string): SnapshotRecord | undefined {
    return this.entry(name).snapshot;
  }

  resumePoint(name: string): ResumePoint {
    return { snapshot: this.lastSnapshot(name), trials: this.trials(name) };
  }

  flush(): void {}

  close(): void {}

  private entry(name: string): Entry {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new UsageError(`no study named '${name}' in the store; 'amoeba studies' lists them`);
    return entry;
  }
}
