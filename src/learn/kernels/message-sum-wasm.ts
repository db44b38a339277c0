/**
 * GIN's aggregation over typed edges, z = a·h + Σₜ Sₜ·Wₜ with Sₜ the sums of h's rows along
 * type t's edges into each node, forward and backward, each as one pass through the kernel
 * memory. Only the (node, type) slots that some edge reaches get a row of S: in a batch of
 * programs about half of them are empty (inputs have no arguments, unary ops no second one,
 * and a node's users share its backward slots), so each type's product runs over its
 * non-empty rows only and its result is added into z at their nodes. S and its gradient live
 * only in the kernel memory, and the backward pass recomputes S (one gather) rather than
 * keeping it.
 */
import type { GradientTarget } from './matmul.ts';
import { matmulInMemory } from './matmul-wasm.ts';
import { rowKernels } from './rows-wasm.ts';

/** The layer's operands: h [nodes, width], W [types, width, width], and its edges as rows of h into slots. */
export interface MessageSumOperands {
  readonly h: Float32Array;
  /** The weight of h's own row. */
  readonly scale: number;
  readonly weight: Float32Array;
  /** Edge e adds row sources[e] of h into slot slots[e] = target·types + type. */
  readonly sources: Int32Array;
  readonly slots: Int32Array;
  readonly nodes: number;
  readonly types: number;
  /** Row width, a multiple of 4. */
  readonly width: number;
  /** `compactSlots(slots, nodes, types)`, computed once for both passes. */
  readonly compact: CompactSlots;
}

/** The non-empty slots as rows of S, type after type, each type's in node order. */
export interface CompactSlots {
  /** S's row of each edge's slot. */
  readonly rowOfEdge: Int32Array;
  /** The node of each row. */
  readonly nodeOfRow: Int32Array;
  /** Type t's rows are typeStart[t] .. typeStart[t + 1] − 1. */
  readonly typeStart: Int32Array;
}

/** Numbers the slots that some edge reaches (slot = node·types + type) as rows of S. */
export function compactSlots(slots: Int32Array, nodes: number, types: number): CompactSlots {
  const rowOfSlot = new Int32Array(nodes * types);
  for (let e = 0; e < slots.length; e++) rowOfSlot[slots[e]!] = 1;
  const typeStart = new Int32Array(types + 1);
  const nodeOfRow = new Int32Array(Math.min(slots.length, nodes * types));
  let rows = 0;
  for (let t = 0; t < types; t++) {
    typeStart[t] = rows;
    for (let v = 0, slot = t; v < nodes; v++, slot += types) {
      if (rowOfSlot[slot] === 0) continue;
      rowOfSlot[slot] = rows;
      nodeOfRow[rows++] = v;
    }
  }
  typeStart[types] = rows;
  const rowOfEdge = new Int32Array(slots.length);
  for (let e = 0; e < slots.length; e++) rowOfEdge[e] = rowOfSlot[slots[e]!]!;
  return { rowOfEdge, nodeOfRow: nodeOfRow.subarray(0, rows), typeStart };
}

/** The regions both passes use. */
const SHARED = ['packed', 'h', 'sources', 'rowOfEdge', 'nodeOfRow', 'sums', 'weight'] as const;

/**
 * Lays out the shared regions and `extra` (name → bytes) in the kernel memory, copies h, W and
 * the edges in and computes S; returns every region's byte address.
 */
function layout<K extends string>(o: MessageSumOperands, extra: Record<K, number>) {
  const { compact } = o;
  const product = matmulInMemory();
  const rows = compact.nodeOfRow.length, edges = o.sources.length, { width } = o;
  let widest = 0;
  for (let t = 0; t < o.types; t++) widest = Math.max(widest, compact.typeStart[t + 1]! - compact.typeStart[t]!);
  const names = [...SHARED, ...Object.keys(extra)];
  const bytes = [
    Math.max(product.packedBytes(width, width), product.packedBytes(widest, width)), 4 * o.h.length, 4 * edges, 4 * edges, 4 * rows,
    4 * rows * width, 4 * o.weight.length, ...Object.values<number>(extra),
  ];
  const at = product.memory.regions(bytes);
  const address = Object.fromEntries(names.map((name, i) => [name, at[i]!])) as Record<(typeof SHARED)[number] | K, number>;
  const heap = product.memory.heap();
  const ints = new Int32Array(heap.buffer);
  heap.set(o.h, address.h >> 2);
  heap.set(o.weight, address.weight >> 2);
  ints.set(o.sources, address.sources >> 2);
  ints.set(compact.rowOfEdge, address.rowOfEdge >> 2);
  ints.set(compact.nodeOfRow, address.nodeOfRow >> 2);
  // S: each edge's source row added into its slot's row.
  heap.fill(0, address.sums >> 2, (address.sums >> 2) + rows * width);
  rowKernels().gatherAdd(address.h, address.sums, address.sources, address.rowOfEdge, edges, width);
  return { address, heap, product, rows };
}

