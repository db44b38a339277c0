import { UsageError } from '../../core/errors.ts';
import { outputBuffer } from './recycling.ts';
import { gradientOf, result } from './autograd.ts';
import { shapeText, sizeOf, type Tensor } from './tensor.ts';

/*
 * Row gathers and segment reductions over the first axis: the message passing of a graph
 * network over a batch of graphs. `gather(h, sources)` reads each edge's source node;
 * `segmentSum(messages, targets, nodes)` adds each edge's message into its target node, and
 * `segmentMean`/`segmentMax(h, graphOf, graphs)` pool the nodes of each graph.
 */

function rowWidth(op: string, x: Tensor): number {
  if (x.rank < 1) throw new UsageError(`${op}: needs a tensor with at least one axis, got a scalar`);
  // From the shape, not size / rows, so that zero rows (a batch with no edges) keep their width.
  return sizeOf(x.shape.slice(1));
}

/** Refuses an index outside 0..limit−1, naming the op, what it indexes and where. */
export function checkIndices(op: string, indices: Int32Array, limit: number, what: string): void {
  for (let i = 0; i < indices.length; i++) {
    const at = indices[i]!;
    if (at < 0 || at >= limit) throw new UsageError(`${op}: ${what} ${at} at position ${i} is outside 0..${limit - 1}`);
  }
}

/** The rows of x at `indices`: shape [indices.length, ...x.shape[1:]]. */
export function gather(x: Tensor, indices: Int32Array): Tensor {
  const width = rowWidth('gather', x);
  checkIndices('gather', indices, x.shape[0]!, 'index');
  const y = outputBuffer(x.dtype, indices.length * width);
  const xs = x.data;
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r]! * width;
    for (let i = 0; i < width; i++) y[r * width + i] = xs[from + i]!;
  }
  return result(y, [indices.length, ...x.shape.slice(1)], [x], (g) => {
    const gx = gradientOf(x);
    if (gx === null) return;
    for (let r = 0; r < indices.length; r++) {
      const to = indices[r]! * width;
      for (let i = 0; i < width; i++) gx[to + i]! += g[r * width + i]!;
    }
  });
}

function checkSegments(op: string, x: Tensor, segmentIds: Int32Array, segments: number): number {
  const width = rowWidth(op, x);
  if (segmentIds.length !== x.shape[0]) {
    throw new UsageError(`${op}: ${segmentIds.length} segment ids for ${x.shape[0]} rows of ${shapeText(x.shape)}`);
  }
  checkIndices(op, segmentIds, segments, 'segment id');
  return width;
}

/** Row r of x added into row segmentIds[r] of a [segments, ...] result; empty segments are zero. */
export function segmentSum(x: Tensor, segmentIds: Int32Array, segments: number): Tensor {
  return segmentWeightedSum('segmentSum', x, segmentIds, segments, false);
}

/** The mean of the rows of each segment; empty segments are zero. */
export function segmentMean(x: Tensor, segmentIds: Int32Array, segments: number): Tensor {
  return segmentWeightedSum('segmentMean', x, segmentIds, segments, true);
}

function segmentWeightedSum(op: string, x: Tensor, segmentIds: Int32Array, segments: number, averaged: boolean): Tensor {
  const width = checkSegments(op, x, segmentIds, segments);
  const weight = new Float64Array(segments).fill(1);
  if (averaged) {
    const counts = new Float64Array(segments);
    for (let r = 0; r < segmentIds.length; r++) counts[segmentIds[r]!]!++;
    for (let s = 0; s < segments; s++) weight[s] = counts[s]! > 0 ? 1 / counts[s]! : 0;
  }
  const y = outputBuffer(x.dtype, segments * width);
  const xs = x.data;
  for (let r = 0; r < segmentIds.length; r++) {
    const s = segmentIds[r]!;
    const w = weight[s]!;
    for (let i = 0; i < width; i++) y[s * width + i]! += w * xs[r * width + i]!;
  }
  return result(y, [segments, ...x.shape.slice(1)], [x], (g) => {
    const gx = gradientOf(x);
    if (gx === null) return;
    for (let r = 0; r < segmentIds.length; r++) {
      const s = segmentIds[r]!;
      const w = weight[s]!;
      for (let i = 0; i < width; i++) gx[r * width + i]! += w * g[s * width + i]!;
    }
  });
}

/** The elementwise maximum of the rows of each segment; empty segments are zero. */
export function segmentMax(x: Tensor, segmentIds: Int32Array, segments: number): Tensor {
  const width = checkSegments('segmentMax', x, segmentIds, segments);
  const y = outputBuffer(x.dtype, segments * width);
  // The element each maximum came from; a segment's first row is taken whole, later rows only where larger.
  const source = new Int32Array(segments * width);
  const filled = new Uint8Array(segments);
  const xs = x.data;
  for (let r = 0; r < segmentIds.length; r++) {
    const s = segmentIds[r]!;
    const base = s * width, from = r * width;
    if (filled[s] === 0) {
      filled[s] = 1;
      for (let i = 0; i < width; i++) {
        y[base + i] = xs[from + i]!;
        source[base + i] = from + i;
      }
      continue;
    }
    for (let i = 0; i < width; i++) {
      const v = xs[from + i]!;
      if (v > y[base + i]!) {
        y[base + i] = v;
        source[base + i] = from + i;
      }
    }
  }
  return result(y, [segments, ...x.shape.slice(1)], [x], (g) => {
    const gx = gradientOf(x);
    if (gx === null) return;
    for (let s = 0; s < segments; s++) {
      if (filled[s] === 0) continue;
      for (let at = s * width; at < (s + 1) * width; at++) gx[source[at]!]! += g[at]!;
    }
  });
}

/**
 * segmentSum(gather(x, indices), segmentIds, segments) in one pass, without the gathered rows:
 * row indices[e] of x is added into row segmentIds[e] of the result, for every e. The
 * neighbour sums of message passing, edge e running from node indices[e] to segmentIds[e].
 */
export function gatherSegmentSum(x: Tensor, indices: Int32Array, segmentIds: Int32Array, segments: number): Tensor {
  const width = rowWidth('gatherSegmentSum', x);
  if (segmentIds.length !== indices.length) throw new UsageError(`gatherSegmentSum: ${indices.length} indices and ${segmentIds.length} segment ids must be as many`);
  checkIndices('gatherSegmentSum', indices, x.shape[0]!, 'index');
  checkIndices('gatherSegmentSum', segmentIds, segments, 'segment id');
  const y = outputBuffer(x.dtype, segments * width);
  const xs = x.data;
  for (let e = 0; e < indices.length; e++) {
    const from = indices[e]! * width, to = segmentIds[e]! * width;
    for (let i = 0; i < width; i++) y[to + i]! += xs[from + i]!;
  }
  return result(y, [segments, ...x.shape.slice(1)], [x], (g) => {
    const gx = gradientOf(x);
    if (gx === null) return;
    for (let e = 0; e < indices.length; e++) {
      const from = indices[e]! * width, to = segmentIds[e]! * width;
      for (let i = 0; i < width; i++) gx[from + i]! += g[to + i]!;
    }
  });
}
