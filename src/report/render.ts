import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * The one place plots are drawn: every chart the project makes is a vega-lite spec built
 * with these pieces and rendered here, to SVG and from that to PNG.
 */

/** Fonts tried in order for PNG text; resvg draws no text at all without one. */
const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
];
const FONT_FAMILY = 'DejaVu Sans';

/** Width and height of one panel, in pixels. */
export const PANEL = { width: 360, height: 240 } as const;

/** Colours of successive series (the first is the default line colour). */
export const SERIES_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'] as const;

/** A figure of panels side by side, under one title, in the project's font and sizes. */
export function figure(title: string, panels: readonly object[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, fontSize: 16 },
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

/** Renders a spec as the image a file name asks for: SVG text for `svg`, PNG bytes for `png`. */
export async function renderImage(spec: TopLevelSpec, format: 'svg' | 'png'): Promise<string | Buffer> {
  const svg = await renderSvg(spec);
  return format === 'svg' ? svg : svgToPng(svg);
}

/** True when the range is positive and spans more than two decades: then a log axis reads better. */
export function spansDecades(low: number, high: number): boolean {
  return low > 0 && high / low > 100;
}

/** A log scale with exponent labels (1e-10, not 0.0000000001), or a linear one not forced through zero. */
export function axisScale(log: boolean) {
  return log ? { scale: { type: 'log' as const }, axis: { format: '.0e' } } : { scale: { zero: false } };
}
