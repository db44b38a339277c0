import { isConst, type Graph, type Vertex } from './graph.ts';

/**
 * Puts vertices in an order where each reads only earlier ids, keeps only those some output
 * depends on, and renumbers. Vertices may refer to later ids on entry (a mutation appends a
 * new vertex and points an earlier one at it); the original order is kept wherever it is
 * already valid. Throws on a cycle, which only a faulty mutation could make.
 */
export function normalizeGraph(inputs: number, vertices: readonly Vertex[], outputs: readonly number[]): Graph {
  const total = inputs + vertices.length;
  const live = new Uint8Array(total);
  const stack = [...outputs];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (live[id] === 1) continue;
    live[id] = 1;
    const v = vertices[id - inputs];
    if (v !== undefined && !isConst(v)) for (const arg of v.args) if (live[arg] === 0) stack.push(arg);
  }
  const newId = new Int32Array(total).fill(-1);
  for (let i = 0; i < inputs; i++) newId[i] = i;
  if (inTopologicalOrder(inputs, vertices)) return keepLive(inputs, vertices, outputs, live, newId);
  const ordered: Vertex[] = [];
  const visiting = new Uint8Array(total);
  const place = (id: number): void => {
    if (newId[id] !== -1) return;
    if (visiting[id] === 1) throw new Error(`graph draft has a cycle through id ${id}`);
    visiting[id] = 1;
    const v = vertices[id - inputs]!;
    if (!isConst(v)) for (const arg of v.args) place(arg);
    newId[id] = inputs + ordered.length;
    ordered.push(isConst(v) ? v : { op: v.op, args: v.args.map((a) => newId[a]!) });
  };
  for (let id = inputs; id < total; id++) if (live[id] === 1) place(id);
  return { inputs, vertices: ordered, outputs: outputs.map((id) => newId[id]!) };
}

function inTopologicalOrder(inputs: number, vertices: readonly Vertex[]): boolean {
  for (let k = 0; k < vertices.length; k++) {
    const v = vertices[k]!;
    if (!isConst(v)) for (const a of v.args) if (a >= inputs + k) return false;
  }
  return true;
}

/** The common case of `normalizeGraph` (order already valid): drop dead ids in one pass, sharing unchanged vertices. */
function keepLive(inputs: number, vertices: readonly Vertex[], outputs: readonly number[], live: Uint8Array, newId: Int32Array): Graph {
  const kept: Vertex[] = [];
  for (let k = 0; k < vertices.length; k++) {
    if (live[inputs + k] === 0) continue;
    const v = vertices[k]!;
    newId[inputs + k] = inputs + kept.length;
    if (isConst(v)) {
      kept.push(v);
      continue;
    }
    let moved = false;
    for (const a of v.args) if (newId[a] !== a) moved = true;
    kept.push(moved ? { op: v.op, args: v.args.map((a) => newId[a]!) } : v);
  }
  return { inputs, vertices: kept, outputs: outputs.map((id) => newId[id]!) };
}

/**
 * Removes the vertices no output depends on and renumbers the rest, keeping their order.
 * Returns `g` itself when nothing is dead.
 */
export function prune(g: Graph): Graph {
  const result = normalizeGraph(g.inputs, g.vertices, g.outputs);
  return result.vertices.length === g.vertices.length ? g : result;
}

/**
 * A graph under edit, for mutations: vertices are replaced (never changed in place, since
 * they may be shared with the parent), new ones are appended, and `finish` restores order.
 */
export class GraphDraft {
  readonly inputs: number;
  readonly vertices: Vertex[];
  readonly outputs: number[];

  constructor(g: Graph) {
    this.inputs = g.inputs;
    this.vertices = g.vertices.slice();
    this.outputs = g.outputs.slice();
  }

  /** Appends a vertex and returns its id. */
  append(vertex: Vertex): number {
    this.vertices.push(vertex);
    return this.inputs + this.vertices.length - 1;
  }

  /** The vertex with id `id` (not an input). */
  vertex(id: number): Vertex {
    return this.vertices[id - this.inputs]!;
  }

  /** Puts `vertex` in place of the vertex with id `id`. */
  replace(id: number, vertex: Vertex): void {
    this.vertices[id - this.inputs] = vertex;
  }

  /** Points every use of `from` (arguments and outputs) at `to`. */
  redirect(from: number, to: number): void {
    for (let k = 0; k < this.vertices.length; k++) {
      const v = this.vertices[k]!;
      if (!isConst(v) && v.args.includes(from)) this.vertices[k] = { op: v.op, args: v.args.map((a) => (a === from ? to : a)) };
    }
    for (let k = 0; k < this.outputs.length; k++) if (this.outputs[k] === from) this.outputs[k] = to;
  }

  /** The edited graph, ordered, pruned and renumbered. */
  finish(): Graph {
    return normalizeGraph(this.inputs, this.vertices, this.outputs);
  }
}
