import { LruMap } from '../core/lru-map.ts';
import type { CacheLookup, CacheStats, EvaluationCache } from '../core/plugs.ts';
import { Rng } from '../core/rng.ts';
import type { Json, Measurement } from '../core/types.ts';
import { DEFAULT_MANTISSA_BITS, hashQuantized } from './functional-hash.ts';
import { FLOAT64_MANTISSA_BITS } from './quantize.ts';
import { numberIn, wholeNumber } from '../core/options.ts';

/** Options of `fecCache`. */
export interface FecCacheOptions {
  /** Most entries kept; the least recently used one is evicted beyond it. Default 100,000. */
  readonly capacity?: number;
  /** Evaluations averaged before an entry answers lookups. Default 1 (answer at once). */
  readonly maxEvals?: number;
  /** Chance that a hit forgets its entry, so a lucky mean gets re-measured. Default 0. */
  readonly removalProbability?: number;
  /** Mantissa bits kept per fingerprint value when hashing (0..52). Default 20. */
  readonly mantissaBits?: number;
  /** Seed of the cache's own Rng, used only for removals. Default 0. */
  readonly seed?: number;
}

/** A functional-equivalence cache whose counters can also be read one by one. */
export interface FecCache extends EvaluationCache {
  /** The entry's evaluation count and mean values, or undefined when absent (no LRU touch). */
  peek(hash: string): { readonly evaluations: number; readonly values: readonly number[] } | undefined;
}

interface Entry {
  /** Sum of every recorded evaluation, per objective. */
  sums: number[];
  evaluations: number;
  info: { readonly [key: string]: Json } | undefined;
}

/**
 * A functional-equivalence cache (FEC, as in Unified Functional Hashing, Gillard et al.
 * 2023): programs whose fingerprints hash equal share one entry. An entry answers lookups
 * with the mean of its recorded measurements once it holds `maxEvals` of them; before that a
 * lookup misses, so the study evaluates again and `record` adds to the mean. Eviction is
 * least-recently-used at `capacity`; each hit removes its entry with `removalProbability`.
 * A hit carries the `info` of the latest recorded evaluation.
 *
 * @example
 * const cache = fecCache({ capacity: 10_000, maxEvals: 3 });
 * await new Study({ space, task, algorithm, cache, budgetTrials: 5000 }).run(); // task.fingerprint needed
 */
export function fecCache(options: FecCacheOptions = {}): FecCache {
  const capacity = wholeNumber('fecCache', 'capacity', options.capacity ?? 100_000, 1);
  const maxEvals = wholeNumber('fecCache', 'maxEvals', options.maxEvals ?? 1, 1);
  const removalProbability = numberIn('fecCache', 'removalProbability', options.removalProbability ?? 0, 0, 1);
  const bits = wholeNumber('fecCache', 'mantissaBits', options.mantissaBits ?? DEFAULT_MANTISSA_BITS, 0, FLOAT64_MANTISSA_BITS);
  const seed = wholeNumber('fecCache', 'seed', options.seed ?? 0, -(2 ** 31), 2 ** 31 - 1);
  return new LruFecCache(capacity, maxEvals, removalProbability, FLOAT64_MANTISSA_BITS - bits, new Rng(seed));
}

class LruFecCache implements FecCache {
  private readonly entries: LruMap<string, Entry>;
  private hits = 0;
  private misses = 0;

  constructor(
    capacity: number,
    private readonly maxEvals: number,
    private readonly removalProbability: number,
    private readonly dropBits: number,
    private readonly rng: Rng,
  ) {
    this.entries = new LruMap(capacity);
  }

  lookup(fingerprint: Float64Array): CacheLookup {
    const hash = hashQuantized(fingerprint, this.dropBits);
    const entry = this.entries.get(hash);
    if (entry === undefined || entry.evaluations < this.maxEvals) {
      this.misses++;
      return { hash, measurement: undefined };
    }
    this.hits++;
    if (this.removalProbability > 0 && this.rng.chance(this.removalProbability)) this.entries.delete(hash);
    const measurement: Measurement = entry.info === undefined ? { values: mean(entry) } : { values: mean(entry), info: entry.info };
    return { hash, measurement };
  }

  record(hash: string, measurement: Measurement): void {
    const values = measurement.values;
    const entry = this.entries.get(hash);
    if (entry === undefined || entry.sums.length !== values.length) {
      this.entries.set(hash, { sums: values.slice(), evaluations: 1, info: measurement.info });
      return;
    }
    for (let i = 0; i < values.length; i++) entry.sums[i]! += values[i] as number;
    entry.evaluations++;
    entry.info = measurement.info;
  }

  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, size: this.entries.size };
  }

  peek(hash: string): { readonly evaluations: number; readonly values: readonly number[] } | undefined {
    const entry = this.entries.peek(hash);
    return entry && { evaluations: entry.evaluations, values: mean(entry) };
  }
}

function mean(entry: Entry): number[] {
  return entry.sums.map((sum) => sum / entry.evaluations);
}
