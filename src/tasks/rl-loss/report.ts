import type { Json, Trial } from '../../core/types.ts';
import type { Graph } from '../../spaces/graph/graph.ts';
import { toInfix } from '../../spaces/graph/print.ts';
import { simplify } from '../../spaces/graph/simplify.ts';
import { LOSS_INPUTS } from './loss-graph.ts';
import { lossSpace } from './loss-space.ts';
import { meanAndSpread, RL_LOSS_OBJECTIVES } from './task.ts';

const NAMES = LOSS_INPUTS.map((i) => i.name);

/** A loss graph as two formulas over s, a, r, s′, done, γ, α (its DAG written out as trees). */
export function lossFormulas(g: Graph): { readonly actor: string; readonly critic: string } {
  const space = lossSpace(Math.max(g.vertices.length, 1));
  const [actor, critic] = toInfix(g, { ops: space.ops, names: NAMES, unicode: true });
  return { actor: actor!, critic: critic! };
}

/** The same graph with constant subexpressions folded and identities removed, for reading. */
export function simplifiedLoss(g: Graph): Graph {
  return simplify(g, lossSpace(Math.max(g.vertices.length, 1)).ops, { inputTypes: LOSS_INPUTS.map((i) => i.type) });
}

function numberList(info: Trial<Graph>['info'], key: string): number[] {
  const value = info?.[key];
  return Array.isArray(value) ? (value as Json[]).filter((v): v is number => typeof v === 'number') : [];
}

/** One candidate's scores, with the spread over seeds of each. */
export interface CandidateRow {
  readonly trialId: number;
  readonly performance: number;
  readonly generalization: number;
  readonly instability: number;
  readonly performanceSd: number;
  readonly generalizationSd: number;
  readonly seeds: number;
}

export function candidateRow(trial: Trial<Graph>): CandidateRow {
  const perf = meanAndSpread(numberList(trial.info, 'performanceBySeed'));
  const gen = meanAndSpread(numberList(trial.info, 'generalizationBySeed'));
  return {
    trialId: trial.id,
    performance: trial.values[0]!,
    generalization: trial.values[1]!,
    instability: trial.values[2]!,
    performanceSd: perf.sd,
    generalizationSd: gen.sd,
    seeds: numberList(trial.info, 'performanceBySeed').length,
  };
}

const percent = (value: number, reference: number) => (reference === 0 ? '' : `${value >= reference ? '+' : '−'}${Math.abs((100 * (value - reference)) / Math.abs(reference)).toFixed(1)}%`);
const score = (mean: number, sd: number) => `${mean.toFixed(3)} ± ${sd.toFixed(3)}`;

/**
 * The front beside SAC: each candidate's three scores (mean ± sd over seeds) and their change
 * from SAC's, then each front member's losses as formulas.
 */
export function formatLossFront(front: readonly Trial<Graph>[], sac: Trial<Graph> | undefined): string {
  const header = `  trial  ${RL_LOSS_OBJECTIVES.map((o) => `${o.name} (${o.goal})`.padEnd(26)).join('')}`;
  const lines = [header];
  const reference = sac === undefined || sac.status !== 'done' ? undefined : candidateRow(sac);
  const row = (trial: Trial<Graph>, mark: string) => {
    const c = candidateRow(trial);
    const delta = (value: number, ref: number | undefined) => (ref === undefined || trial === sac ? '' : ` ${percent(value, ref)}`);
    lines.push(`${mark} ${String(c.trialId).padStart(5)}  ${(score(c.performance, c.performanceSd) + delta(c.performance, reference?.performance)).padEnd(26)}${(score(c.generalization, c.generalizationSd) + delta(c.generalization, reference?.generalization)).padEnd(26)}${(c.instability.toFixed(3) + delta(c.instability, reference?.instability)).padEnd(26)}`);
  };
  if (sac !== undefined) row(sac, 'S');
  for (const trial of front) if (trial !== sac) row(trial, ' ');
  lines.push('', 'S: SAC (trial 0). Scores: normalised return, mean ± sd over seeds; instability: mean of the two sds. % vs SAC.', '');
  for (const trial of front) {
    const { actor, critic } = lossFormulas(simplifiedLoss(trial.genotype));
    lines.push(`trial ${trial.id}${trial.key === sac?.key ? ' (SAC)' : ''}:`, `  actor  = ${actor}`, `  critic = ${critic}`);
  }
  return lines.join('\n') + '\n';
}
