import { UsageError } from '../../../core/errors.ts';
import type { Rng } from '../../../core/rng.ts';
import type { Json, Space } from '../../../core/types.ts';
import { pruneNb101 } from './domain.ts';
import { Nb101HashMemo } from './hash-memo.ts';
import { notebookMutation, randomNb101Spec, singleVariableMutation } from './mutations.ts';
import { copySpec } from './spec.ts';
import type { Nb101Spec } from './spec.ts';

/** How `nasBench101Space` mutates a cell. */
export type Nb101MutationKind = 'notebook' | 'single';

/** Options of `nasBench101Space`. */
export interface Nb101SpaceOptions {
  /**
   * `'notebook'` (default): every edge flips with p = rate/7 and every op changes with
   * p = rate/5, as in the NAS-Bench-101 notebook; `'single'`: exactly one edge or op changes.
   */
  readonly mutation?: Nb101MutationKind;
  /** Scales the notebook mutation's probabilities; 1 by default, as in the notebook. */
  readonly mutationRate?: number;
}

/**
 * The NAS-Bench-101 cell space: 7-vertex cells drawn as in the paper's notebook, mutated on
 * the unpruned matrix and retried until valid, keyed by the dataset's module hash (so
 * isomorphic cells share a key).
 *
 * @example
 * const space = nasBench101Space({ mutation: 'single' });
 * const child = space.mutate(space.random(new Rng(1)), new Rng(2));
 */
export function nasBench101Space(options: Nb101SpaceOptions = {}): Space<Nb101Spec> {
  const mutation = options.mutation ?? 'notebook';
  const rate = options.mutationRate ?? 1;
  if (mutation !== 'notebook' && mutation !== 'single') {
    throw new UsageError(`nasBench101Space: mutation must be 'notebook' or 'single', got '${String(mutation)}'`);
  }
  if (!(rate > 0 && rate <= 5)) throw new UsageError(`nasBench101Space: mutationRate must be in (0, 5], got ${rate}`);
  return new Nb101Space(mutation, rate);
}

class Nb101Space implements Space<Nb101Spec> {
  private readonly memo = new Nb101HashMemo();

  constructor(
    private readonly mutation: Nb101MutationKind,
    private readonly rate: number,
  ) {}

  random(rng: Rng): Nb101Spec {
    return randomNb101Spec(rng);
  }

  mutate(g: Nb101Spec, rng: Rng): Nb101Spec {
    return this.mutation === 'single' ? singleVariableMutation(g, rng) : notebookMutation(g, rng, this.rate);
  }

  key(g: Nb101Spec): string {
    return this.memo.hash(g);
  }

  toJSON(g: Nb101Spec): Json {
    return copySpec(g);
  }

  fromJSON(json: unknown): Nb101Spec {
    pruneNb101(json);
    return copySpec(json as Nb101Spec);
  }
}
