import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import type { Executor } from '../../core/plugs.ts';
import type { Study } from '../../core/study.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { parseGraph } from '../../spaces/graph/validate.ts';
import { isFinished } from '../../store/stored-study.ts';
import type { Recipe, StudyStore } from '../../store/types.ts';
import { signCensus, type SignCensus } from './compare.ts';
import { defaultFunnel, funnelCandidates, funnelStage, type FunnelCandidate, type FunnelStageResult, type RunTrial } from './funnel.ts';
import { optimizerOps } from './ops.ts';
import { proxyConfig, type ProxyConfig } from './proxies.ts';
import { adamwProgram } from './reference-programs.ts';
import { optimizerRecipes, searchOptimizers, type OptimizerSearchOptions, type OptimizerSearchResult } from './search.ts';
import { deadStatementCount, statementCount } from './space.ts';


/*
 * A search run as the paper's mechanics against early convergence shape it (Chen et al. 2023,
 * §2): several rounds of regularized evolution, each a study, round 1 from AdamW and the
 * next from the best program so far, then AdamW again, and so on; within a round the
 * population may restart from its start after a stretch without progress; and funnel
 * selection afterwards: the best distinct programs that beat AdamW on the search proxy are
 * trained on larger tasks, AdamW beside them, and only those that beat AdamW there go on.
 * The survivors of the last stage are the run's discoveries.
 */

/** Options of `runOptimizerSearch`: those of one search, plus rounds and the funnel. */
export interface OptimizerRunOptions extends Omit<OptimizerSearchOptions, 'start' | 'store' | 'onStudy' | 'executor'> {
  /** Rounds of evolution, alternately from AdamW and from the best so far (default 1); the budgets are shared equally. */
  readonly rounds?: number;
  /** The funnel's proxies, smallest first (default `defaultFunnel(proxy)`; empty for none). */
  readonly funnel?: readonly ProxyConfig[];
  /** Programs promoted into the funnel's first stage (default 5). */
  readonly funnelSize?: number;
  /** Store every round and stage as a member study `group/round-k`, `group/funnel-k` (the group must exist); a member already there is read back or resumed. */
  readonly store?: { readonly store: StudyStore; readonly group: string };
  /** The executor of each stored member (by its recipes and name); inline when it gives none. */
  readonly executor?: (recipes: { readonly task: Recipe; readonly space: Recipe }, study: string) => Promise<Executor<Graph> | undefined>;
  /** Called with each study before it runs, and what it is (`round 2 (from the best)`, `funnel 1`). */
  readonly onStudy?: (study: Study<Graph>, label: string) => void;
}

/** What a round did. */
export interface RoundResult {
  readonly index: number;
  readonly start: 'adamw' | 'best so far';
  readonly trials: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly fecHitRate: number;
  readonly deadStatementRate: number;
  /** Times the round's population restarted from its start (undefined where not known). */
  readonly restarts: number | undefined;
  readonly best: RunTrial | undefined;
}

/** What a run found. */
export interface OptimizerRunResult {
  readonly rounds: readonly RoundResult[];
  /** AdamW's loss on the search proxy (round 1's first trial). */
  readonly adamwLoss: number | undefined;
  /** The lowest search-proxy loss of any round. */
  readonly best: RunTrial | undefined;
  readonly candidates: readonly FunnelCandidate[];
  readonly stages: readonly FunnelStageResult[];
  /** The candidates that beat AdamW at every stage, best last-stage loss first. */
  readonly discoveries: readonly FunnelCandidate[];
  /** How often sign and sign momentum appear among the programs the rounds evaluated. */
  readonly signs: SignCensus<RunTrial>;
  /** True when an interrupt stopped the run before its end. */
  readonly interrupted: boolean;
}

const memberName = (group: string, member: string) => `${group}/${member}`;

/** The finished trials of a stored study, in id order. */
function storedTrials(store: StudyStore, name: string): RunTrial[] {
  return store
    .trials(name)
    .filter((t) => t.status === 'done' && t.values !== undefined)
    .map((t) => ({ id: t.id, program: parseGraph(t.genotype, optimizerOps), key: t.key, hash: t.hash, loss: t.values![0]!, info: t.info }));
}

