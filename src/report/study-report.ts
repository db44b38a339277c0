import { runningFront } from '../core/running-front.ts';
import type { Json, Objective } from '../core/types.ts';
import type { StoredStudy, StudyStore, TrialCounts, TrialResult } from '../store/types.ts';
import { printProgram } from './program-printers.ts';

/** One trial as a report shows it. */
export interface ReportedTrial {
  readonly id: number;
  readonly values: { readonly [objective: string]: number };
  readonly program: string;
  readonly genotype: Json;
}

/** What `amoeba show` prints: the study, its trial counts, and its best trials or front. */
export interface StudyReport {
  readonly study: StoredStudy;
  readonly counts: TrialCounts;
  /** 'best' for one objective (lowest loss first), 'front' for several (first objective first). */
  readonly kind: 'best' | 'front';
  readonly trials: readonly ReportedTrial[];
  /** What the algorithm reports about itself in its last snapshot (`snapshot().diagnostics`), when it does. */
  readonly diagnostics?: { readonly [label: string]: Json };
}

/** Losses of a finished trial: values turned so that smaller is better. */
export function lossOf(objectives: readonly Objective[], values: readonly number[]): number[] {
  return objectives.map((o, i) => (o.goal === 'max' ? -values[i]! : values[i]!));
}

/**
 * Builds a study's report: the `top` best trials for one objective, the Pareto front for
 * more. The trials are read one at a time and only the chosen ones are kept, so the report
 * of a study of millions of trials needs the memory of its front.
 */
export function studyReport(store: StudyStore, study: StoredStudy, top = 5): StudyReport {
  const done = doneResults(store.results(study.name));
  const chosen = study.objectives.length === 1 ? bestIds(done, top, study.objectives) : frontIds(done, study.objectives);
  const trials = chosen.map((id) => {
    const t = store.trial(study.name, id)!;
    return {
      id: t.id,
      values: Object.fromEntries(study.objectives.map((o, k) => [o.name, t.values![k]!])),
      program: printProgram(t.genotype, study.space, study.task),
      genotype: t.genotype,
    };
  });
  const diagnostics = diagnosticsOf(store.lastSnapshot(study.name)?.algorithm);
  return { study, counts: store.counts(study.name), kind: study.objectives.length === 1 ? 'best' : 'front', trials, ...(diagnostics === undefined ? {} : { diagnostics }) };
}

/** The `diagnostics` object an algorithm's snapshot may carry (guided evolution's, say). */
export function diagnosticsOf(snapshot: Json | undefined): { readonly [label: string]: Json } | undefined {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) return undefined;
  const d = snapshot['diagnostics'];
  return typeof d === 'object' && d !== null && !Array.isArray(d) ? d : undefined;
}

/** One diagnostic as text: a number, or a series of [x, y] points shown at up to eight of them. */
function formatDiagnostic(value: Json): string {
  if (typeof value === 'number') return formatNumber(value);
  if (value === null) return '—';
  if (Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2)) {
    if (value.length === 0) return '(none yet)';
    const step = Math.max(1, Math.ceil(value.length / 8));
    const shown = value.filter((_, i) => i % step === 0 || i === value.length - 1) as [number, number][];
    return shown.map(([x, y]) => `${x}: ${formatNumber(y)}`).join(', ');
  }
  return JSON.stringify(value);
}

function* doneResults(results: Iterable<TrialResult>): Generator<TrialResult> {
  for (const t of results) if (t.status === 'done') yield t;
}

/** Ids of the `top` lowest losses, lowest first, ties by id. */
function bestIds(done: Iterable<TrialResult>, top: number, objectives: readonly Objective[]): number[] {
  const best: { id: number; loss: number }[] = [];
  const before = (a: { id: number; loss: number }, b: { id: number; loss: number }) => a.loss < b.loss || (a.loss === b.loss && a.id < b.id);
  for (const t of done) {
    const entry = { id: t.id, loss: lossOf(objectives, t.values)[0]! };
    if (best.length === top && !before(entry, best[top - 1]!)) continue;
    let at = best.length;
    while (at > 0 && before(entry, best[at - 1]!)) at--;
    best.splice(at, 0, entry);
    if (best.length > top) best.pop();
  }
  return best.map((e) => e.id);
}

/** Ids of the front, one trial (the first) per distinct loss vector, by first loss then second. */
function frontIds(done: Iterable<TrialResult>, objectives: readonly Objective[]): number[] {
  const front = runningFront();
  for (const t of done) front.add(t.id, lossOf(objectives, t.values));
  return front
    .points()
    .sort((a, b) => a.loss[0]! - b.loss[0]! || a.loss[1]! - b.loss[1]!)
    .map((p) => p.id);
}

/** The report's first lines: the study, its task and algorithm, objectives, counts and dates. */
export function formatStudyHeader(report: StudyReport): string[] {
  const { study, counts } = report;
  return [
    `study ${study.name}: ${study.status}${study.stopReason === undefined ? '' : ` (${study.stopReason})`}, seed ${study.seed}`,
    `  task ${study.task.id}${study.algorithm === undefined ? '' : `, algorithm ${study.algorithm.id}`}, budget ${study.budgetTrials ?? '—'} trials${study.budgetSeconds === undefined ? '' : `, ${study.budgetSeconds} s`}`,
    `  objectives ${study.objectives.map((o) => `${o.name} (${o.goal})`).join(', ')}`,
    `  trials: ${counts.done} done, ${counts.failed} failed, ${counts.running} running, ${counts.pending} pending; ${(study.elapsedMs / 1000).toFixed(1)} s`,
    `  created ${new Date(study.createdAt).toISOString()}, updated ${new Date(study.updatedAt).toISOString()}`,
  ];
}

/** The report as text for a terminal. */
export function formatStudyReport(report: StudyReport): string {
  const { trials } = report;
  const lines = [...formatStudyHeader(report), '', report.kind === 'best' ? `best ${trials.length} trials:` : `Pareto front (${trials.length} trials):`];
  for (const t of trials) {
    const values = Object.entries(t.values).map(([name, v]) => `${name} ${formatNumber(v)}`).join(', ');
    lines.push(`  #${t.id}  ${values}`, ...t.program.split('\n').map((line) => `      ${line}`));
  }
  if (trials.length === 0) lines.push('  (no finished trials yet)');
  lines.push(...formatDiagnostics(report));
  return lines.join('\n') + '\n';
}

/** The algorithm's diagnostics after a blank line, or nothing when its snapshot has none. */
export function formatDiagnostics(report: StudyReport): string[] {
  if (report.diagnostics === undefined) return [];
  return ['', 'algorithm diagnostics (last snapshot):', ...Object.entries(report.diagnostics).map(([label, value]) => `  ${label}: ${formatDiagnostic(value)}`)];
}

/** Six significant digits, without trailing noise. */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
