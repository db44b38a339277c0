import { paretoFront } from '../core/pareto.ts';
import type { TrialRecord } from '../core/plugs.ts';
import type { Json, Objective } from '../core/types.ts';
import type { StoredStudy, StudyStore, TrialCounts } from '../store/types.ts';
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
}

/** Losses of a finished trial: values turned so that smaller is better. */
export function lossOf(objectives: readonly Objective[], values: readonly number[]): number[] {
  return objectives.map((o, i) => (o.goal === 'max' ? -values[i]! : values[i]!));
}

/** Builds a study's report: the `top` best trials for one objective, the Pareto front for more. */
export function studyReport(store: StudyStore, study: StoredStudy, top = 5): StudyReport {
  const done = store.trials(study.name).filter((t): t is TrialRecord & { values: number[] } => t.status === 'done' && t.values !== undefined);
  const losses = done.map((t) => lossOf(study.objectives, t.values));
  let chosen: number[];
  if (study.objectives.length === 1) {
    chosen = done.map((_, i) => i).sort((a, b) => losses[a]![0]! - losses[b]![0]! || done[a]!.id - done[b]!.id).slice(0, top);
  } else {
    // One trial per distinct loss vector, so repeated programs do not crowd the front.
    const seen = new Set<string>();
    chosen = paretoFront(losses)
      .filter((i) => !seen.has(String(losses[i])) && seen.add(String(losses[i])) !== undefined)
      .sort((a, b) => losses[a]![0]! - losses[b]![0]! || losses[a]![1]! - losses[b]![1]!);
  }
  const trials = chosen.map((i) => {
    const t = done[i]!;
    return {
      id: t.id,
      values: Object.fromEntries(study.objectives.map((o, k) => [o.name, t.values[k]!])),
      program: printProgram(t.genotype, study.space, study.task),
      genotype: t.genotype,
    };
  });
  return { study, counts: store.counts(study.name), kind: study.objectives.length === 1 ? 'best' : 'front', trials };
}

/** The report as text for a terminal. */
export function formatStudyReport(report: StudyReport): string {
  const { study, counts, trials } = report;
  const lines = [
    `study ${study.name}: ${study.status}${study.stopReason === undefined ? '' : ` (${study.stopReason})`}, seed ${study.seed}`,
    `  task ${study.task.id}${study.algorithm === undefined ? '' : `, algorithm ${study.algorithm.id}`}, budget ${study.budgetTrials ?? '—'} trials${study.budgetSeconds === undefined ? '' : `, ${study.budgetSeconds} s`}`,
    `  objectives ${study.objectives.map((o) => `${o.name} (${o.goal})`).join(', ')}`,
    `  trials: ${counts.done} done, ${counts.failed} failed, ${counts.running} running, ${counts.pending} pending; ${(study.elapsedMs / 1000).toFixed(1)} s`,
    `  created ${new Date(study.createdAt).toISOString()}, updated ${new Date(study.updatedAt).toISOString()}`,
    '',
    report.kind === 'best' ? `best ${trials.length} trials:` : `Pareto front (${trials.length} trials):`,
  ];
  for (const t of trials) {
    const values = Object.entries(t.values).map(([name, v]) => `${name} ${formatNumber(v)}`).join(', ');
    lines.push(`  #${t.id}  ${values}`, `      ${t.program}`);
  }
  if (trials.length === 0) lines.push('  (no finished trials yet)');
  return lines.join('\n') + '\n';
}

/** Six significant digits, without trailing noise. */
export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
