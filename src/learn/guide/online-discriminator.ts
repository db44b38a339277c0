import { UsageError } from '../../core/errors.ts';
import { numberIn, probability, wholeNumber } from '../../core/options.ts';
import { Rng } from '../../core/rng.ts';
import type { Json } from '../../core/types.ts';
import { noGrad } from '../tensor/autograd.ts';
import { binaryCrossEntropyWithLogits } from '../tensor/nn-ops.ts';
import { tensor } from '../tensor/tensor.ts';
import { loadParametersBinary, parametersToBinary } from '../modules/params.ts';
import { adam } from '../optim/adam.ts';
import { optimizer } from '../optim/optimizer.ts';
import { pairDiscriminator, type Discriminator } from './discriminator.ts';
import { batchGraphs, type EncodedGraph, type ProgramEncoder } from './encoded-graph.ts';

/** Options of the online discriminator: the model's shape and how it is trained. */
export interface OnlineDiscriminatorOptions {
  /** Seeds the initial weights and the training batches. */
  readonly seed?: number;
  /** Node and embedding width (default 64). */
  readonly width?: number;
  /** Message-passing layers (default 3). */
  readonly layers?: number;
  /** Attention heads (default 4; 0: no global attention). */
  readonly heads?: number;
  /** Adam's learning rate (default 1e-3). */
  readonly learningRate?: number;
  /** Programs per training step; every pair among them is a training pair (default 32: 496 pairs). */
  readonly batchGraphs?: number;
  /** Most programs kept in the replay buffer; the oldest leave first (default 5,000). */
  readonly bufferSize?: number;
  /** Pairs whose losses differ by less than this share of the larger are near ties (default 1e-3). */
  readonly tieTolerance?: number;
  /** The training weight of a near-tie pair (default 0.1; full pairs weigh 1). */
  readonly tieWeight?: number;
}

/** The options with every default filled in. */
export type ResolvedDiscriminatorOptions = Required<OnlineDiscriminatorOptions>;

const OWNER = 'onlineDiscriminator';

/** Fills in and checks the options. */
export function resolveDiscriminatorOptions(options: OnlineDiscriminatorOptions = {}): ResolvedDiscriminatorOptions {
  return {
    seed: wholeNumber(OWNER, 'seed', options.seed ?? 0, -(2 ** 31), 2 ** 31),
    width: wholeNumber(OWNER, 'width', options.width ?? 64, 1, 1024),
    layers: wholeNumber(OWNER, 'layers', options.layers ?? 3, 1, 16),
    heads: wholeNumber(OWNER, 'heads', options.heads ?? 4, 0, 64),
    learningRate: numberIn(OWNER, 'learningRate', options.learningRate ?? 1e-3, 1e-9, 10),
    batchGraphs: wholeNumber(OWNER, 'batchGraphs', options.batchGraphs ?? 32, 2, 4096),
    bufferSize: wholeNumber(OWNER, 'bufferSize', options.bufferSize ?? 5000, 2),
    tieTolerance: probability(OWNER, 'tieTolerance', options.tieTolerance ?? 1e-3),
    tieWeight: probability(OWNER, 'tieWeight', options.tieWeight ?? 0.1),
  };
}

interface Entry {
  readonly graph: EncodedGraph;
  readonly loss: number;
  /** The genotype as JSON, kept for the snapshot. */
  readonly json: Json;
}

/** How much a pair teaches: 0 when neither loss is finite, tieWeight for near ties, else 1. */
function pairWeight(a: number, b: number, tolerance: number, tieWeight: number): number {
  if (!Number.isFinite(a) && !Number.isFinite(b)) return 0;
  if (a === b) return 0;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return Number.isFinite(scale) && Math.abs(a - b) < tolerance * scale ? tieWeight : 1;
}

