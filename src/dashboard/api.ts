// The programs of every built-in task print as their task prints them, whoever starts the dashboard.
import '../tasks/built-in.ts';
import { UsageError } from '../core/errors.ts';
import type { Json } from '../core/types.ts';
import { printProgram } from '../report/program-printers.ts';
import { diagnosticsOf, lossOf } from '../report/study-report.ts';
import { finiteOrNull } from '../report/trial-table.ts';
import type { StoredStudy } from '../store/types.ts';
import { dagSvg } from './dag-svg.ts';
import { programView } from './program-views.ts';
import type { StoreWatch } from './store-watch.ts';
import type { StudyTracker } from './study-tracker.ts';

/** One line of the studies page. */
export interface StudyLine {
  readonly name: string;
  readonly group: string | null;
  readonly task: string;
  readonly algorithm: string | null;
  readonly objectives: StoredStudy['objectives'];
  readonly status: string;
  readonly stopReason: string | null;
  readonly trials: number;
  readonly done: number;
  readonly failed: number;
  readonly cached: number;
  readonly running: number;
  readonly budget: number | null;
  readonly best: number | null;
  readonly frontSize: number | null;
  readonly trialsPerSecond: number;
  readonly workers: number;
  readonly updatedAt: number;
}

/** The studies page's data: every study (members named `group/member`) and every group. */
export function studiesPayload(watch: StoreWatch): { studies: StudyLine[]; groups: { name: string; command: string; members: readonly string[]; createdAt: number }[]; version: number } {
  const groupOf = new Map(watch.groups().flatMap((g) => g.members.map((m) => [m, g.name] as const)));
  const studies = watch.studies().map((s) => studyLine(s, watch.tracker(s.name)!, groupOf.get(s.name) ?? null));
  const groups = watch.groups().map((g) => ({ name: g.name, command: g.command, members: g.members, createdAt: g.createdAt }));
  return { studies, groups, version: watch.version };
}

function studyLine(s: StoredStudy, t: StudyTracker, group: string | null): StudyLine {
  return {
    name: s.name,
    group,
    task: s.task.id,
    algorithm: s.algorithm?.id ?? null,
    objectives: s.objectives,
    status: s.status,
    stopReason: s.stopReason ?? null,
    trials: t.trials,
    done: t.done,
    failed: t.failed,
    cached: t.cached,
    running: t.inFlight.size,
    budget: s.budgetTrials ?? null,
    best: t.best ?? null,
    frontSize: s.objectives.length >= 2 ? t.front.size : null,
    trialsPerSecond: t.trialsPerSecond(),
    workers: t.workers.size,
    updatedAt: s.updatedAt,
  };
}

/** A study's page data: its line, best-so-far curve, front, cache hit rate, failures and diagnostics. */
export function studyPayload(watch: StoreWatch, name: string): Json {
  const { study, tracker } = requireTracked(watch, name);
  const front = tracker.front
    .points()
    .map((p) => ({ id: p.id, values: study.objectives.map((_, k) => tracker.valueOf(p.id, k)) }))
    .sort((a, b) => lossOf(study.objectives, a.values)[0]! - lossOf(study.objectives, b.values)[0]!);
  const diagnostics = diagnosticsOf(watch.store.lastSnapshot(name)?.algorithm);
  return {
    line: studyLine(study, tracker, watch.groups().find((g) => g.members.includes(name))?.name ?? null),
    seed: study.seed,
    elapsedMs: study.elapsedMs,
    curve: tracker.curve.map((p) => ({ ...p })),
    front,
    cacheHitRate: tracker.cacheHitRate,
    failures: [...tracker.failures].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
    workers: [...tracker.workers],
    diagnostics: diagnostics ?? null,
    version: watch.version,
  } as unknown as Json;
}

/** Which trials the table shows and in what order. */
export interface TableQuery {
  /** 'id', 'status', 'cached', 'finished', or an objective's name. */
  readonly sort: string;
  readonly descending: boolean;
  /** 'all', 'done', 'failed' or 'cached'. */
  readonly status: string;
  readonly offset: number;
  readonly limit: number;
}

