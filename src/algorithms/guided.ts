import { UsageError } from '../core/errors.ts';
import { probability, wholeNumber } from '../core/options.ts';
import type { Rng } from '../core/rng.ts';
import type { Algorithm, Json, Space, Trial } from '../core/types.ts';
import type { ProgramEncoder } from '../learn/guide/encoded-graph.ts';
import { OnlineDiscriminator, type OnlineDiscriminatorOptions } from '../learn/guide/online-discriminator.ts';
import { guidedDiagnostics, type GuidedDiagnostics, type GuidedProgress } from './guided-diagnostics.ts';
import { guidedMutate, noMutationCounts, type GuidedMutationSettings, type MutationPrediction } from './guided-mutation.ts';
import { SnapshotReader, snapshotJson } from './snapshot-json.ts';
import { requireSpace } from './validate.ts';

const OWNER = 'guided';

/** Options of `guided`. */
export interface GuidedOptions<G> {
  readonly space: Space<G>;
  /** How the discriminator reads a genotype of `space`. */
  readonly encoder: ProgramEncoder<G>;
  /** The evolutionary algorithm to guide, built over the space it is given (whose mutations are guided), from its snapshot when resuming. */
  readonly inner: (space: Space<G>, snapshot: Json | undefined) => Algorithm<G>;
  /** Which loss says which program is better (default 0). */
  readonly objective?: number;
  /** Accept a child above this P(child beats parent) (default 0.5). */
  readonly threshold?: number;
  /** Candidate children per mutation, R (default 8). */
  readonly maxTries?: number;
  /** Adaptive mutation: further steps while each is predicted to improve (default 0: off). */
  readonly adaptiveSteps?: number;
  /** Trials before the first training; mutations are plain until then (default 100). */
  readonly warmupTrials?: number;
  /** Retrain every this many trials after the warm-up: K (default 50). */
  readonly retrainEveryTrials?: number;
  /** Training steps at each retraining (default 5). */
  readonly trainSteps?: number;
  /** Training steps of the first training (default 100). */
  readonly firstTrainSteps?: number;
  /** The discriminator's shape and training. */
  readonly discriminator?: OnlineDiscriminatorOptions;
  /** A `snapshot()` to resume from. */
  readonly snapshot?: Json;
}

/** A guided search, whose diagnostics can be read while it runs. */
export interface Guided<G> extends Algorithm<G> {
  diagnostics(): GuidedDiagnostics;
  /** The algorithm being guided (to read what it reports, such as its restarts). */
  guidedAlgorithm(): Algorithm<G>;
}

/** The algorithm a guided search wraps, or `algorithm` itself when it is not guided: where what the inner search reports (restarts, an experiment's stats) is read. */
export function unguided<G>(algorithm: Algorithm<G>): Algorithm<G> {
  const guidedSearch = algorithm as Partial<Guided<G>>;
  return typeof guidedSearch.guidedAlgorithm === 'function' ? guidedSearch.guidedAlgorithm() : algorithm;
}

interface Settings extends GuidedMutationSettings {
  readonly objective: number;
  readonly warmupTrials: number;
  readonly retrainEveryTrials: number;
  readonly trainSteps: number;
  readonly firstTrainSteps: number;
}

/**
 * Guided evolution (Co-Reyes, Miao et al. 2024) around any evolutionary algorithm: the inner
 * algorithm searches a space whose `mutate` asks a pairwise discriminator whether each child
 * beats its parent before it is evaluated (PAM-RT, `guidedMutate`). The discriminator learns
 * online from every finished trial: after `warmupTrials` it is trained, and again every
 * `retrainEveryTrials`, each time first scored on the trials it has not yet seen (its held-out
 * pair accuracy). Plain and guided runs differ in this wrapper alone.
 *
 * @example
 * const algorithm = guided({
 *   space, encoder: dagEncoding({ inputs: 1, outputs: 1, ops: space.ops }),
 *   inner: (guidedSpace, snapshot) => regularizedEvolution({ space: guidedSpace, populationSize: 100, tournamentSize: 10, ...(snapshot === undefined ? {} : { snapshot }) }),
 * });
 */