/** Collects a study's finished trials as they come. */
function collect(study: Study<Graph>): RunTrial[] {
  const trials: RunTrial[] = [];
  study.on('trial', (t) => {
    if (t.status === 'done') trials.push({ id: t.id, program: t.genotype, key: t.key, hash: t.hash, loss: t.values[0]!, info: t.info });
  });
  return trials;
}

const lowest = (trials: readonly RunTrial[]) => trials.reduce<RunTrial | undefined>((b, t) => (b === undefined || t.loss < b.loss ? t : b), undefined);

/**
 * Runs (or, with a store, continues) a search of several rounds and a funnel. With a store
 * every round and stage is a member study of the group, so `amoeba resume` of the group calls
 * this again: finished members are read back, the one in flight resumed, the rest started.
 */
export async function runOptimizerSearch(options: OptimizerRunOptions = {}): Promise<OptimizerRunResult> {
  const rounds = wholeNumber('runOptimizerSearch', 'rounds', options.rounds ?? 1, 1, 1000);
  const funnelSize = wholeNumber('runOptimizerSearch', 'funnelSize', options.funnelSize ?? 5, 0, 1000);
  const funnel = (options.funnel ?? defaultFunnel(options.proxy ?? { kind: 'mnist-mlp' })).map((p) => proxyConfig(p));
  if (options.budgetTrials === undefined && options.budgetSeconds === undefined) throw new UsageError('runOptimizerSearch: give budgetTrials or budgetSeconds');
  const seed = options.seed ?? 0;
  const where = options.store;
  const search = searchOptionsOf(options);
  const results: RoundResult[] = [];
  const all: { round: number; trial: RunTrial }[] = [];
  let adamwLoss: number | undefined;
  for (let index = 1; index <= rounds; index++) {
    if (options.signal?.aborted === true) return partial(results, all, adamwLoss, true);
    const best = lowest(all.map((a) => a.trial));
    const fromBest = index % 2 === 0 && best !== undefined;
    const name = where === undefined ? undefined : memberName(where.group, `round-${index}`);
    const label = `round ${index} (from ${fromBest ? 'the best so far' : 'AdamW'})`;
    let trials: RunTrial[];
    let result: OptimizerSearchResult | undefined;
    if (where !== undefined && name !== undefined && isFinished(where.store, name)) {
      trials = storedTrials(where.store, name);
    } else {
      let live: RunTrial[] = [];
      const start = fromBest ? best.program : 'adamw';
      const executor = options.executor === undefined || name === undefined ? undefined : await options.executor(optimizerRecipes({ ...search, start }), name);
      result = await searchOptimizers({
        ...search,
        seed: seed + index - 1,
        start,
        ...(options.budgetTrials === undefined ? {} : { budgetTrials: Math.ceil(options.budgetTrials / rounds) }),
        ...(options.budgetSeconds === undefined ? {} : { budgetSeconds: options.budgetSeconds / rounds }),
        ...(where === undefined || name === undefined ? {} : { store: { store: where.store, name } }),
        ...(executor === undefined ? {} : { executor: () => executor }),
        onStudy: (study) => {
          live = collect(study);
          options.onStudy?.(study, label);
        },
      });
      trials = where === undefined || name === undefined ? live : storedTrials(where.store, name);
      if (result.summary.stopReason === 'aborted') {
        all.push(...trials.map((trial) => ({ round: index, trial })));
        // The round cut short still counts in the report: its trials were tried.
        const counts = where === undefined || name === undefined ? roundCounts(result) : storedRoundCounts(where.store, name);
        results.push({ index, start: fromBest ? 'best so far' : 'adamw', ...counts, best: lowest(trials) });
        return partial(results, all, adamwLoss ?? trials[0]?.loss, true);
      }
    }
    if (index === 1) adamwLoss = trials.find((t) => t.id === 0)?.loss;
    all.push(...trials.map((trial) => ({ round: index, trial })));
    const counts = where === undefined || name === undefined ? roundCounts(result!) : storedRoundCounts(where.store, name);
    results.push({ index, start: fromBest ? 'best so far' : 'adamw', ...counts, best: lowest(trials) });
  }
  const candidates = funnelCandidates(all, adamwLoss, funnelSize);
  const stages: FunnelStageResult[] = [];
  let entering = candidates;
  for (const [k, proxy] of funnel.entries()) {
    if (entering.length === 0) break;
    if (options.signal?.aborted === true) return { ...partial(results, all, adamwLoss, true), candidates, stages };
    const name = where === undefined ? undefined : memberName(where.group, `funnel-${k + 1}`);
    const losses = await funnelStage([adamwProgram(), ...entering.map((c) => c.program)], proxy, { ...options, search }, name, `funnel ${k + 1}`);
    if (losses === undefined) return { ...partial(results, all, adamwLoss, true), candidates, stages };
    const [adamw, ...rest] = losses;
    entering.forEach((c, i) => c.stageLosses.push(rest[i]!));
    const survivors = entering.filter((_, i) => rest[i]! < adamw!);
    stages.push({ proxy, adamwLoss: adamw!, entered: entering.length, survived: survivors.length });
    entering = survivors;
  }
  const discoveries = stages.length === funnel.length ? [...entering].sort((a, b) => a.stageLosses.at(-1)! - b.stageLosses.at(-1)!) : [];
  return { rounds: results, adamwLoss, best: lowest(all.map((a) => a.trial)), candidates, stages, discoveries, signs: signCensus(all.map((a) => a.trial)), interrupted: false };
}