/** The trial table's rows, sorted and filtered; `total` counts every row the filter lets through. */
export function trialTable(watch: StoreWatch, name: string, query: TableQuery): { columns: string[]; total: number; rows: (string | number | boolean | null)[][] } {
  const { study, tracker } = requireTracked(watch, name);
  const objective = study.objectives.findIndex((o) => o.name === query.sort);
  if (!['id', 'status', 'cached', 'finished'].includes(query.sort) && objective < 0) throw new UsageError(`cannot sort by '${query.sort}': not a column of study '${name}'`);
  if (!['all', 'done', 'failed', 'cached'].includes(query.status)) throw new UsageError(`unknown status filter '${query.status}'; use all, done, failed or cached`);
  const ids: number[] = [];
  for (let id = 0; id < tracker.trials; id++) {
    const status = tracker.statusOf(id);
    if (status === undefined) continue;
    if (query.status === 'cached' ? !tracker.cachedOf(id) : query.status !== 'all' && status !== query.status) continue;
    ids.push(id);
  }
  // One numeric key per trial, read once, so that sorting 10^5 rows compares plain numbers.
  const STATUS_ORDER = { done: 0, failed: 1, running: 2 } as const;
  const keyOf: (id: number) => number =
    objective >= 0
      ? (id) => {
          const v = tracker.valueOf(id, objective);
          return Number.isNaN(v) ? Infinity : v;
        }
      : query.sort === 'status'
        ? (id) => STATUS_ORDER[tracker.statusOf(id)!]
        : query.sort === 'cached'
          ? (id) => Number(tracker.cachedOf(id))
          : query.sort === 'finished'
            ? (id) => tracker.finishedMsOf(id)
            : (id) => id;
  const keys = new Float64Array(tracker.trials);
  for (const id of ids) keys[id] = keyOf(id);
  const direction = query.descending ? -1 : 1;
  const before = (a: number, b: number) => (keys[a]! - keys[b]! || a - b) * direction;
  const wanted = query.offset + query.limit;
  // A page near the top needs only its first rows in order: one pass keeps them, no full sort.
  const order = wanted <= PARTIAL_SORT_ROWS ? firstInOrder(ids, wanted, before) : Uint32Array.from(ids).sort(before);
  const columns = ['id', 'status', ...study.objectives.map((o) => o.name), 'cached', 'finished_s'];
  const rows = Array.from(order.subarray(query.offset, Math.min(order.length, query.offset + query.limit)), (id) => [
    id,
    tracker.statusOf(id)!,
    ...study.objectives.map((_, k) => finiteOrNull(tracker.valueOf(id, k))),
    tracker.cachedOf(id),
    tracker.statusOf(id) === 'running' ? null : tracker.finishedMsOf(id) / 1000,
  ]);
  return { columns, total: ids.length, rows };
}

/** Rows up to which a table page is chosen by a bounded insertion rather than a full sort. */
const PARTIAL_SORT_ROWS = 5000;

/** The first `count` of `ids` in the order `before` gives (negative: a comes first), in that order. */
function firstInOrder(ids: readonly number[], count: number, before: (a: number, b: number) => number): Uint32Array {
  const kept: number[] = [];
  for (const id of ids) {
    if (kept.length === count && before(id, kept[count - 1]!) >= 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(kept[mid]!, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, id);
    if (kept.length > count) kept.pop();
  }
  return Uint32Array.from(kept);
}

/** A trial's page data: its values and info, the program as its task prints it, and the view its space draws. */
export function programPayload(watch: StoreWatch, name: string, id: number): Json {
  const { study } = requireTracked(watch, name);
  const trial = watch.store.trial(name, id);
  if (trial === undefined) throw new UsageError(`study '${name}' has no trial ${id}`);
  const view = programView(trial.genotype, study.space);
  return {
    study: name,
    id,
    task: study.task.id,
    space: study.space?.id ?? null,
    status: trial.status,
    objectives: study.objectives,
    values: trial.values?.map((v) => finiteOrNull(v)) ?? null,
    error: trial.error ?? null,
    cached: trial.cached,
    info: trial.info ?? null,
    text: printProgram(trial.genotype, study.space, study.task),
    latex: view.latex ?? null,
    dagSvg: view.dag === undefined ? null : dagSvg(view.dag),
    genotype: trial.genotype,
  } as unknown as Json;
}

/** Several studies' best-so-far curves, for one plot. */
export function comparePayload(watch: StoreWatch, names: readonly string[]): Json {
  const series = names.map((name) => {
    const { study, tracker } = requireTracked(watch, name);
    return { name, objective: study.objectives[0]!, curve: tracker.curve.map((p) => ({ ...p })), done: tracker.done, seconds: tracker.lastFinishedMs / 1000 };
  });
  return { series } as unknown as Json;
}

function requireTracked(watch: StoreWatch, name: string): { study: StoredStudy; tracker: StudyTracker } {
  const study = watch.studies().find((s) => s.name === name);
  const tracker = watch.tracker(name);
  if (study === undefined || tracker === undefined) throw new UsageError(`no study named '${name}' in the store`);
  return { study, tracker };
}
