import type { Baseline } from './baselines.ts';
import { bestBaselineByOps } from './baselines.ts';
import type { ApproxProgram, ApproxSearchResult } from './search.ts';

/** The `--json` shape of a run: the front and the baselines, errors in both measures. */
export interface ApproxJson {
  readonly target: string;
  readonly interval: readonly [number, number];
  readonly mode: string;
  readonly seed: number;
  readonly front: { ops: number; maxRelError: number; maxUlp?: number; js: string }[];
  readonly baselines: { name: string; ops: number; maxRelError: number; maxUlp?: number }[];
}

/** The run as plain JSON for `--json`. */
export function approxJson(targetName: string, result: ApproxSearchResult): ApproxJson {
  return {
    target: targetName,
    interval: result.interval,
    mode: result.mode,
    seed: result.seed,
    front: result.front.map((p) => ({ ops: p.ops, maxRelError: p.maxRelError, ...(p.maxUlp === undefined ? {} : { maxUlp: p.maxUlp }), js: p.js })),
    baselines: result.baselines.map((b) => ({ name: b.name, ops: b.ops, maxRelError: b.maxRelError, ...(b.maxUlp === undefined ? {} : { maxUlp: b.maxUlp }) })),
  };
}

/** Errors within this factor of each other are a tie: refitting the same form moves the last digits. */
const TIE_FACTOR = 1.01;

function winner(found: number | undefined, classic: number | undefined): string {
  if (found === undefined) return 'classic';
  if (classic === undefined || found * TIE_FACTOR < classic) return 'search';
  return classic * TIE_FACTOR < found ? 'classic' : 'tie';
}

function format(value: number | undefined, ulp: boolean): string {
  if (value === undefined) return '—';
  return ulp ? `${value.toFixed(3)} ulp` : value.toExponential(3);
}

/**
 * A table with one row per op count: the best searched program with at most that many ops,
 * the best classic baseline with at most that many ops, and which is better. "At most" on
 * both sides, since a program with fewer ops also fits the count.
 */
export function comparisonTable(result: ApproxSearchResult, fromOps: number, toOps: number): string {
  const ulp = result.mode === 'float32';
  const classic: (Baseline | undefined)[] = bestBaselineByOps(result.baselines, toOps, ulp);
  const rows = [['ops', 'searched (≤ ops)', 'found at', 'best classic (≤ ops)', 'classic error', 'winner']];
  let found: ApproxProgram | undefined;
  for (let ops = 0; ops <= toOps; ops++) {
    const atCount = result.bestByOps[ops];
    if (atCount !== undefined && (found === undefined || atCount.maxError < found.maxError)) found = atCount;
    if (ops < fromOps) continue;
    const base = classic[ops];
    const foundError = found?.maxError;
    const baseError = base === undefined ? undefined : ulp ? base.maxUlp : base.maxRelError;
    rows.push([String(ops), format(foundError, ulp), found === undefined ? '—' : `${found.ops} ops`, base?.name ?? '—', format(baseError, ulp), winner(foundError, baseError)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}
