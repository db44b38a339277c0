import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
// The page's own chart specs (plain browser JavaScript, importable here too).
import { frontSpec, progressSpec } from '../../src/dashboard/assets/study-charts.js';

/** Renders a vega-lite spec to SVG text as the page does, headless. */
async function svgOf(spec: object): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as TopLevelSpec).spec), { renderer: 'none' });
  return view.toSVG();
}

const objectives = [
  { name: 'error', goal: 'min' },
  { name: 'ops', goal: 'min' },
  { name: 'latency', goal: 'min' },
];
const front = [
  { id: 3, values: [0.1, 9, 2] },
  { id: 7, values: [0.5, 4, 1] },
  { id: 9, values: [0.9, 2, 3] },
];

describe("the study page's charts", () => {
  it('draw the best-so-far as a step curve carried on to where the study stands', async () => {
    const spec = progressSpec([{ trials: 1, seconds: 0.1, best: 2 }, { trials: 5, seconds: 0.4, best: 1 }], objectives[0], 'trials', 40) as { data: { values: { x: number }[] } };
    assert.deepEqual(spec.data.values.map((p) => p.x), [1, 5, 40]);
    assert.match(await svgOf(spec), /<svg/);
  });

  it('draw a two-objective front as a scatter whose points link to their programs', async () => {
    const spec = frontSpec(front.map((p) => ({ ...p, values: p.values.slice(0, 2) })), objectives.slice(0, 2), (id: number) => `/program?id=${id}`);
    const svg = await svgOf(spec);
    assert.match(svg, /Pareto front \(3 trials/);
  });

  it('draw a front of three objectives as parallel coordinates', async () => {
    const svg = await svgOf(frontSpec(front, objectives, (id: number) => `/program?id=${id}`));
    for (const name of ['error', 'ops', 'latency']) assert.match(svg, new RegExp(`>${name}<`));
  });
});
