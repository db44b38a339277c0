import { UsageError } from '../../core/errors.ts';
import { show, wholeNumber } from '../../core/options.ts';
import type { Rng } from '../../core/rng.ts';
import type { Json, Space } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import type { GraphSpace } from '../../spaces/graph/space.ts';
import { untrainableReason } from './loss-graph.ts';
import { lossSpace, LOSS_MAX_VERTICES } from './loss-space.ts';

/** The config of the `rl-loss-graph` space. */
export interface TrainableLossSpaceConfig {
  /** Most vertices of a loss graph (default 48). */
  readonly maxVertices?: number;
  /** Variation attempts per proposal before the last one is returned as it is (default 20). */
  readonly maxTries?: number;
}

/**
 * The loss-graph space whose variation only offers graphs that can train: `mutate`,
 * `crossover` and `random` retry (up to `maxTries` times) until the child is a new structure
 * whose actor loss reaches the actor and whose critic loss reaches a critic through gradients.
 * An untrainable child costs no training, but it spends a trial of the budget (about 7% of
 * single mutations of SAC in the plain graph space are of that kind). Genotypes, keys and JSON are the graph
 * space's own, so stored trials read back through either.
 */
export function trainableLossSpace(config: TrainableLossSpaceConfig = {}): Space<Graph> & Pick<GraphSpace, 'ops' | 'signature'> {
  const inner = lossSpace(config.maxVertices ?? LOSS_MAX_VERTICES);
  const maxTries = wholeNumber('rl-loss-graph', 'maxTries', config.maxTries ?? 20, 1);
  const retry = (make: () => Graph, parentKey: string | undefined): Graph => {
    let child = make();
    for (let tries = 1; tries < maxTries && (untrainableReason(child) !== undefined || inner.key(child) === parentKey); tries++) child = make();
    return child;
  };
  return {
    // The graph space's op set and signature, which the guided-evolution graph encoding reads.
    ops: inner.ops,
    signature: inner.signature,
    random: (rng: Rng) => retry(() => inner.random(rng), undefined),
    mutate: (g: Graph, rng: Rng) => retry(() => inner.mutate(g, rng), inner.key(g)),
    crossover: (a: Graph, b: Graph, rng: Rng) => retry(() => inner.crossover(a, b, rng), inner.key(a)),
    key: (g) => inner.key(g),
    toJSON: (g) => inner.toJSON(g),
    fromJSON: (json) => inner.fromJSON(json),
  };
}

/** The space from its JSON config, every key checked. */
export function trainableLossSpaceFromConfig(config: Json): Space<Graph> & Pick<GraphSpace, 'ops' | 'signature'> {
  const fields = config ?? {};
  if (typeof fields !== 'object' || Array.isArray(fields)) throw new UsageError(`rl-loss-graph: the config must be an object, got ${show(config)}`);
  for (const key of Object.keys(fields)) if (key !== 'maxVertices' && key !== 'maxTries') throw new UsageError(`rl-loss-graph: unknown config key '${key}'; known: maxVertices, maxTries`);
  return trainableLossSpace(fields as TrainableLossSpaceConfig);
}
