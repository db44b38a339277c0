import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { UsageError } from '../core/errors.ts';
import { paretoFront } from '../core/pareto.ts';
import type { TrialRecord } from '../core/plugs.ts';
import type { StoredStudy } from '../store/types.ts';
import { lossOf } from './study-report.ts';

/** Fonts tried in order for PNG text; resvg draws no text at all without one. */
const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
];
const FONT_FAMILY = 'DejaVu Sans';

/**
 * A vega-lite spec of a study's progress: best-so-far of the first objective against trials
 * and against time, and, with two or more objectives, all finished trials of the first two
 * with the Pareto front drawn over them.
 */
export function studyPlotSpec(study: StoredStudy, trials: readonly TrialRecord[]): TopLevelSpec {
  const done = trials.filter((t) => t.status === 'done' && t.values !== undefined).sort((a, b) => a.finishedSeq! - b.finishedSeq!);
  if (done.length === 0) throw new UsageError(`study '${study.name}' has no finished trials to plot yet`);
  const first = study.objectives[0]!;
  const sign = first.goal === 'max' ? -1 : 1;
  let best = Infinity;
  const progress = done.map((t, i) => {
    best = Math.min(best, sign * t.values![0]!);
    return { trials: i + 1, seconds: (t.finishedMs ?? 0) / 1000, best: sign * best };
  });
  const logScale = spansDecades(progress.map((p) => p.best));
  const yTitle = `best ${first.name} so far (${first.goal})`;
  const line = (x: 'trials' | 'seconds', title: string) => ({
    width: 360,
    height: 240,
    title: `${yTitle} vs ${x === 'trials' ? 'trials' : 'time'}`,
    data: { values: progress },
    mark: { type: 'line' as const, interpolate: 'step-after' as const, color: '#1f77b4' },
    encoding: {
      x: { field: x, type: 'quantitative' as const, title },
      y: { field: 'best', type: 'quantitative' as const, title: yTitle, ...yScale(logScale) },
    },
  });
  const panels: object[] = [line('trials', 'finished trials'), line('seconds', 'seconds since the study started')];
  if (study.objectives.length >= 2) {
    const [a, b] = [study.objectives[0]!, study.objectives[1]!];
    const losses = done.map((t) => lossOf(study.objectives, t.values!).slice(0, 2));
    const onFront = new Set(paretoFront(losses));
    const points = done.map((t, i) => ({ [a.name]: t.values![0]!, [b.name]: t.values![1]!, front: onFront.has(i) ? 'Pareto front' : 'trial' }));
    // Many trials reach the same point of the front; draw and count each point once.
    const distinct = new Map(points.filter((p) => p.front === 'Pareto front').map((p) => [`${p[a.name]},${p[b.name]}`, p]));
    const frontPoints = [...distinct.values()].sort((p, q) => (p[b.name] as number) - (q[b.name] as number));
    const logA = spansDecades(points.map((p) => p[a.name] as number));
    const axis = (name: string) => ({ field: name, type: 'quantitative' as const, title: name, ...yScale(name === a.name && logA) });
    panels.push({
      width: 360,
      height: 240,
      title: `${a.name} vs ${b.name}: ${frontPoints.length} on the front`,
      layer: [
        { data: { values: points }, mark: { type: 'point', opacity: 0.35, color: '#999999' }, encoding: { x: axis(b.name), y: axis(a.name) } },
        { data: { values: frontPoints }, mark: { type: 'line', point: { color: '#d62728', size: 50 }, color: '#d62728', interpolate: 'step-after' }, encoding: { x: axis(b.name), y: axis(a.name) } },
      ],
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `amoeba study ${study.name}: ${done.length} finished trials`, fontSize: 16 },
    config: { font: FONT_FAMILY, axis: { labelFontSize: 11, titleFontSize: 12 }, title: { fontSize: 13 } },
    hconcat: panels,
  } as TopLevelSpec;
}

/** Renders a vega-lite spec to SVG text. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Renders SVG text to PNG bytes with a system font, so that titles and labels show. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const fontFiles = FONT_FILES.filter((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}

/** True when every value is positive and they span more than two decades: then a log axis reads better. */
function spansDecades(values: readonly number[]): boolean {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return low > 0 && high / low > 100;
}

/** A log scale with exponent labels (1e-10, not 0.0000000001), or a linear one not forced through zero. */
function yScale(log: boolean) {
  return log ? { scale: { type: 'log' as const }, axis: { format: '.0e' } } : { scale: { zero: false } };
}
