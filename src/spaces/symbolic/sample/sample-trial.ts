import type { Json, Trial, TrialStatus } from '../../../core/types.ts';
import type { DNA } from '../dna/dna.ts';

/**
 * A finished trial of the sample loop. Its structural key is computed only when read, since
 * most algorithms never read it and the loop should cost little per trial.
 */
export class SampleTrial implements Trial<DNA> {
  readonly hash = undefined;
  readonly cached = false;
  readonly info: { readonly [key: string]: Json } | undefined = undefined;

  constructor(
    readonly id: number,
    readonly genotype: DNA,
    private readonly keyOf: (dna: DNA) => string,
    readonly status: TrialStatus,
    readonly values: readonly number[],
    readonly loss: readonly number[],
    readonly error: string | undefined,
    readonly finishedMs: number,
  ) {}

  get key(): string {
    return this.keyOf(this.genotype);
  }
}
