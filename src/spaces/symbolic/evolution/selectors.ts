import { environmentalSelection } from '../../../algorithms/nsga2-selection.ts';
import { tournamentIndex } from '../../../algorithms/tournament.ts';
import type { Rng } from '../../../core/rng.ts';
import { wholeNumber } from '../../../core/options.ts';
import type { Individual, Operator } from './operator.ts';

/** Options of `selectTop`, `selectBottom` and `selectTournament`. */
export interface RankOptions {
  /** Which loss to rank by. Default 0. */
  readonly objective?: number;
  /** Which of two equal individuals ranks first: the earlier in the input (default) or the later. */
  readonly ties?: 'older' | 'newer';
}

/** Options of `selectRandom`. */
export interface RandomOptions {
  /** Draw independently (an individual may come twice). Default false: distinct individuals. */
  readonly replacement?: boolean;
}

/** n individuals drawn uniformly (distinct unless `replacement`; all of them when fewer than n, in random order). */
export function selectRandom(n: number, options: RandomOptions = {}): Operator {
  wholeNumber('selectRandom', 'n', n, 1);
  const replacement = options.replacement ?? false;
  return (individuals, { rng }) => {
    const size = individuals.length;
    if (size === 0) return [];
    const out: Individual[] = [];
    if (replacement) {
      for (let i = 0; i < n; i++) out.push(individuals[rng.int(size)]!);
      return out;
    }
    for (const i of distinctIndices(size, Math.min(n, size), rng)) out.push(individuals[i]!);
    return out;
  };
}

/**
 * m distinct indices below `size` in uniformly random order: Floyd's algorithm picks a
 * uniform set in O(m) draws, and a shuffle of that small set makes the order uniform too
 * (Floyd's own order is not: the larger indices tend to come last).
 */
function distinctIndices(size: number, m: number, rng: Rng): number[] {
  const chosen: number[] = [];
  for (let j = size - m; j < size; j++) {
    const t = rng.int(j + 1);
    chosen.push(chosen.includes(t) ? j : t);
  }
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const swap = chosen[i]!;
    chosen[i] = chosen[j]!;
    chosen[j] = swap;
  }
  return chosen;
}

/** The n individuals with the smallest loss (unmeasured and NaN count as +Infinity), best first. */
export function selectTop(n: number, options: RankOptions = {}): Operator {
  wholeNumber('selectTop', 'n', n, 1);
  return ranked('selectTop', n, options, 1);
}

/** The n individuals with the largest loss, worst first. */
export function selectBottom(n: number, options: RankOptions = {}): Operator {
  wholeNumber('selectBottom', 'n', n, 1);
  return ranked('selectBottom', n, options, -1);
}

/** The first n individuals of the input (the oldest, in a population kept in arrival order). */
export function selectFirst(n: number): Operator {
  wholeNumber('selectFirst', 'n', n, 1);
  return (individuals) => individuals.slice(0, n);
}

/** The last n individuals of the input (the youngest): the aging update of regularized evolution. */
export function selectLast(n: number): Operator {
  wholeNumber('selectLast', 'n', n, 1);
  return (individuals) => (individuals.length <= n ? individuals : individuals.slice(individuals.length - n));
}

/**
 * The winner of a tournament: the best of `size` distinct random individuals (with
 * `replacement`, drawn independently), by the core's tournament selection. Ties go to the
 * earlier in the input, or the later with `ties: 'newer'`.
 */
export function selectTournament(size: number, options: RankOptions & RandomOptions = {}): Operator {
  wholeNumber('selectTournament', 'size', size, 1);
  const score = lossScore('selectTournament', options, 1);
  const replacement = options.replacement ?? false;
  const olderWins = (options.ties ?? 'older') === 'older';
  return (individuals, { rng }) => {
    if (individuals.length === 0) return [];
    const winner = tournamentIndex(individuals.length, size, replacement, rng, (i) => score(individuals[i]!), olderWins);
    return [individuals[winner]!];
  };
}

/**
 * The n best by NSGA-II's order (Deb et al. 2002), with the core's environmental selection:
 * whole non-dominated fronts first, then the most isolated members (largest crowding
 * distance) of the front that does not fit. Unmeasured and NaN losses count as +Infinity.
 */
export function selectPareto(n: number): Operator {
  wholeNumber('selectPareto', 'n', n, 1);
  return (individuals) => {
    if (individuals.length <= n) return individuals;
    const width = individuals.find((ind) => ind.loss !== undefined)?.loss?.length ?? 1;
    return environmentalSelection(individuals.map((ind) => lossVector(ind, width)), n).map((i) => individuals[i]!);
  };
}

function lossVector(ind: Individual, width: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const v = ind.loss?.[i];
    out.push(v === undefined || v !== v ? Infinity : v);
  }
  return out;
}

/** An individual's score on the chosen objective, times `direction`; unmeasured and NaN count as worst. */
function lossScore(owner: string, options: RankOptions, direction: 1 | -1): (ind: Individual) => number {
  const objective = wholeNumber(owner, 'objective', options.objective ?? 0, 0);
  return (ind) => {
    const v = ind.loss?.[objective];
    return v === undefined || v !== v ? direction * Infinity : direction * v;
  };
}

function ranked(owner: string, n: number, options: RankOptions, direction: 1 | -1): Operator {
  const score = lossScore(owner, options, direction);
  const newerFirst = (options.ties ?? 'older') === 'newer';
  return (individuals) => {
    if (n === 1) {
      let best = -1;
      let bestScore = Infinity;
      for (let i = 0; i < individuals.length; i++) {
        const s = score(individuals[i]!);
        if (best < 0 || s < bestScore || (newerFirst && s === bestScore)) {
          best = i;
          bestScore = s;
        }
      }
      return best < 0 ? [] : [individuals[best]!];
    }
    const order = individuals.map((_, i) => i);
    order.sort((a, b) => score(individuals[a]!) - score(individuals[b]!) || (newerFirst ? b - a : a - b));
    return order.slice(0, n).map((i) => individuals[i]!);
  };
}
