import type { Algorithm, Space, Task, Trial } from '../../src/core/index.ts';
import type { Rng } from '../../src/core/rng.ts';

/** Integers in [0, 1000); mutation steps by ±1..3. A space small enough to reason about. */
export const integerSpace: Space<number> = {
  random: (rng) => rng.int(1000),
  mutate: (g, rng) => Math.min(999, Math.max(0, g + (rng.chance(0.5) ? 1 : -1) * rng.intBetween(1, 3))),
  key: (g) => String(g),
  toJSON: (g) => g,
  fromJSON: (j) => j as number,
};

/** Distance to 500, minimised. */
export const distanceTask: Task<number> = {
  id: 'distance',
  objectives: [{ name: 'distance', goal: 'min' }],
  evaluate: (g) => ({ values: [Math.abs(g - 500)] }),
};

/** Proposes uniformly at random and remembers what it was told. */
export class RecordingRandomSearch implements Algorithm<number> {
  readonly seen: Trial<number>[] = [];
  propose(rng: Rng): number {
    return integerSpace.random(rng);
  }
  feedback(trial: Trial<number>): void {
    this.seen.push(trial);
  }
  snapshot() {
    return { seen: this.seen.length };
  }
}

/** Proposes 0, 1, 2, … so a test knows which trial gets which genotype; remembers what it was told. */
export class CountingAlgorithm implements Algorithm<number> {
  private next = 0;
  readonly seen: Trial<number>[] = [];
  propose(_rng: Rng): number {
    return this.next++;
  }
  feedback(trial: Trial<number>): void {
    this.seen.push(trial);
  }
  snapshot() {
    return { next: this.next };
  }
}
