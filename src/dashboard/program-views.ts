import { Registry } from '../core/registry.ts';
import type { Json } from '../core/types.ts';
import { isConst, type Graph } from '../spaces/graph/graph.ts';
import { toLatex } from '../spaces/graph/print.ts';
import { graphSpaceFromConfig } from '../spaces/graph/register.ts';
import type { Nb101Spec } from '../tasks/nas/nb101/spec.ts';
import { NB201_OPS } from '../tasks/nas/nb201/cell.ts';
import { nasBench201Space, nb201CellOfDna } from '../tasks/nas/nb201/space.ts';
import type { Dag, DagNode } from './dag-svg.ts';

/** What a program page draws beside the program's text: its math, its graph, or both. */
export interface ProgramView {
  /** LaTeX, one per output, typeset by KaTeX in the page. */
  readonly latex?: readonly string[];
  readonly dag?: Dag;
}

/** Builds the view of a stored genotype from its space's config; throws on a genotype it cannot read. */
export type ProgramViewBuilder = (genotype: Json, spaceConfig: Json) => ProgramView;

/**
 * Views by space id. A space without one is shown as its printed text alone (the program
 * printers of `report/` give that text for every space).
 */
export const programViews = new Registry<ProgramViewBuilder>('program view');

/** The view of a genotype, or an empty one when its space has none or the genotype does not read. */
export function programView(genotype: Json, space: { readonly id: string; readonly config: Json } | undefined): ProgramView {
  if (space === undefined || !programViews.has(space.id)) return {};
  try {
    return programViews.get(space.id)(genotype, space.config);
  } catch {
    // A genotype its space's view cannot read is still shown as text.
    return {};
  }
}

/** A typed DAG program as drawn: inputs, op and constant vertices, one node per output. */
export function graphDag(g: Graph, names?: readonly string[]): Dag {
  const nodes: DagNode[] = [];
  const edges: [number, number][] = [];
  for (let i = 0; i < g.inputs; i++) nodes.push({ label: names?.[i] ?? `x${i}`, kind: 'input' });
  for (const v of g.vertices) {
    const id = nodes.length;
    if (isConst(v)) {
      nodes.push({ label: String(Number(v.const.toPrecision(4))), kind: 'const' });
      continue;
    }
    nodes.push({ label: v.op, kind: 'op' });
    for (const a of new Set(v.args)) edges.push([a, id]);
  }
  g.outputs.forEach((from, k) => {
    edges.push([from, nodes.length]);
    nodes.push({ label: g.outputs.length === 1 ? 'output' : `output ${k}`, kind: 'output' });
  });
  return { nodes, edges };
}

/** A NAS-Bench-101 cell: its vertices with their ops, its adjacency matrix as edges. */
export function nb101Dag(spec: Nb101Spec): Dag {
  const last = spec.ops.length - 1;
  const nodes = spec.ops.map((op, i): DagNode => ({ label: op, kind: i === 0 ? 'input' : i === last ? 'output' : 'op' }));
  const edges: [number, number][] = [];
  spec.matrix.forEach((row, i) => row.forEach((bit, j) => void (bit === 1 && j > i ? edges.push([i, j]) : undefined)));
  return { nodes, edges };
}

/** Edge e of a NAS-Bench-201 cell runs from node EDGE_FROM[e] to node EDGE_TO[e]. */
const NB201_EDGE_FROM = [0, 0, 1, 0, 1, 2];
const NB201_EDGE_TO = [1, 2, 2, 3, 3, 3];

/**
 * A NAS-Bench-201 cell: its four nodes, and each edge's op drawn as a node on the edge (an
 * edge whose op is 'none' is left out, as it carries nothing). Nodes go in topological order.
 */
export function nb201Dag(ops: readonly number[]): Dag {
  const nodes: DagNode[] = [{ label: 'node 0 (input)', kind: 'input' }];
  const edges: [number, number][] = [];
  const at = [0];
  for (let target = 1; target <= 3; target++) {
    const incoming: number[] = [];
    ops.forEach((op, e) => {
      if (NB201_EDGE_TO[e] !== target || NB201_OPS[op] === 'none') return;
      incoming.push(nodes.length);
      edges.push([at[NB201_EDGE_FROM[e]!]!, nodes.length]);
      nodes.push({ label: NB201_OPS[op]!, kind: 'op' });
    });
    at[target] = nodes.length;
    for (const from of incoming) edges.push([from, nodes.length]);
    nodes.push({ label: target === 3 ? 'node 3 (output)' : `node ${target}`, kind: target === 3 ? 'output' : 'node' });
  }
  return { nodes, edges };
}

const graphView: ProgramViewBuilder = (genotype, config) => {
  const space = graphSpaceFromConfig(config);
  const g = space.fromJSON(genotype);
  const names = (config as { names?: readonly string[] }).names;
  const latexNames = names?.map((n) => `\\mathrm{${n.replace(/[\\{}_^$&#%~]/g, (c) => `\\${c}`)}}`);
  return { latex: toLatex(g, { ops: space.ops, ...(latexNames === undefined ? {} : { names: latexNames }) }), dag: graphDag(g, names) };
};

/** A graph-shaped genotype drawn as it is stored, for spaces over graphs whose ops the page need not know. */
const storedGraphView: ProgramViewBuilder = (genotype) => {
  const g = genotype as unknown as Graph;
  if (!(Number.isInteger(g.inputs) && Array.isArray(g.vertices) && Array.isArray(g.outputs))) throw new TypeError('not a graph');
  return { dag: graphDag(g) };
};

if (!programViews.has('graph')) programViews.register('graph', graphView, 'typed DAG programs: LaTeX and the DAG');
if (!programViews.has('function-approx-graph')) programViews.register('function-approx-graph', storedGraphView, 'approximation programs as a DAG');
if (!programViews.has('rl-loss-graph')) programViews.register('rl-loss-graph', storedGraphView, 'loss graphs (actor and critic outputs) as a DAG');
if (!programViews.has('nas-bench-201')) programViews.register('nas-bench-201', (genotype) => ({ dag: nb201Dag(nb201CellOfDna(nasBench201Space().fromJSON(genotype))) }), 'NAS-Bench-201 cells as a DAG, ops on the edges');
if (!programViews.has('nas-bench-101')) programViews.register('nas-bench-101', (genotype) => ({ dag: nb101Dag(genotype as unknown as Nb101Spec) }), 'NAS-Bench-101 cells as a DAG');
