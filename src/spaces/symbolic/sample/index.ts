/** The sample loop and early stopping. */
export { sample } from './sample.ts';
export type { SampleOptions } from './sample.ts';
export type { Feedback, SampleResult } from './feedback.ts';
export { earlyStopByRank, earlyStopByValue, stopIfAll, stopIfAny, stopIfNot } from './early-stopping.ts';
export type { EarlyStoppingPolicy, StepReport, StopByRankOptions, StopByValueOptions } from './early-stopping.ts';