/** Calls `each(t, firstRow, rowCount)` for every edge type. */
function forEachType(compact: CompactSlots, each: (t: number, first: number, count: number) => void): void {
  for (let t = 0; t + 1 < compact.typeStart.length; t++) each(t, compact.typeStart[t]!, compact.typeStart[t + 1]! - compact.typeStart[t]!);
}

/** z [nodes, width] = a·h + Σₜ Sₜ·Wₜ. */
export function messageSumForwardWasm(o: MessageSumOperands, z: Float32Array): void {
  const { width, compact } = o, size = o.nodes * width, block = 4 * width * width;
  const { address, heap, product, rows } = layout(o, { messages: 4 * compact.nodeOfRow.length * width, z: 4 * size });
  const kernels = rowKernels();
  forEachType(compact, (t, first, count) => {
    if (count > 0) product.product(address.sums + 4 * first * width, address.weight + t * block, address.messages + 4 * first * width, address.packed, count, width, width, false, false, false);
  });
  kernels.scale(address.h, address.z, size, o.scale);
  kernels.addRowsAt(address.messages, address.z, 0, address.nodeOfRow, rows, width);
  z.set(heap.subarray(address.z >> 2, (address.z >> 2) + size));
}

/** Where the backward pass puts each gradient; null where none is wanted. */
export interface MessageSumGradients {
  /** Receives Σ g·h (added to its one element). */
  readonly scale: Float32Array | null;
  readonly weight: GradientTarget<Float32Array> | null;
  readonly h: GradientTarget<Float32Array> | null;
}

/** The gradients of a·h + Σₜ Sₜ·Wₜ from g, the gradient of z. */
export function messageSumBackwardWasm(o: MessageSumOperands, g: Float32Array, into: MessageSumGradients): void {
  const { width, compact } = o, size = o.nodes * width, block = 4 * width * width;
  const rowsBytes = 4 * compact.nodeOfRow.length * width;
  const { address, heap, product, rows } = layout(o, { g: 4 * size, rowGradient: rowsBytes, weightGradient: 4 * o.weight.length, hGradient: 4 * size });
  const kernels = rowKernels();
  heap.set(g, address.g >> 2);
  if (into.scale !== null) into.scale[0]! += kernels.dot(address.g, address.h, size);
  // Each row's gradient is its node's row of g.
  heap.fill(0, address.rowGradient >> 2, (address.rowGradient >> 2) + rows * width);
  kernels.addRowsFrom(address.g, address.rowGradient, address.nodeOfRow, 0, rows, width);
  const rowAt = (base: number, row: number): number => base + 4 * row * width;
  if (into.weight !== null) {
    // dWₜ = Sₜᵀ·gₜ.
    const { accumulate } = into.weight;
    if (accumulate) heap.set(into.weight.into, address.weightGradient >> 2);
    else heap.fill(0, address.weightGradient >> 2, (address.weightGradient >> 2) + o.weight.length);
    forEachType(compact, (t, first, count) => {
      if (count > 0) product.product(rowAt(address.sums, first), rowAt(address.rowGradient, first), address.weightGradient + t * block, address.packed, width, count, width, true, false, true);
    });
    into.weight.into.set(heap.subarray(address.weightGradient >> 2, (address.weightGradient >> 2) + o.weight.length));
  }
  if (into.h !== null) {
    // dh = a·g, then dSₜ = gₜ·Wₜᵀ (written over S, no longer needed) scattered back along the edges.
    if (into.h.accumulate) {
      heap.set(into.h.into, address.hGradient >> 2);
      kernels.axpy(address.g, address.hGradient, size, o.scale);
    } else {
      kernels.scale(address.g, address.hGradient, size, o.scale);
    }
    forEachType(compact, (t, first, count) => {
      if (count > 0) product.product(rowAt(address.rowGradient, first), address.weight + t * block, rowAt(address.sums, first), address.packed, count, width, width, false, true, false);
    });
    kernels.gatherAdd(address.sums, address.hGradient, address.rowOfEdge, address.sources, o.sources.length, width);
    into.h.into.set(heap.subarray(address.hGradient >> 2, (address.hGradient >> 2) + size));
  }
}
