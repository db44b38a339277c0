import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomSearch } from '../../../../src/algorithms/random-search.ts';
import type { Space } from '../../../../src/core/types.ts';
import { compareOnBenchmark, contender } from '../../../../src/tasks/nas/compare/harness.ts';
import { comparisonJson, comparisonTable } from '../../../../src/tasks/nas/compare/report.ts';
import { curvePlotSpec, curvePlotSvg } from '../../../../src/report/curve-plot.ts';
import type { TabularBenchmark } from '../../../../src/tasks/nas/compare/tabular-benchmark.ts';

const space: Space<number> = { random: (rng) => rng.int(50), mutate: (g) => g, key: String, toJSON: (g) => g, fromJSON: (j) => j as number };
const table: TabularBenchmark<number> = { name: 'toy', space, bestTest: 49, query: (g) => ({ key: String(g), validation: g, test: g, seconds: 2 }) };
const comparison = compareOnBenchmark({
  benchmark: 'toy',
  contenders: [contender('rs', table, () => randomSearch({ space })), contender('rs2', table, () => randomSearch({ space }))],
  seeds: 5,
  budget: 10,
});

test('writes results as { results: { name: { finalMeanRegret, ci95, curve } } } with paired differences', () => {
  const json = comparisonJson(comparison, true) as { results: Record<string, { finalMeanRegret: number; ci95: number[]; curve: number[]; timeCurve: unknown[] }>; differences: unknown[] };
  const rs = json.results['rs']!;
  assert.equal(rs.curve.length, 10);
  assert.equal(rs.finalMeanRegret, rs.curve[9]);
  assert.ok(rs.ci95[0]! <= rs.finalMeanRegret && rs.finalMeanRegret <= rs.ci95[1]!);
  assert.ok(rs.timeCurve.length > 0);
  assert.equal(json.differences.length, 2);
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json, 'plain JSON');
});

test('prints one line per algorithm and one per pair', () => {
  const lines = comparisonTable(comparison, 'points').trimEnd().split('\n');
  assert.match(lines[0]!, /^toy: test regret \(points\) after 10 queries, mean \[95% CI\] over 5 seeds$/);
  assert.match(lines[1]!, /^ {2}rs +\d/);
  assert.match(lines[3]!, /rs − rs2 .*\(paired by seed\)$/);
  assert.equal(lines.length, 4);
});

test('draws each algorithm\'s mean line and band in an SVG', async () => {
  const curves = Object.fromEntries(Object.entries(comparison.results).map(([name, s]) => [name, s.curve]));
  const spec = curvePlotSpec([{ title: 'toy <1>', xLabel: 'queries', curves }], 'test regret') as unknown as { hconcat: { layer: { mark: { type: string } }[]; data: { values: { series: string }[] } }[] };
  assert.deepEqual(spec.hconcat[0]!.layer.map((l) => l.mark.type), ['area', 'line']);
  assert.deepEqual([...new Set(spec.hconcat[0]!.data.values.map((r) => r.series))], ['rs', 'rs2']);
  const svg = await curvePlotSvg([{ title: 'toy <1>', xLabel: 'queries', curves }], 'test regret');
  assert.match(svg, /^<svg /);
  assert.ok(svg.includes('toy &lt;1&gt;'));
  assert.ok(svg.includes('rs2'));
  assert.ok(!svg.includes('NaN'));
});
