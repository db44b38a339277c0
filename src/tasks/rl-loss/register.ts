/**
 * Registers the rl-loss task in core's `tasks`, its loss-graph space in `spaces`, and the
 * loss language's ops in the graph space's `graphOps` (by importing them), so that workers
 * and `amoeba resume` rebuild a loss-graph study from its recipes alone.
 */
import { spaces, tasks } from '../../core/registries.ts';
import type { Json } from '../../core/types.ts';
import './loss-ops.ts';
import { rlLossTask } from './task.ts';
import { trainableLossSpaceFromConfig } from './trainable-space.ts';

if (!tasks.has('rl-loss')) tasks.register('rl-loss', rlLossTask, 'evolve SAC actor and critic losses for performance, generalization and stability (MetaPG)');
if (!spaces.has('rl-loss-graph')) {
  spaces.register('rl-loss-graph', trainableLossSpaceFromConfig, 'loss graphs (actor, critic) whose variation offers only graphs that can train', { maxVertices: 40, maxTries: 10 } as Json);
}
