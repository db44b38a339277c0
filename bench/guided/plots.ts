/** The benchmark's figures: best fitness against evaluations per arm, and the discriminator's held-out pair accuracy against trials. */
import type { TopLevelSpec } from 'vega-lite';
import { figure, PANEL, renderSvg } from '../../src/report/render.ts';
import { meanInterval } from '../../src/core/statistics.ts';
import { curvePlotSvg, type CurvePanel, type CurvePoint } from '../../src/report/curve-plot.ts';
import type { Run } from './runs.ts';

function curve(runs: readonly Run[], points = 60): CurvePoint[] {
  const length = Math.min(...runs.map((r) => r.best.length));
  const step = Math.max(1, Math.floor(length / points));
  const out: CurvePoint[] = [];
  for (let i = step - 1; i < length; i += step) out.push({ at: i + 1, ...meanInterval(runs.map((r) => r.best[i]!)) });
  return out;
}

/** Mean best fitness so far (95% band over seeds) against evaluations, plain and guided, one panel per task. */
export function fitnessPlot(tasks: readonly { readonly title: string; readonly plain: readonly Run[]; readonly guided: readonly Run[] }[], yLabel: string): Promise<string> {
  const panels: CurvePanel[] = tasks.map((t) => ({ title: t.title, xLabel: 'evaluations', curves: { 'regularized evolution': curve(t.plain), guided: curve(t.guided) } }));
  return curvePlotSvg(panels, yLabel);
}

/** The mean held-out pair accuracy over seeds at each retraining, one line per task. */
export function accuracyPlot(tasks: readonly { readonly title: string; readonly guided: readonly Run[] }[]): Promise<string> {
  const rows = tasks.flatMap((t) => {
    const byTrials = new Map<number, number[]>();
    for (const r of t.guided) for (const [trials, accuracy] of r.diagnostics?.['held-out pair accuracy by trials'] ?? []) byTrials.set(trials, [...(byTrials.get(trials) ?? []), accuracy]);
    return [...byTrials].sort((a, b) => a[0] - b[0]).map(([trials, values]) => ({ task: t.title, trials, accuracy: meanInterval(values).mean }));
  });
  const panel = {
    title: 'discriminator: held-out pair accuracy',
    width: PANEL.width,
    height: PANEL.height,
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'trials', type: 'quantitative', title: 'trials (accuracy on those since the last retraining)' },
      y: { field: 'accuracy', type: 'quantitative', title: 'mean held-out pair accuracy', scale: { domain: [0.4, 1] } },
      color: { field: 'task', type: 'nominal' },
    },
  };
  return renderSvg(figure('', [panel]) as TopLevelSpec);
}