export function guided<G>(options: GuidedOptions<G>): Guided<G> {
  const space = requireSpace(OWNER, options.space);
  if (typeof options.inner !== 'function') throw new UsageError(`${OWNER}: inner must build the guided algorithm: (space, snapshot) => Algorithm`);
  if (typeof options.encoder?.encode !== 'function') throw new UsageError(`${OWNER}: encoder must be a program encoder (see learn/guide encodings)`);
  const threshold = probability(OWNER, 'threshold', options.threshold ?? 0.5);
  const settings: Settings = {
    objective: wholeNumber(OWNER, 'objective', options.objective ?? 0, 0),
    threshold,
    maxTries: wholeNumber(OWNER, 'maxTries', options.maxTries ?? 8, 1, 1000),
    adaptiveSteps: wholeNumber(OWNER, 'adaptiveSteps', options.adaptiveSteps ?? 0, 0, 1000),
    warmupTrials: wholeNumber(OWNER, 'warmupTrials', options.warmupTrials ?? 100, 2),
    retrainEveryTrials: wholeNumber(OWNER, 'retrainEveryTrials', options.retrainEveryTrials ?? 50, 1),
    trainSteps: wholeNumber(OWNER, 'trainSteps', options.trainSteps ?? 5, 0),
    firstTrainSteps: wholeNumber(OWNER, 'firstTrainSteps', options.firstTrainSteps ?? 100, 1),
  };
  return new GuidedSearch(space, options.encoder, options.inner, settings, options.discriminator ?? {}, options.snapshot);
}

class GuidedSearch<G> implements Guided<G> {
  private readonly discriminator: OnlineDiscriminator<G>;
  private readonly inner: Algorithm<G>;
  isDone?: () => boolean;
  private progress: GuidedProgress = { trials: 0, trainedAt: -1, proposals: 0, counts: noMutationCounts(), heldOut: [], decisions: { right: 0, total: 0 }, elapsedMs: 0 };
  /** What was predicted for children not yet evaluated, by key. */
  private pending = new Map<string, MutationPrediction>();
  /** Losses of recent trials by key, to judge predictions about their children. */
  private readonly lossByKey = new Map<string, number>();
  /** When the run's clock was last read: it advances at each feedback, so a snapshot restores to the same value. */
  private lastTickMs = performance.now();

  constructor(
    private readonly space: Space<G>,
    encoder: ProgramEncoder<G>,
    inner: (space: Space<G>, snapshot: Json | undefined) => Algorithm<G>,
    private readonly settings: Settings,
    discriminatorOptions: OnlineDiscriminatorOptions,
    snapshot: Json | undefined,
  ) {
    this.discriminator = new OnlineDiscriminator(encoder, discriminatorOptions);
    const reader = snapshot === undefined ? undefined : new SnapshotReader(OWNER, snapshot, 'guided');
    const fields = snapshot as { inner?: Json; discriminator?: Json; progress?: Json; pending?: Json; losses?: Json } | undefined;
    this.inner = inner(this.guidedSpace(), fields?.inner);
    // The guided algorithm stops where the inner one would (an AutoML-Zero experiment's training steps, say).
    if (this.inner.isDone !== undefined) this.isDone = () => this.inner.isDone!();
    if (reader !== undefined && fields !== undefined) this.restore(fields);
  }

  propose(rng: Rng): G {
    this.progress.proposals++;
    return this.inner.propose(rng);
  }

  feedback(trial: Trial<G>): void {
    const now = performance.now();
    this.progress.elapsedMs += now - this.lastTickMs;
    this.lastTickMs = now;
    this.inner.feedback(trial);
    const loss = trial.loss[this.settings.objective] ?? Infinity;
    this.judge(trial.key, loss);
    this.remember(trial.key, loss);
    this.discriminator.add(trial.genotype, loss, this.space.toJSON(trial.genotype));
    const p = this.progress;
    p.trials++;
    const { warmupTrials, retrainEveryTrials, firstTrainSteps, trainSteps } = this.settings;
    if (p.trials < warmupTrials || (p.trials - warmupTrials) % retrainEveryTrials !== 0) return;
    if (p.trainedAt < 0) {
      this.discriminator.train(firstTrainSteps);
    } else {
      const heldOut = this.discriminator.heldOutAccuracy(p.trials - p.trainedAt);
      if (heldOut !== undefined) p.heldOut.push({ trials: p.trials, accuracy: heldOut.accuracy, pairs: heldOut.pairs });
      this.discriminator.train(trainSteps);
    }
    p.trainedAt = p.trials;
  }

