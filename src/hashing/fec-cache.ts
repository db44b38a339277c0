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
  readonly hash: string;
  /** Sum of every recorded evaluation, per objective. */
  sums: number[];
  evaluations: number;
  info: { readonly [key: string]: Json } | undefined;
  /** Neighbours in recency order: `older` toward the next eviction, `newer` toward the last use. */
  older: Entry | undefined;
  newer: Entry | undefined;
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
  // Recency lives in a linked list rather than in the Map's insertion order: a hit then moves
  // two pointers instead of deleting and re-inserting a key, which leaves the Map untouched.
  private readonly entries = new Map<string, Entry>();
  private oldest: Entry | undefined = undefined;
  private newest: Entry | undefined = undefined;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxEvals: number,
    private readonly removalProbability: number,
    private readonly dropBits: number,
    private readonly rng: Rng,
  ) {}

  lookup(fingerprint: Float64Array): CacheLookup {
    const hash = hashQuantized(fingerprint, this.dropBits);
    const entry = this.entries.get(hash);
    if (entry === undefined) {
      this.misses++;
      return { hash, measurement: undefined };
    }
    if (entry.evaluations < this.maxEvals) {
      this.misses++;
      this.touch(entry);
      return { hash, measurement: undefined };
    }
    this.hits++;
    if (this.removalProbability > 0 && this.rng.chance(this.removalProbability)) this.remove(entry);
    else this.touch(entry);
    const measurement: Measurement = entry.info === undefined ? { values: mean(entry) } : { values: mean(entry), info: entry.info };
    return { hash, measurement };
  }

  record(hash: string, measurement: Measurement): void {
    const values = measurement.values;
    const entry = this.entries.get(hash);
    if (entry === undefined || entry.sums.length !== values.length) {
      if (entry !== undefined) this.remove(entry);
      const added: Entry = { hash, sums: values.slice(), evaluations: 1, info: measurement.info, older: undefined, newer: undefined };
      this.entries.set(hash, added);
      this.append(added);
      if (this.entries.size > this.capacity) this.remove(this.oldest!);
      return;
    }
    for (let i = 0; i < values.length; i++) entry.sums[i]! += values[i] as number;
    entry.evaluations++;
    entry.info = measurement.info;
    this.touch(entry);
  }

  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, size: this.entries.size };
  }

  peek(hash: string): { readonly evaluations: number; readonly values: readonly number[] } | undefined {
    const entry = this.entries.get(hash);
    return entry && { evaluations: entry.evaluations, values: mean(entry) };
  }

  /** Marks `entry` as the most recently used. */
  private touch(entry: Entry): void {
    if (entry === this.newest) return;
    this.unlink(entry);
    this.append(entry);
  }

  private remove(entry: Entry): void {
    this.unlink(entry);
    this.entries.delete(entry.hash);
  }

  private append(entry: Entry): void {
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest === undefined) this.oldest = entry;
    else this.newest.newer = entry;
    this.newest = entry;
  }

  private unlink(entry: Entry): void {
    if (entry.older === undefined) this.oldest = entry.newer;
    else entry.older.newer = entry.newer;
    if (entry.newer === undefined) this.newest = entry.older;
    else entry.newer.older = entry.older;
    entry.older = undefined;
    entry.newer = undefined;
  }
}

function mean(entry: Entry): number[] {
  return entry.sums.map((sum) => sum / entry.evaluations);
}