/** A discriminator with its replay buffer of evaluated programs: trained on pairs, asked about pairs. */
export class OnlineDiscriminator<G> {
  readonly options: ResolvedDiscriminatorOptions;
  readonly model: Discriminator;
  private buffer: Entry[] = [];
  private rng: Rng;
  /** Milliseconds spent training and predicting: the discriminator's cost. */
  trainMs = 0;
  predictMs = 0;
  trainSteps = 0;
  predictions = 0;

  constructor(
    private readonly encoder: ProgramEncoder<G>,
    options: OnlineDiscriminatorOptions = {},
  ) {
    this.options = resolveDiscriminatorOptions(options);
    const { seed, width, layers, heads } = this.options;
    this.model = pairDiscriminator({ inputSize: encoder.width, edgeTypes: encoder.edgeTypes, width, layers, heads, rng: new Rng(seed ^ 0x6a1de) });
    this.rng = new Rng(seed ^ 0x7ea1);
  }

  /** Programs in the replay buffer. */
  get size(): number {
    return this.buffer.length;
  }

  /** Adds an evaluated program (its loss: smaller is better; +Infinity for a failed trial). */
  add(genotype: G, loss: number, json: Json): void {
    this.buffer.push({ graph: this.encoder.encode(genotype), loss: Number.isNaN(loss) ? Infinity : loss, json });
    if (this.buffer.length > this.options.bufferSize) this.buffer.shift();
  }

  /**
   * `steps` Adam steps, each on every pair among `batchGraphs` programs drawn from the buffer,
   * from the current weights (a fresh optimizer each call: see docs/guided-evolution.md).
   * Returns the last step's weighted binary cross-entropy (NaN when no step ran).
   */
  train(steps: number): number {
    const started = performance.now();
    const opt = optimizer(this.model.parameters(), adam(), this.options.learningRate);
    let loss = NaN;
    for (let s = 0; s < steps; s++) {
      const chosen = this.sample(Math.min(this.options.batchGraphs, this.buffer.length));
      const pairs = this.pairsAmong(chosen, chosen.map((_, i) => i), true);
      if (pairs.a.length === 0) continue;
      loss = opt.minimize(() => {
        const embeddings = this.model.embed(batchGraphs(chosen.map((e) => e.graph), this.encoder.width));
        return binaryCrossEntropyWithLogits(this.model.pairLogits(embeddings, pairs.a, pairs.b), tensor(pairs.labels), tensor(pairs.weights));
      });
      this.trainSteps++;
    }
    this.trainMs += performance.now() - started;
    return loss;
  }

  /**
   * Accuracy on the pairs that involve the newest `newest` programs (with each other and
   * with up to `batchGraphs` older ones), near ties left out: call it before training on
   * them, and they are held out. Undefined when there is no such pair.
   */
  heldOutAccuracy(newest: number): { readonly accuracy: number; readonly pairs: number } | undefined {
    const started = performance.now();
    const fresh = this.buffer.slice(Math.max(0, this.buffer.length - newest));
    const older = this.buffer.slice(0, this.buffer.length - fresh.length);
    const others = this.sampleFrom(older, Math.min(this.options.batchGraphs, older.length));
    const entries = [...fresh, ...others];
    const pairs = this.pairsAmong(entries, entries.map((_, i) => i), false, fresh.length);
    if (pairs.a.length === 0) return undefined;
    const logits = noGrad(() => this.model.pairLogits(this.model.embed(batchGraphs(entries.map((e) => e.graph), this.encoder.width)), pairs.a, pairs.b));
    let right = 0;
    for (let p = 0; p < pairs.a.length; p++) if ((logits.data[p]! > 0) === (pairs.labels[p] === 1)) right++;
    this.predictMs += performance.now() - started;
    return { accuracy: right / pairs.a.length, pairs: pairs.a.length };
  }

