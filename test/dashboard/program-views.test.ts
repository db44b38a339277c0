import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dagSvg } from '../../src/dashboard/dag-svg.ts';
import { nb101Dag, nb201Dag, programView } from '../../src/dashboard/program-views.ts';
import { nasBench201Space } from '../../src/tasks/nas/nb201/space.ts';
import { Rng } from '../../src/core/rng.ts';

const graph = { inputs: 1, vertices: [{ op: 'sin', args: [0] }, { const: 2 }, { op: 'mul', args: [1, 2] }], outputs: [3] };

describe('program views', () => {
  it('shows a graph program as LaTeX over its input names and as a DAG ending in its output', () => {
    const view = programView(graph, { id: 'graph', config: { inputs: 1, ops: ['mul', 'sin'], names: ['t_0'] } });
    assert.match(view.latex![0]!, /\\sin.*\\mathrm\{t\\_0\}/);
    assert.deepEqual(view.dag!.nodes.map((n) => n.label), ['t_0', 'sin', '2', 'mul', 'output']);
    assert.deepEqual(view.dag!.edges, [[0, 1], [1, 3], [2, 3], [3, 4]]);
  });

  it('draws a NAS-Bench-101 cell from its adjacency matrix', () => {
    const dag = nb101Dag({ matrix: [[0, 1, 1], [0, 0, 1], [0, 0, 0]], ops: ['input', 'conv3x3-bn-relu', 'output'] });
    assert.deepEqual(dag.edges, [[0, 1], [0, 2], [1, 2]]);
    assert.deepEqual(dag.nodes.map((n) => n.kind), ['input', 'op', 'output']);
  });

  it('draws a NAS-Bench-201 cell with each op on its edge, leaving out the edges whose op is none', () => {
    // |nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|
    const dag = nb201Dag([3, 0, 1, 4, 0, 2]);
    const label = (i: number) => dag.nodes[i]!.label;
    assert.deepEqual(dag.edges.map(([a, b]) => `${label(a)} -> ${label(b)}`).sort(), [
      'avg_pool_3x3 -> node 3 (output)',
      'node 0 (input) -> avg_pool_3x3',
      'node 0 (input) -> nor_conv_3x3',
      'node 1 -> skip_connect',
      'node 2 -> nor_conv_1x1',
      'nor_conv_1x1 -> node 3 (output)',
      'nor_conv_3x3 -> node 1',
      'skip_connect -> node 2',
    ]);
    assert.ok(dag.edges.every(([a, b]) => a < b), 'nodes in topological order');
    const space = nasBench201Space();
    const stored = programView(space.toJSON(space.random(new Rng(3))), { id: 'nas-bench-201', config: {} });
    assert.ok(stored.dag !== undefined && stored.dag.nodes.length >= 4);
  });

  it('gives no view for a space without one, or for a genotype its space does not read', () => {
    assert.deepEqual(programView([1, 2], { id: 'dna-template', config: null }), {});
    assert.deepEqual(programView({ bogus: true }, { id: 'graph', config: { inputs: 1, ops: ['sin'] } }), {});
    assert.deepEqual(programView(graph, undefined), {});
  });

  it('escapes labels in the SVG it draws', () => {
    const svg = dagSvg({ nodes: [{ label: '<script>', kind: 'input' }, { label: 'a&b', kind: 'output' }], edges: [[0, 1]] });
    assert.ok(!svg.includes('<script>'));
    assert.match(svg, /&#60;script&#62;/);
    assert.match(svg, /a&#38;b/);
  });
});
