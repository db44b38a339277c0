import { UsageError } from '../../../core/errors.ts';
import { wholeNumber } from '../../../core/options.ts';
import type { DNA } from '../dna/dna.ts';

/** A reward (one objective) or the objective values, in the order of the loop's objectives. */
export type SampleResult = number | readonly number[];

/**
 * What the sample loop hands out with each value: call it with the result, or `skip()` it.
 * Intermediate results go through `report(step, result)`, which asks the early-stopping
 * policy; after a stop, `done()` finishes with the last report.
 */
export interface Feedback {
  /** Finishes the trial with its result; a non-finite value fails the trial. */
  (result: SampleResult): void;
  /** The trial's id (0, 1, ... in proposal order). */
  readonly trialId: number;
  /** The DNA that was decoded into the value. */
  readonly dna: DNA;
  /** Ends the trial without a result: the algorithm sees a failed trial with this reason. */
  skip(reason?: string): void;
  /** Records an intermediate result; returns true when the early-stopping policy says to stop. */
  report(step: number, result: SampleResult): boolean;
  /** Finishes the trial with its last reported result (for example after an early stop). */
  done(): void;
  /** True once the policy has said to stop this trial. */
  stopped(): boolean;
}

/** What a feedback reports back to its loop. */
export interface FeedbackSink {
  finish(trialId: number, dna: DNA, values: readonly number[] | undefined, error: string | undefined): void;
  report(trialId: number, step: number, values: readonly number[]): boolean;
  width: number;
}

/** Turns a result into objective values, checking its length against the loop's objectives. */
export function resultValues(result: SampleResult, width: number): readonly number[] {
  const values = typeof result === 'number' ? [result] : result;
  if (!Array.isArray(values) || values.length !== width || values.some((v) => typeof v !== 'number')) {
    throw new UsageError(`feedback expects ${width === 1 ? 'one number' : `${width} numbers`} (one per objective), got ${JSON.stringify(result)}`);
  }
  return values;
}

/** One trial's progress: whether it finished, its last report, and the policy's verdict. */
class TrialState {
  finished = false;
  stop = false;
  last: readonly number[] | undefined = undefined;

  constructor(
    readonly sink: FeedbackSink,
    readonly trialId: number,
    readonly dna: DNA,
  ) {}

  finish(values: readonly number[] | undefined, error: string | undefined): void {
    if (this.finished) throw new UsageError(`feedback for trial ${this.trialId} was already given`);
    this.finished = true;
    this.sink.finish(this.trialId, this.dna, values, error);
  }

  report(step: number, result: SampleResult): boolean {
    if (this.finished) throw new UsageError(`trial ${this.trialId} is finished; report before giving the final result`);
    wholeNumber('feedback.report', 'step', step, 0);
    this.last = resultValues(result, this.sink.width);
    if (this.sink.report(this.trialId, step, this.last)) this.stop = true;
    return this.stop;
  }

  done(): void {
    if (this.last === undefined) throw new UsageError(`trial ${this.trialId} has no report yet; call feedback(result) instead`);
    this.finish(this.last, undefined);
  }
}

type WritableFeedback = ((result: SampleResult) => void) & { -readonly [K in keyof Feedback]: Feedback[K] };

/** Makes the feedback of one trial; it may be called once (then further calls are a UsageError). */
export function createFeedback(sink: FeedbackSink, trialId: number, dna: DNA): Feedback {
  const state = new TrialState(sink, trialId, dna);
  // The callable comes in as an argument, not as `const f = () => ...`: tsx keeps function
  // names by wrapping each named function expression in a defineProperty call, which costs
  // microseconds per trial; member assignments below are not wrapped.
  return withMethods(state, (result: SampleResult) => state.finish(resultValues(result, sink.width), undefined));
}

function withMethods(state: TrialState, call: (result: SampleResult) => void): Feedback {
  const feedback = call as WritableFeedback;
  feedback.trialId = state.trialId;
  feedback.dna = state.dna;
  feedback.skip = (reason?: string) => state.finish(undefined, reason === undefined ? 'skipped' : `skipped: ${reason}`);
  feedback.report = (step: number, result: SampleResult) => state.report(step, result);
  feedback.done = () => state.done();
  feedback.stopped = () => state.stop;
  return feedback;
}
