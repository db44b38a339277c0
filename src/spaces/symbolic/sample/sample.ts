import { UsageError } from '../../../core/errors.ts';
import { lossOf } from '../../../core/loss.ts';
import { wholeNumber } from '../../../core/options.ts';
import { Rng } from '../../../core/rng.ts';
import type { Algorithm, Objective, Trial } from '../../../core/types.ts';
import type { DNA } from '../dna/dna.ts';
import { Template } from '../dna/template.ts';
import type { Infer } from '../hyper/hyper.ts';
import type { EarlyStoppingPolicy } from './early-stopping.ts';
import { createFeedback } from './feedback.ts';
import type { Feedback, FeedbackSink } from './feedback.ts';
import { SampleTrial } from './sample-trial.ts';

/** Options of `sample`. */
export interface SampleOptions {
  /** How many values to hand out; default unlimited (leave the loop with `break`). */
  readonly numExamples?: number;
  /** What a result measures; default one reward to maximise: `[{ name: 'reward', goal: 'max' }]`. */
  readonly objectives?: readonly Objective[];
  /** Decides from `feedback.report` calls whether a trial should stop early. */
  readonly earlyStopping?: EarlyStoppingPolicy;
  /** Seed of the Rng the algorithm proposes with. Default 0. */
  readonly seed?: number;
  /** Sees every finished trial, after the algorithm has. */
  readonly onTrial?: (trial: Trial<DNA>) => void;
}

const REWARD: readonly Objective[] = [{ name: 'reward', goal: 'max' }];

/**
 * PyGlove's sample loop: `for await (const [value, feedback] of sample(space, algorithm))`,
 * then `feedback(reward)` or `feedback.skip()`. Each step asks the algorithm for a DNA,
 * decodes it, and hands out the value; the result goes back to the algorithm as a core
 * trial (losses minimised). Feedback may come later than the next step, in any order.
 * Without an algorithm the loop samples uniformly at random.
 */
export function sample<S>(space: Template<S>, algorithm?: Algorithm<DNA>, options?: SampleOptions): AsyncGenerator<[Infer<S>, Feedback], void, undefined>;
export function sample<S>(space: S, algorithm?: Algorithm<DNA>, options?: SampleOptions): AsyncGenerator<[Infer<S>, Feedback], void, undefined>;
export function sample<S>(space: S | Template<S>, algorithm?: Algorithm<DNA>, options: SampleOptions = {}): AsyncGenerator<[Infer<S>, Feedback], void, undefined> {
  const compiled = space instanceof Template ? (space as Template<S>) : new Template(space);
  const numExamples = options.numExamples ?? Infinity;
  if (numExamples !== Infinity) wholeNumber('sample', 'numExamples', numExamples, 0);
  const objectives = readObjectives(options.objectives ?? REWARD);
  const search = algorithm ?? uniformSearch(compiled);
  if (typeof search.propose !== 'function' || typeof search.feedback !== 'function') throw new UsageError('sample: algorithm must have propose and feedback');
  const session = new SampleSession(compiled, search, objectives, options.earlyStopping, options.onTrial);
  return session.run(numExamples, new Rng(options.seed ?? 0));
}

class SampleSession<S> implements FeedbackSink {
  readonly width: number;
  private readonly keyOf: (dna: DNA) => string;
  private readonly failedValues: readonly number[];
  private readonly failedLoss: readonly number[];
  private startedAt = 0;

  constructor(
    private readonly compiled: Template<S>,
    private readonly algorithm: Algorithm<DNA>,
    private readonly objectives: readonly Objective[],
    private readonly policy: EarlyStoppingPolicy | undefined,
    private readonly onTrial: ((trial: Trial<DNA>) => void) | undefined,
  ) {
    this.width = objectives.length;
    this.keyOf = (dna) => compiled.key(dna);
    this.failedValues = Object.freeze(objectives.map(() => NaN));
    this.failedLoss = Object.freeze(objectives.map(() => Infinity));
  }

  async *run(numExamples: number, rng: Rng): AsyncGenerator<[Infer<S>, Feedback], void, undefined> {
    this.startedAt = performance.now();
    for (let id = 0; id < numExamples; id++) {
      const dna = this.algorithm.propose(rng);
      yield [this.compiled.decode(dna), createFeedback(this, id, dna)];
    }
  }

  finish(trialId: number, dna: DNA, values: readonly number[] | undefined, error: string | undefined): void {
    const finishedMs = performance.now() - this.startedAt;
    let why = error;
    if (values !== undefined && why === undefined) for (const v of values) if (!Number.isFinite(v)) why = 'non-finite objective';
    const trial =
      why === undefined && values !== undefined
        ? new SampleTrial(trialId, dna, this.keyOf, 'done', values, lossOf(this.objectives, values), undefined, finishedMs)
        : new SampleTrial(trialId, dna, this.keyOf, 'failed', values ?? this.failedValues, this.failedLoss, why, finishedMs);
    this.algorithm.feedback(trial);
    this.onTrial?.(trial);
  }

  report(trialId: number, step: number, values: readonly number[]): boolean {
    const policy = this.policy;
    if (policy === undefined) return false;
    const report = { trialId, step, values, loss: lossOf(this.objectives, values), objectives: this.objectives };
    policy.observe(report);
    return policy.shouldStop(report);
  }
}

function uniformSearch(compiled: Template<unknown>): Algorithm<DNA> {
  return { propose: (rng) => compiled.random(rng), feedback: () => {}, snapshot: () => ({ algorithm: 'uniform' }) };
}

function readObjectives(objectives: readonly Objective[]): readonly Objective[] {
  if (!Array.isArray(objectives) || objectives.length === 0) throw new UsageError('sample: objectives must be a non-empty array');
  for (const o of objectives) {
    if (typeof o?.name !== 'string' || (o.goal !== 'min' && o.goal !== 'max')) {
      throw new UsageError(`sample: each objective needs a name and a goal of 'min' or 'max', got ${JSON.stringify(o)}`);
    }
  }
  return objectives;
}
