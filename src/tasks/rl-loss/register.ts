/**
 * Registers the rl-loss task in core's `tasks`, and the loss language's ops in the graph
 * space's `graphOps` (by importing them), so that workers and `amoeba resume` rebuild a
 * loss-graph study from its recipes alone.
 */
import { tasks } from '../../core/registries.ts';
import './loss-ops.ts';
import { rlLossTask } from './task.ts';

if (!tasks.has('rl-loss')) tasks.register('rl-loss', rlLossTask, 'evolve SAC actor and critic losses for performance, generalization and stability (MetaPG)');
