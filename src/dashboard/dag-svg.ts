/** A node of a drawn DAG: its label and the kind that picks its colour. */
export interface DagNode {
  readonly label: string;
  readonly kind: 'input' | 'op' | 'const' | 'node' | 'output';
}

/** A DAG to draw: nodes, and edges [from, to] between their indices, each from a smaller index. */
export interface Dag {
  readonly nodes: readonly DagNode[];
  readonly edges: readonly (readonly [number, number])[];
}

const FILL: Record<DagNode['kind'], string> = { input: '#dbeafe', op: '#f3f4f6', const: '#fef3c7', node: '#ede9fe', output: '#dcfce7' };
const COLUMN = 130;
const ROW = 46;
const BOX = { width: 104, height: 28 };

/**
 * Draws a DAG as SVG text, left to right: each node in the column of its longest path from a
 * source, edges as curves. Self-contained (no script, no external style), so the same text
 * is shown in the page and saved by its export button.
 */
export function dagSvg(dag: Dag): string {
  const depth = new Array<number>(dag.nodes.length).fill(0);
  for (const [from, to] of [...dag.edges].sort((a, b) => a[1] - b[1])) depth[to] = Math.max(depth[to]!, depth[from]! + 1);
  const rows = new Map<number, number>();
  const place = dag.nodes.map((_, i) => {
    const row = rows.get(depth[i]!) ?? 0;
    rows.set(depth[i]!, row + 1);
    return { x: 12 + depth[i]! * COLUMN, y: 12 + row * ROW };
  });
  const width = 24 + (Math.max(0, ...depth) * COLUMN + BOX.width);
  const height = 24 + (Math.max(1, ...rows.values()) - 1) * ROW + BOX.height;
  const edges = dag.edges.map(([from, to]) => {
    const a = { x: place[from]!.x + BOX.width, y: place[from]!.y + BOX.height / 2 };
    const b = { x: place[to]!.x, y: place[to]!.y + BOX.height / 2 };
    const bend = (b.x - a.x) / 2;
    return `<path d="M${a.x},${a.y} C${a.x + bend},${a.y} ${b.x - bend},${b.y} ${b.x},${b.y}" fill="none" stroke="#6b7280" stroke-width="1.2" marker-end="url(#arrow)"/>`;
  });
  const nodes = dag.nodes.map((node, i) => {
    const { x, y } = place[i]!;
    const label = node.label.length > 14 ? `${node.label.slice(0, 13)}…` : node.label;
    return (
      `<g class="dag-node"><title>${escapeXml(node.label)}</title>` +
      `<rect x="${x}" y="${y}" width="${BOX.width}" height="${BOX.height}" rx="6" fill="${FILL[node.kind]}" stroke="#374151"/>` +
      `<text x="${x + BOX.width / 2}" y="${y + BOX.height / 2 + 4}" text-anchor="middle" font-family="sans-serif" font-size="12">${escapeXml(label)}</text></g>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7280"/></marker></defs>',
    '<rect width="100%" height="100%" fill="white"/>',
    ...edges,
    ...nodes,
    '</svg>',
  ].join('\n');
}

/** Text safe inside an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
