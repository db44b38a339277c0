import { UsageError } from '../../core/errors.ts';
import { compactSlots, messageSumBackwardWasm, messageSumForwardWasm, type MessageSumOperands } from '../kernels/message-sum-wasm.ts';
import type { GradientTarget } from '../kernels/matmul.ts';
import { gradientOf, gradientTarget, result } from './autograd.ts';
import { add } from './elementwise.ts';
import { matmul } from './matmul.ts';
import { outputBuffer } from './recycling.ts';
import { scaledAdd } from './scaled-add.ts';
import { checkIndices, gatherSegmentSum } from './segment.ts';
import { reshape } from './shape-ops.ts';
import { shapeText, type Tensor } from './tensor.ts';

/*
 * GIN's aggregation over typed edges as one op: z = s·h + Σₜ (Σ_{e of type t into v} h[source e])·Wₜ.
 * Float32 rows of a vector-wide width run fused in WebAssembly (kernels/message-sum-wasm.ts:
 * the per-type sums never leave the kernel memory); other cases compose gatherSegmentSum,
 * matmul and scaledAdd, which compute the same values.
 */

/** The edges of `messageSum`: edge e adds row sources[e] of h into slot slots[e] = target·types + type. */
export interface MessageSlots {
  readonly sources: Int32Array;
  readonly slots: Int32Array;
}

function check(h: Tensor, scale: Tensor | null, weight: Tensor, edges: MessageSlots): void {
  const width = h.shape[1]!;
  if (h.rank !== 2 || weight.rank !== 3 || weight.shape[1] !== width || weight.shape[2] !== width || (scale !== null && scale.size !== 1)) {
    throw new UsageError(`messageSum: needs h [nodes, d], weights [types, d, d] and a one-element scale, got ${shapeText(h.shape)}, ${shapeText(weight.shape)}${scale === null ? '' : ` and ${shapeText(scale.shape)}`}`);
  }
  if (h.dtype !== weight.dtype || (scale !== null && scale.dtype !== h.dtype)) throw new UsageError('messageSum: operands must share one element type; convert with cast()');
  if (edges.slots.length !== edges.sources.length) throw new UsageError(`messageSum: ${edges.sources.length} sources and ${edges.slots.length} slots must be as many`);
  checkIndices('messageSum', edges.sources, h.shape[0]!, 'source');
  checkIndices('messageSum', edges.slots, h.shape[0]! * weight.shape[0]!, 'slot');
}

/**
 * scale·h + Σ over edge types t of (the sums of h's rows along t's edges into each node)·weights[t];
 * scale null stands for 1 (no gradient). h [nodes, d], weights [types, d, d] → [nodes, d].
 */
export function messageSum(h: Tensor, scale: Tensor | null, weights: Tensor, edges: MessageSlots): Tensor {
  check(h, scale, weights, edges);
  const [nodes, width] = h.shape as [number, number];
  const types = weights.shape[0]!;
  if (h.dtype !== 'float32' || width % 4 !== 0) {
    const sums = gatherSegmentSum(h, edges.sources, edges.slots, nodes * types);
    const messages = matmul(reshape(sums, [nodes, types * width]), reshape(weights, [types * width, width]));
    return scale === null ? add(h, messages) : scaledAdd(scale, h, messages);
  }
  const operands: MessageSumOperands = {
    h: h.data as Float32Array, scale: scale === null ? 1 : scale.data[0]!, weight: weights.data as Float32Array,
    sources: edges.sources, slots: edges.slots, nodes, types, width, compact: compactSlots(edges.slots, nodes, types),
  };
  const z = outputBuffer('float32', nodes * width, false) as Float32Array;
  messageSumForwardWasm(operands, z);
  return result(z, [nodes, width], scale === null ? [h, weights] : [scale, h, weights], (g) => {
    const weight = gradientTarget(weights) as GradientTarget<Float32Array> | null, input = gradientTarget(h) as GradientTarget<Float32Array> | null;
    messageSumBackwardWasm(operands, g as Float32Array, { scale: scale === null ? null : gradientOf(scale) as Float32Array | null, weight, h: input });
  });
}
