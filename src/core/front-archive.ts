import { dominates } from './pareto.ts';
import type { Trial } from './types.ts';

/**
 * The non-dominated finished trials of a study, one per structural key and one per loss
 * vector, in the order found: a new trial joins unless a kept one has its key, its losses
 * or losses that dominate it, and it pushes out every kept trial it dominates.
 */
export class FrontArchive<G> {
  private kept: Trial<G>[] = [];

  /** The trials kept, in the order they joined. */
  trials(): readonly Trial<G>[] {
    return this.kept;
  }

  /** The kept trial with the smallest first loss (ties: the earliest). */
  best(): Trial<G> | undefined {
    let best: Trial<G> | undefined;
    for (const t of this.kept) if (best === undefined || (t.loss[0] as number) < (best.loss[0] as number)) best = t;
    return best;
  }

  /** True when a trial with this key and these losses would join. */
  accepts(key: string, loss: readonly number[]): boolean {
    for (const kept of this.kept) if (kept.key === key || dominates(kept.loss, loss) || sameLoss(kept.loss, loss)) return false;
    return true;
  }

  /** Adds the trial when it is accepted; returns true when it joined. */
  add(trial: Trial<G>): boolean {
    if (!this.accepts(trial.key, trial.loss)) return false;
    this.kept = this.kept.filter((kept) => !dominates(trial.loss, kept.loss));
    this.kept.push(trial);
    return true;
  }
}

function sameLoss(a: readonly number[], b: readonly number[]): boolean {
  return a.every((v, i) => v === b[i]);
}
