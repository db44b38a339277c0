import type { OnlineDiscriminator } from '../learn/guide/online-discriminator.ts';
import type { GuidedMutationCounts } from './guided-mutation.ts';

/** A guided run's counters, as its snapshot keeps them. */
export interface GuidedProgress {
  /** Trials fed back. */
  trials: number;
  /** The trial count at the last training, −1 before the first. */
  trainedAt: number;
  proposals: number;
  counts: GuidedMutationCounts;
  /** Held-out pair accuracy measured before each retraining, on the trials since the last one. */
  heldOut: { trials: number; accuracy: number; pairs: number }[];
  /** Predictions about a child against its parent, checked once the child was evaluated. */
  decisions: { right: number; total: number };
  /** Wall time of the run so far (since the algorithm was built, across resumes). */
  elapsedMs: number;
}

/** What `amoeba show` prints for a guided study: plain numbers and one series. */
export interface GuidedDiagnostics {
  readonly 'guided mutations': number;
  /** Share of guided mutations that found a child above the threshold. */
  readonly 'acceptance rate': number;
  /** Mean candidates examined per accepted child (1 = the first one passed). */
  readonly 'tries per accepted child': number;
  readonly 'adaptive steps': number;
  /** The last held-out pair accuracy, NaN before there is one. */
  readonly 'held-out pair accuracy': number;
  /** Share of checked predictions "child beats parent" that came true. */
  readonly 'child-vs-parent accuracy': number;
  readonly 'discriminator training ms': number;
  readonly 'discriminator prediction ms': number;
  readonly 'discriminator training steps': number;
  /** (training + prediction) / wall time of the run. */
  readonly 'discriminator share of run time': number;
  /** [trials, held-out accuracy] after each retraining. */
  readonly 'held-out pair accuracy by trials': [number, number][];
}

/** The diagnostics of a guided run from its counters and its discriminator. */
export function guidedDiagnostics<G>(p: GuidedProgress, discriminator: OnlineDiscriminator<G>, elapsedMs: number): GuidedDiagnostics {
  const { guided, accepted, triesToAccept, adaptiveSteps } = p.counts;
  const last = p.heldOut[p.heldOut.length - 1];
  return {
    'guided mutations': guided,
    'acceptance rate': guided > 0 ? accepted / guided : NaN,
    'tries per accepted child': accepted > 0 ? triesToAccept / accepted : NaN,
    'adaptive steps': adaptiveSteps,
    'held-out pair accuracy': last?.accuracy ?? NaN,
    'child-vs-parent accuracy': p.decisions.total > 0 ? p.decisions.right / p.decisions.total : NaN,
    'discriminator training ms': discriminator.trainMs,
    'discriminator prediction ms': discriminator.predictMs,
    'discriminator training steps': discriminator.trainSteps,
    'discriminator share of run time': elapsedMs > 0 ? (discriminator.trainMs + discriminator.predictMs) / elapsedMs : NaN,
    'held-out pair accuracy by trials': p.heldOut.map((h) => [h.trials, h.accuracy]),
  };
}