  /** P(child i is better than the parent), for every child, in one forward pass. */
  probabilities(parent: G, children: readonly G[]): number[] {
    const started = performance.now();
    const graphs = [parent, ...children].map((g) => this.encoder.encode(g));
    const a = Int32Array.from(children, (_, i) => i + 1);
    const b = new Int32Array(children.length);
    const logits = noGrad(() => this.model.pairLogits(this.model.embed(batchGraphs(graphs, this.encoder.width)), a, b));
    this.predictMs += performance.now() - started;
    this.predictions += children.length;
    return Array.from(logits.data, (x) => 1 / (1 + Math.exp(-x)));
  }

  /** The weights, the buffer and the random state as JSON. */
  save(): Json {
    return {
      weights: Buffer.from(parametersToBinary(this.model)).toString('base64'),
      rng: this.rng.save(),
      buffer: this.buffer.map((e) => ({ genotype: e.json, loss: Number.isFinite(e.loss) ? e.loss : String(e.loss) })),
      trainSteps: this.trainSteps,
      predictions: this.predictions,
      trainMs: this.trainMs,
      predictMs: this.predictMs,
    };
  }

  /** Restores what `save` wrote; `fromJSON` rebuilds each buffered genotype. */
  restore(json: unknown, fromJSON: (genotype: Json) => G): void {
    const saved = json as { weights?: unknown; rng?: unknown; buffer?: unknown; trainSteps?: unknown; predictions?: unknown; trainMs?: unknown; predictMs?: unknown } | null;
    if (typeof saved !== 'object' || saved === null || typeof saved.weights !== 'string' || !Array.isArray(saved.buffer)) {
      throw new UsageError(`${OWNER}: the snapshot's discriminator must hold { weights, rng, buffer }`);
    }
    loadParametersBinary(this.model, new Uint8Array(Buffer.from(saved.weights, 'base64')));
    this.rng = Rng.restore(saved.rng);
    this.buffer = saved.buffer.map((item: { genotype: Json; loss: number | string }) => {
      const loss = typeof item.loss === 'number' ? item.loss : Number(item.loss);
      const genotype = fromJSON(item.genotype);
      return { graph: this.encoder.encode(genotype), loss, json: item.genotype };
    });
    const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    this.trainSteps = count(saved.trainSteps);
    this.predictions = count(saved.predictions);
    this.trainMs = count(saved.trainMs);
    this.predictMs = count(saved.predictMs);
  }

  private sample(count: number): Entry[] {
    return this.sampleFrom(this.buffer, count);
  }

  /** `count` distinct entries, by a partial Fisher–Yates shuffle of their indices. */
  private sampleFrom(entries: readonly Entry[], count: number): Entry[] {
    const order = Array.from(entries.keys());
    for (let i = 0; i < count; i++) {
      const j = i + this.rng.int(order.length - i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order.slice(0, count).map((i) => entries[i]!);
  }

  /**
   * The pairs (i < j) among `entries` with a nonzero weight, labelled 1 when i is better. With
   * `weighted` false, near ties are dropped instead of down-weighted; with `freshCount`, only
   * pairs whose first member is one of the first `freshCount` entries are kept.
   */
  private pairsAmong(entries: readonly Entry[], index: readonly number[], weighted: boolean, freshCount = entries.length): { a: Int32Array; b: Int32Array; labels: Float32Array; weights: Float32Array } {
    const a: number[] = [], b: number[] = [], labels: number[] = [], weights: number[] = [];
    const { tieTolerance, tieWeight } = this.options;
    for (let i = 0; i < Math.min(freshCount, entries.length); i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const la = entries[i]!.loss, lb = entries[j]!.loss;
        const w = pairWeight(la, lb, tieTolerance, weighted ? tieWeight : 0);
        if (w === 0) continue;
        a.push(index[i]!);
        b.push(index[j]!);
        labels.push(la < lb ? 1 : 0);
        weights.push(w);
      }
    }
    return { a: Int32Array.from(a), b: Int32Array.from(b), labels: Float32Array.from(labels), weights: Float32Array.from(weights) };
  }
}
