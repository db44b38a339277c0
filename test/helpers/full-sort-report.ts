/**
 * The reports as they were computed before streaming: every trial read at once and a full
 * non-dominated sort over all of them. Kept as the reference that the streaming reports must
 * equal on small studies, and as the baseline of bench/report.ts.
 */
import { paretoFront } from '../../src/core/pareto.ts';
import type { TrialRecord } from '../../src/core/plugs.ts';
import { lossOf } from '../../src/report/study-report.ts';
import type { StoredStudy } from '../../src/store/types.ts';

type Done = TrialRecord & { values: number[] };

function finished(trials: readonly TrialRecord[]): Done[] {
  return trials.filter((t): t is Done => t.status === 'done' && t.values !== undefined);
}

/** The ids `amoeba show` lists: the `top` best for one objective, else the front by first loss. */
export function fullSortReportIds(study: StoredStudy, trials: readonly TrialRecord[], top = 5): number[] {
  const done = finished(trials);
  const losses = done.map((t) => lossOf(study.objectives, t.values));
  let chosen: number[];
  if (study.objectives.length === 1) {
    chosen = done.map((_, i) => i).sort((a, b) => losses[a]![0]! - losses[b]![0]! || done[a]!.id - done[b]!.id).slice(0, top);
  } else {
    const seen = new Set<string>();
    chosen = paretoFront(losses)
      .filter((i) => !seen.has(String(losses[i])) && seen.add(String(losses[i])) !== undefined)
      .sort((a, b) => losses[a]![0]! - losses[b]![0]! || losses[a]![1]! - losses[b]![1]!);
  }
  return chosen.map((i) => done[i]!.id);
}

/** The data `amoeba plot` draws: the best-so-far curve, every trial of the scatter, and the distinct front points. */
export function fullSortPlotData(study: StoredStudy, trials: readonly TrialRecord[]) {
  const done = finished(trials).sort((a, b) => a.finishedSeq! - b.finishedSeq!);
  const first = study.objectives[0]!;
  const sign = first.goal === 'max' ? -1 : 1;
  let best = Infinity;
  const progress = done.map((t, i) => {
    best = Math.min(best, sign * t.values[0]!);
    return { trials: i + 1, seconds: (t.finishedMs ?? 0) / 1000, best: sign * best };
  });
  if (study.objectives.length < 2) return { progress, points: [], frontPoints: [] };
  const [a, b] = [study.objectives[0]!, study.objectives[1]!];
  const losses = done.map((t) => lossOf(study.objectives, t.values).slice(0, 2));
  const onFront = new Set(paretoFront(losses));
  const points = done.map((t, i) => ({ [a.name]: t.values[0]!, [b.name]: t.values[1]!, front: onFront.has(i) ? 'Pareto front' : 'trial' }));
  const distinct = new Map(points.filter((p) => p.front === 'Pareto front').map((p) => [`${p[a.name]},${p[b.name]}`, p]));
  const frontPoints = [...distinct.values()].sort((p, q) => (p[b.name] as number) - (q[b.name] as number));
  return { progress, points, frontPoints };
}
