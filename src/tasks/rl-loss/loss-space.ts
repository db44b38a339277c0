import type { Json } from '../../core/types.ts';
import type { GraphSpaceConfig } from '../../spaces/graph/register.ts';
import { graphSpaceFromConfig } from '../../spaces/graph/register.ts';
import type { GraphSpace } from '../../spaces/graph/space.ts';
import { LOSS_INPUTS } from './loss-graph.ts';
import { LOSS_OP_NAMES } from './loss-ops.ts';

/** Most vertices of a loss graph: SAC's has 32, so mutations have room to grow it. */
export const LOSS_MAX_VERTICES = 48;

/**
 * The graph space config of loss graphs: the seven typed batch inputs, the loss language's
 * ops, two outputs (actor, critic). Constants are drawn from N(0, 1) and perturbed as the
 * graph space does by default. It is a plain `graph` space recipe, so workers rebuild it.
 */
export function lossSpaceConfig(maxVertices = LOSS_MAX_VERTICES): GraphSpaceConfig {
  return {
    inputs: LOSS_INPUTS.length,
    inputTypes: LOSS_INPUTS.map((i) => i.type),
    outputs: 2,
    outputTypes: ['real', 'real'],
    ops: [...LOSS_OP_NAMES],
    maxVertices,
    names: LOSS_INPUTS.map((i) => i.name),
  };
}

/** The loss-graph space itself. */
export function lossSpace(maxVertices = LOSS_MAX_VERTICES): GraphSpace {
  return graphSpaceFromConfig(lossSpaceConfig(maxVertices) as unknown as Json);
}
