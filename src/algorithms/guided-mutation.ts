import type { Rng } from '../core/rng.ts';
import type { Space } from '../core/types.ts';
import type { OnlineDiscriminator } from '../learn/guide/online-discriminator.ts';

/** How a guided mutation decides, and what it has done so far. */
export interface GuidedMutationSettings {
  /** Accept a child whose P(child beats parent) is above this (default 0.5). */
  readonly threshold: number;
  /** Candidate children per mutation: R in PAM-RT (default 8). */
  readonly maxTries: number;
  /** Further mutations of an accepted child while each is predicted to beat the one before (default 0). */
  readonly adaptiveSteps: number;
}

/** Counters of the guided mutations made: plain numbers, kept in the snapshot. */
export interface GuidedMutationCounts {
  /** Mutations asked for while the discriminator was ready. */
  guided: number;
  /** Of those, how many found a child above the threshold. */
  accepted: number;
  /** Sum over accepted mutations of the candidates examined up to and including the accepted one. */
  triesToAccept: number;
  /** Extra steps taken by adaptive mutation. */
  adaptiveSteps: number;
}

/** A zeroed set of counts. */
export function noMutationCounts(): GuidedMutationCounts {
  return { guided: 0, accepted: 0, triesToAccept: 0, adaptiveSteps: 0 };
}

/** What the mutation predicted for the child it returned: P(child beats parent). */
export interface MutationPrediction {
  readonly probability: number;
  readonly parentKey: string;
}

/**
 * PAM-RT (Co-Reyes, Miao et al. 2024): draw `maxTries` children of the parent, ask the
 * discriminator about all of them in one batch, and return the first whose probability of
 * beating the parent is above the threshold; when none is, the one it rates highest (our
 * choice: the paper's text leaves the fall-back open, and an evaluation is spent either way).
 * Drawing all R at once costs R mutations where fewer might do, but one forward pass of R + 1
 * graphs costs about as much as one of two. A child identical to its parent scores exactly
 * 0.5, so with the default threshold it is never accepted.
 */
export function guidedMutate<G>(space: Space<G>, discriminator: OnlineDiscriminator<G>, settings: GuidedMutationSettings, counts: GuidedMutationCounts, parent: G, rng: Rng): { child: G; prediction: MutationPrediction } {
  const children = Array.from({ length: settings.maxTries }, () => space.mutate(parent, rng));
  const probabilities = discriminator.probabilities(parent, children);
  counts.guided++;
  let chosen = probabilities.findIndex((p) => p > settings.threshold);
  if (chosen >= 0) {
    counts.accepted++;
    counts.triesToAccept += chosen + 1;
  } else {
    chosen = probabilities.reduce((best, p, i) => (p > probabilities[best]! ? i : best), 0);
  }
  let child: G = children[chosen] as G;
  const parentKey = space.key(parent);
  if (probabilities[chosen]! <= settings.threshold) return { child, prediction: { probability: probabilities[chosen]!, parentKey } };
  // Adaptive mutation: keep stepping while the next child is predicted to beat the current one.
  for (let step = 0; step < settings.adaptiveSteps; step++) {
    const next = space.mutate(child, rng);
    if (discriminator.probabilities(child, [next])[0]! <= settings.threshold) break;
    child = next;
    counts.adaptiveSteps++;
  }
  return { child, prediction: { probability: probabilities[chosen]!, parentKey } };
}
