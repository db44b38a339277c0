import type { Executor } from '../../core/plugs.ts';
import { Study } from '../../core/study.ts';
import type { Json } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { isFinished, rebuildParts, resumeStoredStudy, startStoredStudy } from '../../store/stored-study.ts';
import type { Recipe, StudySpec, StudyStore } from '../../store/types.ts';
import type { ProxyConfig, ProxyKind } from './proxies.ts';
import { optimizerRecipes, type OptimizerSearchOptions } from './search.ts';
import { OPTIMIZER_OBJECTIVES } from './task.ts';

/*
 * Funnel selection (Chen et al. 2023): the programs that beat AdamW on the search proxy are
 * trained on larger tasks, AdamW beside them, and only those that beat AdamW there go on.
 */

/** One finished trial of a round or stage, read back from the study or its store. */
export interface RunTrial {
  readonly id: number;
  readonly program: Graph;
  readonly key: string;
  readonly hash: string | undefined;
  readonly loss: number;
  readonly info: { readonly [key: string]: Json } | undefined;
}

/**
 * The funnel's stages for a search proxy: two of its kind, each on other data and initial
 * weights (its seed), about 4× and 16× its cost (for MNIST twice and four times the width and
 * the steps, and more data; for logistic regression full-size images and more steps; for the
 * language model wider layers, longer contexts and more steps; for the quadratic more
 * dimensions, steps and a worse condition).
 */
export function defaultFunnel(proxy: ProxyConfig): ProxyConfig[] {
  return [...FUNNEL_STAGES[proxy.kind]];
}

const FUNNEL_STAGES: { readonly [K in ProxyKind]: readonly ProxyConfig[] } = {
  'mnist-mlp': [
    { kind: 'mnist-mlp', steps: 300, hidden: 64, trainSize: 4000, validSize: 1000, seed: 2 },
    { kind: 'mnist-mlp', steps: 600, hidden: 128, trainSize: 8000, validSize: 2000, seed: 3 },
  ],
  'mnist-logistic': [
    { kind: 'mnist-logistic', steps: 150, pool: 1, trainSize: 4000, validSize: 1000, seed: 2 },
    { kind: 'mnist-logistic', steps: 600, pool: 1, trainSize: 8000, validSize: 2000, seed: 3 },
  ],
  'regression-mlp': [
    { kind: 'regression-mlp', hidden: 64, steps: 400, trainSize: 2048, validSize: 512, seed: 2 },
    { kind: 'regression-mlp', hidden: 128, steps: 800, trainSize: 4096, validSize: 1024, seed: 3 },
  ],
  'char-lm': [
    { kind: 'char-lm', hidden: 128, steps: 400, context: 12, trainSize: 40000, validSize: 2000, seed: 2 },
    { kind: 'char-lm', hidden: 256, steps: 800, context: 16, trainSize: 80000, validSize: 4000, seed: 3 },
  ],
  quadratic: [
    { kind: 'quadratic', dimensions: 40, steps: 400, seed: 2 },
    { kind: 'quadratic', dimensions: 80, condition: 1e5, steps: 800, seed: 3 },
  ],
};

/** A program in the funnel: where it came from, and its loss at each stage it reached. */
export interface FunnelCandidate {
  readonly program: Graph;
  readonly round: number;
  readonly trial: number;
  readonly searchLoss: number;
  /** Validation loss on each stage reached (Infinity where it failed there). */
  readonly stageLosses: number[];
}

/** One funnel stage: its proxy, AdamW's loss there, and how many of those who entered survived. */
export interface FunnelStageResult {
  readonly proxy: Required<ProxyConfig>;
  readonly adamwLoss: number;
  readonly entered: number;
  readonly survived: number;
}

/** What a funnel stage runs with: the search's options (grid, seed, signal), where it is stored, and how. */
export interface FunnelStageOptions {
  readonly search: OptimizerSearchOptions;
  readonly store?: { readonly store: StudyStore; readonly group: string };
  readonly executor?: (recipes: { readonly task: Recipe; readonly space: Recipe }, study: string) => Promise<Executor<Graph> | undefined>;
  readonly onStudy?: (study: Study<Graph>, label: string) => void;
}

/**
 * The programs promoted into the funnel: the best `size` that beat AdamW on the search proxy,
 * one per behaviour (functional hash, or structural key when there is none), AdamW's own
 * behaviour left out.
 */
export function funnelCandidates(all: readonly { round: number; trial: RunTrial }[], adamwLoss: number | undefined, size: number): FunnelCandidate[] {
  if (adamwLoss === undefined) return [];
  const adamw = all.find((a) => a.round === 1 && a.trial.id === 0)?.trial;
  const seen = new Set<string>(adamw === undefined ? [] : [adamw.hash ?? adamw.key]);
  const out: FunnelCandidate[] = [];
  for (const { round, trial } of [...all].sort((a, b) => a.trial.loss - b.trial.loss)) {
    if (out.length >= size || !(trial.loss < adamwLoss)) break;
    const identity = trial.hash ?? trial.key;
    if (seen.has(identity)) continue;
    seen.add(identity);
    out.push({ program: trial.program, round, trial: trial.id, searchLoss: trial.loss, stageLosses: [] });
  }
  return out;
}

/**
 * Trains each program on the stage's proxy (the search's learning-rate grid) as one study
 * that proposes exactly them, in order: regularized evolution whose population is the list.
 * Returns each program's validation loss (Infinity for a failed trial), or undefined when
 * interrupted.
 */
export async function funnelStage(programs: readonly Graph[], proxy: Required<ProxyConfig>, options: FunnelStageOptions, name: string | undefined, label: string): Promise<number[] | undefined> {
  const base = optimizerRecipes({ ...options.search, proxy });
  const recipes = {
    task: base.task,
    space: base.space,
    algorithm: { id: 'regularized-evolution', config: { populationSize: programs.length, tournamentSize: 1, initial: programs as unknown as Json } },
  };
  const spec: StudySpec = { name: name ?? label, ...recipes, objectives: OPTIMIZER_OBJECTIVES, seed: options.search.seed ?? 0, budgetTrials: programs.length, budgetSeconds: undefined };
  const where = options.store;
  const lossesOf = (trials: readonly { id: number; status: string; values: readonly number[] | undefined }[]) =>
    programs.map((_, i) => {
      const t = trials.find((x) => x.id === i);
      return t?.status === 'done' ? t.values![0]! : Infinity;
    });
  if (where !== undefined && name !== undefined && isFinished(where.store, name)) return lossesOf(where.store.trials(name));
  const executor = options.executor === undefined || name === undefined ? undefined : await options.executor(recipes, name);
  const extras = {
    ...(executor === undefined ? {} : { executor }),
    ...(options.search.signal === undefined ? {} : { signal: options.search.signal }),
  };
  const study =
    where === undefined || name === undefined
      ? new Study<Graph>({ ...rebuildParts<Graph>(spec), seed: spec.seed, budgetTrials: programs.length, ...extras })
      : where.store.study(name) === undefined
        ? startStoredStudy<Graph>(where.store, spec, extras)
        : resumeStoredStudy<Graph>(where.store, name, extras);
  const seen: { id: number; status: string; values: readonly number[] | undefined }[] = [];
  study.on('trial', (t) => seen.push({ id: t.id, status: t.status, values: t.status === 'done' ? t.values : undefined }));
  options.onStudy?.(study, label);
  const summary = await study.run();
  if (summary.stopReason === 'aborted') return undefined;
  return lossesOf(where === undefined || name === undefined ? seen : where.store.trials(name));
}
