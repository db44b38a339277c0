import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { avalanche } from './hash-mix.ts';

const TWO_POW_53 = 9007199254740992;

/**
 * A seeded, mutable random number generator (xoroshiro128+ from pure-rand).
 * Every random choice in Amoeba flows from an Rng, so a seed replays a run bit for bit.
 */
export class Rng {
  private generator: JumpableRandomGenerator;
  private spareNormal: number | undefined = undefined;

  constructor(seed: number | JumpableRandomGenerator) {
    this.generator = typeof seed === 'number' ? xoroshiro128plus(seed | 0) : seed;
  }

  /** Rebuilds a generator from `state()`, so a snapshot resumes the same stream. */
  static fromState(state: readonly number[]): Rng {
    return new Rng(xoroshiro128plusFromState(state));
  }

  /** The generator's internal state, as plain numbers (JSON-safe). */
  state(): number[] {
    return [...this.generator.getState()];
  }

  /** The whole state, including a normal deviate drawn but not yet returned, as JSON. */
  save(): { state: number[]; spare: number | null } {
    return { state: this.state(), spare: this.spareNormal ?? null };
  }

  /** Rebuilds a generator from `save()`: it continues exactly where the saved one was. */
  static restore(saved: unknown): Rng {
    const { state, spare } = saved as { state: number[]; spare: number | null };
    const rng = Rng.fromState(state);
    rng.spareNormal = spare ?? undefined;
    return rng;
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    return this.generator.next() >>> 0;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  float(): number {
    const high = this.generator.next() >>> 5; // 27 bits
    const low = this.generator.next() >>> 6; // 26 bits
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /** A uniform integer in [0, n). `n` must be a positive integer below 2^32. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** A uniform integer in [min, max], both inclusive. */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** A uniform float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A standard normal deviate (Marsaglia polar method). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.float() - 1;
      v = 2 * this.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    return u * factor;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: the array is empty');
    return items[this.int(items.length)] as T;
  }

  /** A new array with the items in a uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = out[i] as T;
      out[i] = out[j] as T;
      out[j] = t;
    }
    return out;
  }

  /** An independent generator whose stream is fixed by this one's next draw. */
  fork(): Rng {
    return new Rng(this.uint32() ^ ((this.uint32() * 31) | 0));
  }
}

/**
 * Mixes two integers into one well-spread 32-bit seed (a murmur3-style finalizer), so that
 * each trial's seed depends only on (study seed, trial id), whatever order trials run in.
 */
export function mixSeed(a: number, b: number): number {
  return avalanche(Math.imul(a | 0, 0x9e3779b1) ^ Math.imul(b | 0, 0x85ebca6b), 0x7feb352d, 15, 0x846ca68b);
}

