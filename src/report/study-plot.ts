import type { TopLevelSpec } from 'vega-lite';
import { UsageError } from '../core/errors.ts';
import { runningFront } from '../core/running-front.ts';
import type { Objective } from '../core/types.ts';
import type { StoredStudy, StudyStore } from '../store/types.ts';
import { evenSample, mergeSamples } from './downsample.ts';
import { axisScale, figure, PANEL, SERIES_COLORS, spansDecades } from './render.ts';
import { lossOf } from './study-report.ts';

/** One point of the best-so-far curve. */
interface ProgressPoint {
  readonly trials: number;
  readonly seconds: number;
  readonly best: number;
}

/** One finished trial in the scatter of the first two objectives. */
interface ScatterPoint {
  readonly position: number;
  readonly a: number;
  readonly b: number;
}

/**
 * A vega-lite spec of a study's progress: best-so-far of the first objective against trials
 * and against time, and, with two or more objectives, the finished trials of the first two
 * with the Pareto front drawn over them. The trials are read one at a time in the order they
 * finished; what is drawn is bounded: the curve keeps the trials where the best changed plus
 * an even sample, the scatter an even sample plus each axis's extremes, and the front is
 * exact. A study of up to `PLOT_POINTS` finished trials is drawn whole.
 */
export function studyPlotSpec(store: StudyStore, study: StoredStudy): TopLevelSpec {
  const [first, second] = study.objectives as [Objective, Objective | undefined];
  const sign = first.goal === 'max' ? -1 : 1;
  const progress = evenSample<ProgressPoint>();
  const changes = evenSample<ProgressPoint>();
  const scatter = evenSample<ScatterPoint>();
  const extremes = second === undefined ? undefined : new Extremes();
  const front = runningFront();
  let best = Infinity;
  let done = 0;
  for (const t of store.results(study.name, 'finished')) {
    if (t.status !== 'done') continue;
    done++;
    const loss = sign * t.values[0]!;
    const point = { trials: done, seconds: t.finishedMs / 1000, best: sign * Math.min(best, loss) };
    if (loss < best) changes.add(point);
    best = Math.min(best, loss);
    progress.add(point);
    if (second !== undefined) {
      const p = { position: done, a: t.values[0]!, b: t.values[1]! };
      scatter.add(p);
      extremes!.add(p);
      front.add(t.id, lossOf([first, second], t.values));
    }
  }
  if (done === 0) throw new UsageError(`study '${study.name}' has no finished trials to plot yet`);
  const curve = mergeSamples((p) => p.trials, progress.items(), changes.items());
  const panels: object[] = [progressPanel(first, curve, 'trials'), progressPanel(first, curve, 'seconds')];
  if (second !== undefined) {
    const onFront = front.points();
    // Every trial at a front point is marked, repeats included, as a full sort marks them.
    const frontLosses = new Set(onFront.map((p) => String(p.loss)));
    const points = mergeSamples((p) => p.position, scatter.items(), extremes!.points()).map((p) => ({
      [first.name]: p.a,
      [second.name]: p.b,
      front: frontLosses.has(String(lossOf([first, second], [p.a, p.b]))) ? 'Pareto front' : 'trial',
    }));
    const frontPoints = onFront
      .map((p) => ({ [first.name]: valueOf(first, p.loss[0]!), [second.name]: valueOf(second, p.loss[1]!), front: 'Pareto front' }))
      .sort((p, q) => (p[second.name] as number) - (q[second.name] as number));
    panels.push(frontPanel(first.name, second.name, points, frontPoints, spansDecades(extremes!.lowA, extremes!.highA)));
  }
  return figure(`amoeba study ${study.name}: ${done} finished trials`, panels);
}

function progressPanel(objective: Objective, curve: readonly ProgressPoint[], x: 'trials' | 'seconds'): object {
  const yTitle = `best ${objective.name} so far (${objective.goal})`;
  const bests = curve.map((p) => p.best);
  return {
    ...PANEL,
    title: `${yTitle} vs ${x === 'trials' ? 'trials' : 'time'}`,
    data: { values: curve },
    mark: { type: 'line', interpolate: 'step-after', color: SERIES_COLORS[0] },
    encoding: {
      x: { field: x, type: 'quantitative', title: x === 'trials' ? 'finished trials' : 'seconds since the study started' },
      y: { field: 'best', type: 'quantitative', title: yTitle, ...axisScale(spansDecades(Math.min(...bests), Math.max(...bests))) },
    },
  };
}

function frontPanel(a: string, b: string, points: readonly object[], frontPoints: readonly object[], logA: boolean): object {
  const axis = (name: string) => ({ field: name, type: 'quantitative' as const, title: name, ...axisScale(name === a && logA) });
  return {
    ...PANEL,
    title: `${a} vs ${b}: ${frontPoints.length} on the front`,
    layer: [
      { data: { values: points }, mark: { type: 'point', opacity: 0.35, color: '#999999' }, encoding: { x: axis(b), y: axis(a) } },
      { data: { values: frontPoints }, mark: { type: 'line', point: { color: SERIES_COLORS[1], size: 50 }, color: SERIES_COLORS[1], interpolate: 'step-after' }, encoding: { x: axis(b), y: axis(a) } },
    ],
  };
}

/** An objective's value from its loss (the inverse of `lossOf`). */
function valueOf(objective: Objective, loss: number): number {
  return objective.goal === 'max' ? -loss : loss;
}

/** The first trial at each end of both axes, so a sampled scatter still spans the whole range. */
class Extremes {
  lowA = Infinity;
  highA = -Infinity;
  private readonly ends: (ScatterPoint | undefined)[] = [undefined, undefined, undefined, undefined];

  add(p: ScatterPoint): void {
    const [lowA, highA, lowB, highB] = this.ends;
    if (lowA === undefined || p.a < lowA.a) this.ends[0] = p;
    if (highA === undefined || p.a > highA.a) this.ends[1] = p;
    if (lowB === undefined || p.b < lowB.b) this.ends[2] = p;
    if (highB === undefined || p.b > highB.b) this.ends[3] = p;
    this.lowA = Math.min(this.lowA, p.a);
    this.highA = Math.max(this.highA, p.a);
  }

  points(): ScatterPoint[] {
    return this.ends.filter((p): p is ScatterPoint => p !== undefined);
  }
}
