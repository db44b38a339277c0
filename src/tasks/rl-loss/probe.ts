import { Rng } from '../../core/rng.ts';
import { gradients } from '../../learn/tensor/autograd.ts';
import { Tensor } from '../../learn/tensor/tensor.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { graphLosses } from './loss-graph.ts';
import { LossTerms } from './loss-terms.ts';
import type { TransitionBatch } from './replay-buffer.ts';
import { sacNetworks, type SacNetworks } from './sac-networks.ts';

/*
 * The behaviour probe of a loss graph, for functional hashing: both losses and a projection
 * of each one's gradient, on fixed small networks and a fixed batch. Values alone would
 * confuse losses that differ only where gradients are stopped (sg(x) and x have the same
 * value); the gradient projections tell them apart.
 */

const ROWS = 32;

function probeBatch(observationSize: number, actionSize: number, rng: Rng): TransitionBatch {
  const column = (width: number, draw: () => number) => new Tensor(Float32Array.from({ length: ROWS * width }, draw), [ROWS, width]);
  return {
    state: column(observationSize, () => rng.uniform(-1, 1)),
    action: column(actionSize, () => rng.uniform(-1, 1)),
    reward: column(1, () => -rng.uniform(0, 10)),
    nextState: column(observationSize, () => rng.uniform(-1, 1)),
    done: column(1, () => (rng.chance(0.25) ? 1 : 0)),
  };
}

/** A fixed probe: networks whose targets differ from their online critics, a batch and gradient directions. */
export class LossProbe {
  private readonly networks: SacNetworks;
  private readonly batch: TransitionBatch;
  private readonly actorDirection: Float64Array[];
  private readonly criticDirection: Float64Array[];

  constructor(observationSize: number, actionSize: number, seed: number) {
    const rng = new Rng(seed);
    this.networks = sacNetworks(observationSize, actionSize, [16], rng);
    for (const name of ['q1Target', 'q2Target'] as const) {
      for (const p of this.networks.critics[name].parameters()) for (let i = 0; i < p.data.length; i++) p.data[i] = p.data[i]! + 0.1 * rng.normal();
    }
    this.batch = probeBatch(observationSize, actionSize, rng);
    const direction = (ps: readonly Tensor[]) => ps.map((p) => Float64Array.from(p.data, () => rng.normal()));
    this.actorDirection = direction(this.networks.actor.parameters());
    this.criticDirection = direction(this.criticParameters());
  }

  /** [actor loss, actor gradient · u, critic loss, critic gradient · v]; NaN for a graph that cannot train. */
  fingerprint(g: Graph): Float64Array {
    let losses;
    try {
      losses = graphLosses(g);
    } catch {
      return Float64Array.of(NaN, NaN, NaN, NaN);
    }
    const actor = this.measure((terms) => losses.actor(terms), this.networks.actor.parameters(), this.actorDirection);
    const critic = this.measure((terms) => losses.critic(terms), this.criticParameters(), this.criticDirection);
    return Float64Array.of(actor[0], actor[1], critic[0], critic[1]);
  }

  private criticParameters(): Tensor[] {
    return [...this.networks.critics.q1.parameters(), ...this.networks.critics.q2.parameters()];
  }

  private measure(loss: (terms: LossTerms) => Tensor, params: readonly Tensor[], direction: readonly Float64Array[]): [number, number] {
    const terms = new LossTerms(this.networks, this.batch, 0.99, 0.5, new Rng(7));
    const value = loss(terms);
    if (value.size !== 1) return [NaN, NaN];
    const grads = gradients(value, params);
    let projection = 0;
    grads.forEach((g, i) => {
      const d = direction[i]!;
      for (let j = 0; j < g.data.length; j++) projection += g.data[j]! * d[j]!;
    });
    return [value.item(), projection];
  }
}