  diagnostics(): GuidedDiagnostics {
    return guidedDiagnostics(this.progress, this.discriminator, this.progress.elapsedMs);
  }

  guidedAlgorithm(): Algorithm<G> {
    return this.inner;
  }

  snapshot(): Json {
    const losses: Json[] = [];
    for (const [key, loss] of this.lossByKey) losses.push([key, Number.isFinite(loss) ? loss : String(loss)]);
    return snapshotJson('guided', {
      inner: this.inner.snapshot(),
      discriminator: this.discriminator.save(),
      progress: { ...this.progress, counts: { ...this.progress.counts }, heldOut: this.progress.heldOut.map((h) => ({ ...h })), decisions: { ...this.progress.decisions } } as unknown as Json,
      pending: [...this.pending].map(([key, p]) => [key, p.probability, p.parentKey]),
      losses,
      diagnostics: this.diagnostics() as unknown as Json,
    });
  }

  /** The space the inner algorithm searches: the same, but mutations go through the discriminator once it is trained. */
  private guidedSpace(): Space<G> {
    const space = this.space;
    const wrapped: Space<G> = {
      random: (rng) => space.random(rng),
      mutate: (parent, rng) => {
        if (this.progress.trainedAt < 0) return space.mutate(parent, rng);
        const { child, prediction } = guidedMutate(space, this.discriminator, this.settings, this.progress.counts, parent, rng);
        this.pending.set(space.key(child), prediction);
        return child;
      },
      key: (g) => space.key(g),
      toJSON: (g) => space.toJSON(g),
      fromJSON: (json) => space.fromJSON(json),
    };
    const crossover = space.crossover;
    if (crossover !== undefined) wrapped.crossover = (a, b, rng) => crossover.call(space, a, b, rng);
    return wrapped;
  }

  /** Scores the prediction made for this child against its parent, once its loss is known. */
  private judge(key: string, loss: number): void {
    const prediction = this.pending.get(key);
    if (prediction === undefined) return;
    this.pending.delete(key);
    const parentLoss = this.lossByKey.get(prediction.parentKey);
    if (parentLoss === undefined || parentLoss === loss || (!Number.isFinite(parentLoss) && !Number.isFinite(loss))) return;
    this.progress.decisions.total++;
    if ((prediction.probability > 0.5) === (loss < parentLoss)) this.progress.decisions.right++;
  }

  private remember(key: string, loss: number): void {
    this.lossByKey.delete(key);
    this.lossByKey.set(key, loss);
    if (this.lossByKey.size > this.discriminator.options.bufferSize) this.lossByKey.delete(this.lossByKey.keys().next().value!);
  }

  private restore(fields: { discriminator?: Json; progress?: Json; pending?: Json; losses?: Json }): void {
    this.discriminator.restore(fields.discriminator, (json) => this.space.fromJSON(json));
    const progress = fields.progress as unknown as GuidedProgress | undefined;
    if (typeof progress !== 'object' || progress === null || typeof progress.trials !== 'number' || !Array.isArray(progress.heldOut)) {
      throw new UsageError(`${OWNER}: snapshot.progress must hold the run's counters`);
    }
    this.progress = { ...progress, counts: { ...progress.counts }, heldOut: progress.heldOut.map((h) => ({ ...h })), decisions: { ...progress.decisions } };
    this.pending = new Map(((fields.pending ?? []) as [string, number, string][]).map(([key, p, parentKey]) => [key, { probability: p, parentKey }]));
    for (const [key, loss] of (fields.losses ?? []) as [string, number | string][]) this.lossByKey.set(key, typeof loss === 'number' ? loss : Number(loss));
  }
}
