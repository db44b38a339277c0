import { X_THRESHOLD, THETA_THRESHOLD_RADIANS, type CartPoleParams } from './cartpole.ts';
import { runEpisode, type EpisodeOptions, type EpisodeResult, type EpisodeSpec, type Policy } from './episode.ts';

/** One recorded step: the state after it, the force delivered, the pole's half length then. */
interface Frame {
  readonly step: number;
  readonly state: readonly number[];
  readonly force: number;
  readonly slope: number;
  readonly halfLength: number;
}

/** Options of `renderEpisodeSvg`. */
export interface RenderOptions {
  /** Snapshots drawn (default 12), evenly spaced over the episode, the last step included. */
  readonly frames?: number;
  /** Snapshots per row (default 4). */
  readonly columns?: number;
  readonly title?: string;
}

const PANEL_W = 220;
const PANEL_H = 150;
const PLOT_H = 170;
const PX_PER_M = PANEL_W / (2 * X_THRESHOLD + 0.6);

const fmt = (x: number): string => x.toFixed(1);

function panel(frame: Frame, x0: number, y0: number, events: string): string {
  const [x, , theta] = frame.state as [number, number, number, number];
  const cx = x0 + PANEL_W / 2;
  const cy = y0 + PANEL_H - 40;
  const rotate = (-frame.slope * 180) / Math.PI;
  const cartX = cx + x * PX_PER_M;
  const poleLength = 2 * frame.halfLength * PX_PER_M * 1.4;
  const tipX = cartX + poleLength * Math.sin(theta);
  const tipY = cy - 10 - poleLength * Math.cos(theta);
  const arrow = frame.force === 0 ? '' : `<line x1="${fmt(cartX)}" y1="${fmt(cy + 14)}" x2="${fmt(cartX + frame.force * 2)}" y2="${fmt(cy + 14)}" stroke="#d62728" stroke-width="2"/>`;
  const fell = Math.abs(x) > X_THRESHOLD || Math.abs(theta) > THETA_THRESHOLD_RADIANS;
  return [
    `<rect x="${x0 + 2}" y="${y0 + 2}" width="${PANEL_W - 4}" height="${PANEL_H - 4}" fill="${fell ? '#fdecea' : '#ffffff'}" stroke="#cccccc"/>`,
    `<g transform="rotate(${rotate.toFixed(2)} ${fmt(cx)} ${fmt(cy)})">`,
    `<line x1="${fmt(cx - X_THRESHOLD * PX_PER_M)}" y1="${fmt(cy + 6)}" x2="${fmt(cx + X_THRESHOLD * PX_PER_M)}" y2="${fmt(cy + 6)}" stroke="#444" stroke-width="2"/>`,
    `<rect x="${fmt(cartX - 14)}" y="${fmt(cy - 10)}" width="28" height="16" fill="#1f77b4"/>`,
    `<line x1="${fmt(cartX)}" y1="${fmt(cy - 10)}" x2="${fmt(tipX)}" y2="${fmt(tipY)}" stroke="#8c564b" stroke-width="4" stroke-linecap="round"/>`,
    arrow,
    `</g>`,
    `<text x="${x0 + 8}" y="${y0 + 18}" font-size="12" fill="#222">step ${frame.step + 1} (${((frame.step + 1) * 0.02).toFixed(2)} s)</text>`,
    events === '' ? '' : `<text x="${x0 + 8}" y="${y0 + 34}" font-size="11" fill="#d62728">${events}</text>`,
  ].join('');
}

function plot(frames: readonly Frame[], maxSteps: number, eventSteps: readonly number[], x0: number, y0: number, width: number): string {
  const sx = (step: number): number => x0 + 40 + ((width - 60) * step) / maxSteps;
  const line = (values: readonly number[], limit: number, color: string): string =>
    `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${values.map((v, i) => `${fmt(sx(frames[i]!.step))},${fmt(y0 + PLOT_H / 2 - (PLOT_H / 2 - 20) * (v / limit))}`).join(' ')}"/>`;
  return [
    `<rect x="${x0 + 40}" y="${y0 + 10}" width="${width - 60}" height="${PLOT_H - 20}" fill="#fafafa" stroke="#cccccc"/>`,
    `<line x1="${x0 + 40}" y1="${y0 + PLOT_H / 2}" x2="${x0 + width - 20}" y2="${y0 + PLOT_H / 2}" stroke="#bbbbbb"/>`,
    ...eventSteps.map((s) => `<line x1="${fmt(sx(s))}" y1="${y0 + 10}" x2="${fmt(sx(s))}" y2="${y0 + PLOT_H - 10}" stroke="#d62728" stroke-dasharray="4 3"/>`),
    line(frames.map((f) => f.state[0]!), X_THRESHOLD, '#1f77b4'),
    line(frames.map((f) => f.state[2]!), THETA_THRESHOLD_RADIANS, '#8c564b'),
    `<text x="${x0 + 44}" y="${y0 + PLOT_H + 6}" font-size="11" fill="#1f77b4">x / 2.4 m</text>`,
    `<text x="${x0 + 130}" y="${y0 + PLOT_H + 6}" font-size="11" fill="#8c564b">θ / 12°</text>`,
    `<text x="${x0 + 200}" y="${y0 + PLOT_H + 6}" font-size="11" fill="#d62728">dashed: events</text>`,
  ].join('');
}

/**
 * Runs one episode and draws it as SVG: a grid of snapshots (track tilted by the slope, the
 * cart, the pole at its length then, the delivered force as a red arrow, events so far named;
 * a pink panel once the episode has ended) above a plot of x and θ over the whole episode.
 */
export function renderEpisodeSvg(policy: Policy, spec: EpisodeSpec, options: EpisodeOptions, render: RenderOptions = {}): { svg: string; result: EpisodeResult } {
  const frames: Frame[] = [];
  const result = runEpisode(policy, spec, options, (step, state, force, params: Readonly<CartPoleParams>) => {
    frames.push({ step, state: [...state], force, slope: params.trackSlope, halfLength: params.halfLength });
  });
  const count = Math.max(1, Math.min(render.frames ?? 12, frames.length));
  const columns = Math.max(1, Math.min(render.columns ?? 4, count));
  const picked = Array.from({ length: count }, (_, i) => frames[Math.round(((frames.length - 1) * (i + 1)) / count)]!);
  const rows = Math.ceil(count / columns);
  const width = columns * PANEL_W;
  const top = 30;
  const height = top + rows * PANEL_H + PLOT_H + 20;
  const eventText = (step: number): string =>
    spec.cataclysms.filter((e) => e.at <= step).map((e) => `${e.kind} ${Number(e.value.toPrecision(3))}${e.kind.startsWith('sensor-') ? ` on ${['x', 'ẋ', 'θ', 'θ̇'][e.channel]}` : ''} @${e.at}`).join(', ');
  const body = picked.map((f, i) => panel(f, (i % columns) * PANEL_W, top + Math.floor(i / columns) * PANEL_H, eventText(f.step))).join('\n');
  const title = `${render.title ?? 'Cart-pole episode'}: return ${result.return}${result.survived ? ' (survived)' : ' (fell)'}`;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="20" font-size="15" fill="#000">${title}</text>`,
    body,
    plot(frames, options.maxSteps, spec.cataclysms.map((e) => e.at), 0, top + rows * PANEL_H, width),
    `</svg>`,
  ].join('\n');
  return { svg, result };
}
