import type { CurvePoint } from './harness.ts';

/** One chart: a title and one curve (mean with a 95% band) per algorithm. */
export interface RegretPanel {
  readonly title: string;
  readonly curves: { readonly [name: string]: readonly CurvePoint[] };
  /** Label of the horizontal axis (`queries`, `simulated seconds`). */
  readonly xLabel: string;
  /** Plot the horizontal axis on a log scale. */
  readonly logX?: boolean;
}

const WIDTH = 420;
const HEIGHT = 300;
const MARGIN = { left: 56, right: 12, top: 28, bottom: 42 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

/**
 * Regret curves as a standalone SVG, panels side by side: each algorithm's mean regret as a
 * line over a shaded 95% band, on a log regret axis.
 */
export function regretPlotSvg(panels: readonly RegretPanel[], yLabel = 'test regret'): string {
  const body = panels.map((panel, i) => `<g transform="translate(${i * WIDTH},0)">${panelSvg(panel, yLabel)}</g>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${panels.length * WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="11">${body}</svg>\n`;
}

function panelSvg(panel: RegretPanel, yLabel: string): string {
  const points = Object.values(panel.curves).flat();
  const positive = points.flatMap((p) => [p.mean, p.ci95[0], p.ci95[1]]).filter((v) => v > 0);
  // A log axis needs positive values; regret 0 (the optimum found) sits on the floor.
  const yMax = positive.length > 0 ? Math.max(...positive) : 1;
  const yMin = positive.length > 0 ? Math.max(Math.min(...positive), yMax * 1e-4) : yMax * 1e-4;
  const xs = points.map((p) => p.at);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const fx = (x: number): number => {
    const t = panel.logX ? Math.log(x / xMin) / Math.log(xMax / xMin || 2) : (x - xMin) / (xMax - xMin || 1);
    return MARGIN.left + t * (WIDTH - MARGIN.left - MARGIN.right);
  };
  const fy = (y: number): number => {
    const t = Math.log(Math.max(y, yMin) / yMin) / Math.log(yMax / yMin || 2);
    return HEIGHT - MARGIN.bottom - t * (HEIGHT - MARGIN.top - MARGIN.bottom);
  };
  const parts: string[] = [];
  Object.entries(panel.curves).forEach(([name, curve], k) => {
    const color = COLORS[k % COLORS.length]!;
    const upper = curve.map((p) => `${fx(p.at).toFixed(1)},${fy(p.ci95[1]).toFixed(1)}`);
    const lower = curve.map((p) => `${fx(p.at).toFixed(1)},${fy(p.ci95[0]).toFixed(1)}`).reverse();
    parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.15" stroke="none"/>`);
    parts.push(`<polyline points="${curve.map((p) => `${fx(p.at).toFixed(1)},${fy(p.mean).toFixed(1)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
    parts.push(`<text x="${WIDTH - MARGIN.right - 4}" y="${MARGIN.top + 14 * (k + 1)}" text-anchor="end" fill="${color}">${escapeXml(name)}</text>`);
  });
  const left = MARGIN.left;
  const bottom = HEIGHT - MARGIN.bottom;
  const axes = [
    `<line x1="${left}" y1="${MARGIN.top}" x2="${left}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${bottom}" x2="${WIDTH - MARGIN.right}" y2="${bottom}" stroke="#333"/>`,
    `<text x="${left}" y="${bottom + 14}" text-anchor="middle">${formatTick(xMin)}</text>`,
    `<text x="${WIDTH - MARGIN.right}" y="${bottom + 14}" text-anchor="middle">${formatTick(xMax)}</text>`,
    `<text x="${(left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 8}" text-anchor="middle">${escapeXml(panel.xLabel)}</text>`,
    `<text x="${left - 4}" y="${fy(yMax) + 4}" text-anchor="end">${formatTick(yMax)}</text>`,
    `<text x="${left - 4}" y="${fy(yMin) + 4}" text-anchor="end">${formatTick(yMin)}</text>`,
    `<text transform="translate(14,${(MARGIN.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)} (log)</text>`,
    `<text x="${(left + WIDTH - MARGIN.right) / 2}" y="16" text-anchor="middle" font-weight="bold">${escapeXml(panel.title)}</text>`,
  ];
  return axes.join('') + parts.join('');
}

function formatTick(x: number): string {
  return Math.abs(x) >= 1000 || (Math.abs(x) < 0.01 && x !== 0) ? x.toExponential(1) : String(Math.round(x * 1000) / 1000);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