type RoundCounts = Pick<RoundResult, 'trials' | 'failed' | 'elapsedMs' | 'fecHitRate' | 'deadStatementRate' | 'restarts'>;

function roundCounts(result: OptimizerSearchResult): RoundCounts {
  const s = result.summary;
  return { trials: s.trials, failed: s.failed, elapsedMs: s.elapsedMs, fecHitRate: s.trials === 0 ? 0 : s.cached / s.trials, deadStatementRate: result.deadStatementRate, restarts: result.restarts };
}

/** A stored round's counts from its records, so that a run and its resume report the same. */
function storedRoundCounts(store: StudyStore, name: string): RoundCounts {
  const records = store.trials(name);
  let dead = 0;
  let programs = 0;
  for (const r of records) {
    const g = parseGraph(r.genotype, optimizerOps);
    const statements = statementCount(g);
    if (statements === 0) continue;
    dead += deadStatementCount(g) / statements;
    programs++;
  }
  return {
    trials: records.length,
    failed: records.filter((r) => r.status === 'failed').length,
    elapsedMs: store.study(name)?.elapsedMs ?? 0,
    fecHitRate: records.length === 0 ? 0 : records.filter((r) => r.cached).length / records.length,
    deadStatementRate: programs === 0 ? 0 : dead / programs,
    restarts: storedRestarts(store, name),
  };
}

/** The restart count in a stored round's last snapshot (written when the study ends): 0 for a round without restarts. */
function storedRestarts(store: StudyStore, name: string): number | undefined {
  const algorithm = store.lastSnapshot(name)?.algorithm as { algorithm?: unknown; restarts?: unknown } | undefined;
  if (algorithm?.algorithm !== 'with-restarts') return 0;
  return typeof algorithm.restarts === 'number' ? algorithm.restarts : undefined;
}

/** The options of one round's search: the run's, less what the run itself handles. */
function searchOptionsOf(options: OptimizerRunOptions): OptimizerSearchOptions {
  const { store: _store, executor: _executor, onStudy: _onStudy, rounds: _rounds, funnel: _funnel, funnelSize: _funnelSize, ...search } = options;
  return search;
}

function partial(rounds: RoundResult[], all: readonly { trial: RunTrial }[], adamwLoss: number | undefined, interrupted: boolean): OptimizerRunResult {
  const trials = all.map((a) => a.trial);
  return { rounds, adamwLoss, best: lowest(trials), candidates: [], stages: [], discoveries: [], signs: signCensus(trials), interrupted };
}

