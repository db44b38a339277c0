import type { TopLevelSpec } from 'vega-lite';
import type { MeanInterval } from '../core/statistics.ts';
import { evenSample } from './downsample.ts';
import { axisScale, figure, PANEL, renderSvg, SERIES_COLORS } from './render.ts';

/** A mean and its 95% interval at one point of a curve (after `at` queries, steps or seconds). */
export interface CurvePoint extends MeanInterval {
  readonly at: number;
}

/** One chart: a title and one curve (mean with a 95% band) per series (algorithm, optimizer). */
export interface CurvePanel {
  readonly title: string;
  readonly curves: { readonly [name: string]: readonly CurvePoint[] };
  /** Label of the horizontal axis (`queries`, `simulated seconds`, `steps`). */
  readonly xLabel: string;
  /** Plot the horizontal axis on a log scale. */
  readonly logX?: boolean;
}

/**
 * Curves as a vega-lite spec, panels side by side: each series' mean as a line over a shaded
 * 95% band, on a log value axis (regret, loss). A value of 0 (a regret once the optimum is
 * found) cannot sit on a log axis; it is drawn on the floor, 10⁻⁴ of the largest value or the
 * smallest positive one, whichever is higher.
 */
export function curvePlotSpec(panels: readonly CurvePanel[], yLabel: string): TopLevelSpec {
  return figure('', panels.map((panel) => curvePanel(panel, yLabel)));
}

/** The curves drawn as SVG text. */
export async function curvePlotSvg(panels: readonly CurvePanel[], yLabel: string): Promise<string> {
  return renderSvg(curvePlotSpec(panels, yLabel));
}

function curvePanel(panel: CurvePanel, yLabel: string): object {
  const names = Object.keys(panel.curves);
  const all = Object.values(panel.curves).flat();
  const positive = all.flatMap((p) => [p.mean, p.ci95[0], p.ci95[1]]).filter((v) => v > 0);
  const highest = positive.reduce((a, b) => Math.max(a, b), 0) || 1;
  const floor = Math.max(positive.reduce((a, b) => Math.min(a, b), Infinity), highest * 1e-4);
  const rows = names.flatMap((series) => {
    const sample = evenSample<CurvePoint>();
    for (const p of panel.curves[series]!) sample.add(p);
    return sample.items().map((p) => ({ series, at: p.at, mean: Math.max(p.mean, floor), low: Math.max(p.ci95[0], floor), high: Math.max(p.ci95[1], floor) }));
  });
  const x = { field: 'at', type: 'quantitative' as const, title: panel.xLabel, ...(panel.logX === true ? { scale: { type: 'log' as const } } : {}) };
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: names, range: SERIES_COLORS.slice(0, names.length) } };
  const y = { type: 'quantitative' as const, title: `${yLabel} (log)`, ...axisScale(true) };
  return {
    ...PANEL,
    title: panel.title,
    data: { values: rows },
    layer: [
      { mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } },
      { mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'mean' }, color } },
    ],
  };
}
