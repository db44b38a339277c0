/**
 * GIN's aggregation over typed edges, z = a·h + S·W with S the per-(node, type) neighbour sums
 * laid side by side, forward and backward, each as one pass through the kernel memory. The
 * sums S ([nodes, types·width], the largest array of a layer) and their gradient live only in
 * the kernel memory: the gathers, the product and the scatter read them where the previous
 * kernel wrote them, and the backward pass recomputes S (one gather) rather than keeping it.
 */
import { matmulInMemory } from './matmul-wasm.ts';
import { rowKernels } from './rows-wasm.ts';
import type { GradientTarget } from './dense-wasm.ts';

/** The layer's operands: h [nodes, width], W [types·width, width], and its edges as rows of h into rows of S. */
export interface MessageSumOperands {
  readonly h: Float32Array;
  /** The weight of h's own row. */
  readonly scale: number;
  readonly weight: Float32Array;
  /** Edge e adds row sources[e] of h into row slots[e] (= target·types + type) of S viewed as [nodes·types, width]. */
  readonly sources: Int32Array;
  readonly slots: Int32Array;
  readonly nodes: number;
  readonly types: number;
  /** Row width, a multiple of 4. */
  readonly width: number;
}

/** Copies the edge lists in and computes S into `sumsAt`. */
function neighbourSums(o: MessageSumOperands, heap: Float32Array, hAt: number, sourcesAt: number, slotsAt: number, sumsAt: number): void {
  const ints = new Int32Array(heap.buffer);
  ints.set(o.sources, sourcesAt >> 2);
  ints.set(o.slots, slotsAt >> 2);
  heap.fill(0, sumsAt >> 2, (sumsAt >> 2) + o.nodes * o.types * o.width);
  rowKernels().gatherAdd(hAt, sumsAt, sourcesAt, slotsAt, o.sources.length, o.width);
}

/** z [nodes, width] = a·h + S·W. */
export function messageSumForwardWasm(o: MessageSumOperands, z: Float32Array): void {
  const product = matmulInMemory();
  const { memory } = product;
  const { nodes, types, width } = o;
  const edges = o.sources.length, inner = types * width;
  const [packed, hAt, sourcesAt, slotsAt, sumsAt, wAt, zAt] = memory.regions([
    product.packedBytes(inner, width), 4 * nodes * width, 4 * edges, 4 * edges, 4 * nodes * inner, 4 * inner * width, 4 * nodes * width,
  ]) as [number, number, number, number, number, number, number];
  const heap = memory.heap();
  heap.set(o.h, hAt >> 2);
  heap.set(o.weight, wAt >> 2);
  neighbourSums(o, heap, hAt, sourcesAt, slotsAt, sumsAt);
  rowKernels().scale(hAt, zAt, nodes * width, o.scale);
  product.product(sumsAt, wAt, zAt, packed, nodes, inner, width, false, false, true);
  z.set(heap.subarray(zAt >> 2, (zAt >> 2) + nodes * width));
}

/** Where the backward pass puts each gradient; null where none is wanted. */
export interface MessageSumGradients {
  /** Receives Σ g·h (added to its one element). */
  readonly scale: Float32Array | null;
  readonly weight: GradientTarget | null;
  readonly h: GradientTarget | null;
}

/** The gradients of a·h + S·W from g, the gradient of z. */
export function messageSumBackwardWasm(o: MessageSumOperands, g: Float32Array, into: MessageSumGradients): void {
  const product = matmulInMemory(), kernels = rowKernels();
  const { memory } = product;
  const { nodes, types, width } = o;
  const edges = o.sources.length, inner = types * width, size = nodes * width;
  const [packed, gAt, hAt, sourcesAt, slotsAt, sumsAt, wAt, gwAt, ghAt] = memory.regions([
    Math.max(product.packedBytes(nodes, width), product.packedBytes(width, inner)), 4 * size, 4 * size, 4 * edges, 4 * edges,
    4 * nodes * inner, 4 * inner * width, 4 * inner * width, 4 * size,
  ]) as [number, number, number, number, number, number, number, number, number];
  const heap = memory.heap();
  heap.set(g, gAt >> 2);
  heap.set(o.h, hAt >> 2);
  if (into.scale !== null) into.scale[0]! += kernels.dot(gAt, hAt, size);
  neighbourSums(o, heap, hAt, sourcesAt, slotsAt, sumsAt);
  if (into.weight !== null) {
    // dW = Sᵀ·g.
    if (into.weight.accumulate) heap.set(into.weight.into, gwAt >> 2);
    product.product(sumsAt, gAt, gwAt, packed, inner, nodes, width, true, false, into.weight.accumulate);
    into.weight.into.set(heap.subarray(gwAt >> 2, (gwAt >> 2) + inner * width));
  }
  if (into.h !== null) {
    // dh = a·g, then dS = g·Wᵀ (written over S, no longer needed) scattered back along the edges.
    if (into.h.accumulate) {
      heap.set(into.h.into, ghAt >> 2);
      kernels.axpy(gAt, ghAt, size, o.scale);
    } else {
      kernels.scale(gAt, ghAt, size, o.scale);
    }
    heap.set(o.weight, wAt >> 2);
    product.product(gAt, wAt, sumsAt, packed, nodes, width, inner, false, true, false);
    kernels.gatherAdd(sumsAt, ghAt, slotsAt, sourcesAt, edges, width);
    into.h.into.set(heap.subarray(ghAt >> 2, (ghAt >> 2) + size));
  }
}
