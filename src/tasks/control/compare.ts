import { Rng, mixSeed } from '../../core/rng.ts';
import { meanInterval } from '../../core/statistics.ts';
import { HELD_OUT_FAMILIES, STATIONARY, type CataclysmFamily } from './cataclysms.ts';
import { scorePolicy, type Policy } from './episode.ts';
import { evolutionStrategy } from './evolution-strategy.ts';
import { lstmPolicy, mlpPolicy, type NetworkPolicy } from './network-policies.ts';
import { controlTask, type ControlTaskConfig } from './policy-task.ts';
import { registerPolicy } from './register-policy.ts';
import { TEST_SEED, searchPolicies } from './search.ts';

/** The methods compared: evolved register programs, and MLP and LSTM policies trained by ES. */
export const METHODS = ['arz', 'mlp', 'lstm'] as const;
export type Method = (typeof METHODS)[number];

/** Settings of one comparison. */
export interface ComparisonOptions {
  readonly task: ControlTaskConfig;
  /**
   * Episodes each method may run in search, per seed: ES spends the task's search episodes on
   * every evaluation; ARZ its probe episodes on every trial, counted as whole episodes though
   * they last 100 steps, and its search episodes on every trial the cache does not answer.
   */
  readonly budgetEpisodes: number;
  readonly seeds: readonly number[];
  /** Test episodes per family and policy (default 50). */
  readonly testEpisodes?: number;
  readonly families?: readonly CataclysmFamily[];
  /** MLP hidden widths (default [16]) and LSTM units (default 8). */
  readonly mlpHidden?: readonly number[];
  readonly lstmHidden?: number;
  /** Told of each trained policy: its search return, and the trials (ARZ) or evaluations (ES) it took. */
  readonly onRun?: (method: Method, seed: number, searchReturn: number, searched: number) => void;
}

/** One method on one family: per-seed mean returns and survival rates, and their summaries. */
export interface ComparisonRow {
  readonly method: Method;
  readonly family: string;
  readonly returns: readonly number[];
  readonly survivals: readonly number[];
  readonly meanReturn: Interval;
  readonly survival: Interval;
}

/** A mean with a 95% Student-t interval over seeds. */
export interface Interval {
  readonly mean: number;
  readonly halfWidth: number;
}

/** The mean of `values` and the half-width of its 95% t interval (0 for one value). */
export function interval(values: readonly number[]): Interval {
  const { mean, ci95 } = meanInterval(values);
  return { mean, halfWidth: (ci95[1] - ci95[0]) / 2 };
}

/** Trains one network policy by ES on the task's search episodes. */
export function trainNetwork(kind: 'mlp' | 'lstm', config: ControlTaskConfig, seed: number, evaluations: number, sizes: { mlpHidden?: readonly number[]; lstmHidden?: number } = {}): { policy: NetworkPolicy; searchReturn: number } {
  const task = controlTask({ ...config, fec: false });
  const rng = new Rng(mixSeed(seed, kind === 'mlp' ? 1 : 2));
  const policy = kind === 'mlp' ? mlpPolicy(sizes.mlpHidden ?? [16], rng) : lstmPolicy(sizes.lstmHidden ?? 8, rng);
  const fitness = (x: Float64Array): number => {
    policy.setWeights(x);
    return scorePolicy(policy, task.episodes, task.episodeOptions).meanReturn;
  };
  const result = evolutionStrategy({ fitness, initial: policy.getWeights(), rng, evaluations });
  policy.setWeights(result.best);
  return { policy, searchReturn: result.bestFitness };
}

/**
 * Trains every method with the same budget of search episodes on the same search
 * episodes, once per seed, then scores each trained policy on every test family (from
 * `TEST_SEED`, episodes never seen in search) and summarises over seeds.
 */
export async function compareMethods(options: ComparisonOptions): Promise<ComparisonRow[]> {
  const families = options.families ?? [STATIONARY, ...HELD_OUT_FAMILIES];
  const task = controlTask(options.task);
  const testEpisodes = options.testEpisodes ?? 50;
  const scores = new Map<string, { returns: number[]; survivals: number[] }>();
  const record = (method: Method, policy: Policy): void => {
    for (const family of families) {
      const key = `${method}|${family.name}`;
      const s = task.score(policy, family, TEST_SEED, testEpisodes);
      const entry = scores.get(key) ?? { returns: [], survivals: [] };
      entry.returns.push(s.meanReturn);
      entry.survivals.push(s.survival);
      scores.set(key, entry);
    }
  };
  for (const seed of options.seeds) {
    const arz = await searchPolicies({ task: options.task, seed, budgetTrials: options.budgetEpisodes, budgetEpisodes: options.budgetEpisodes, stopWhenPerfect: false });
    options.onRun?.('arz', seed, arz.study.best()!.values[0]!, arz.summary.trials);
    record('arz', registerPolicy(arz.study.best()!.genotype));
    const evaluations = Math.floor(options.budgetEpisodes / task.episodes.length);
    for (const kind of ['mlp', 'lstm'] as const) {
      const trained = trainNetwork(kind, options.task, seed, evaluations, options);
      options.onRun?.(kind, seed, trained.searchReturn, evaluations);
      record(kind, trained.policy);
    }
  }
  return METHODS.flatMap((method) =>
    families.map((family) => {
      const { returns, survivals } = scores.get(`${method}|${family.name}`)!;
      return { method, family: family.name, returns, survivals, meanReturn: interval(returns), survival: interval(survivals) };
    }),
  );
}
