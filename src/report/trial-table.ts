import type { TrialRecord } from '../core/plugs.ts';
import type { StoredStudy } from '../store/types.ts';

/** Every trial as plain JSON objects, one per trial, objective values by name (null when failed). */
export function trialsAsJson(study: StoredStudy, trials: readonly TrialRecord[]): object[] {
  return trials.map((t) => ({
    id: t.id,
    status: t.status,
    ...Object.fromEntries(study.objectives.map((o, i) => [o.name, finiteOrNull(t.values?.[i])])),
    error: t.error ?? null,
    cached: t.cached,
    key: t.key,
    hash: t.hash ?? null,
    proposedMs: t.proposedMs,
    finishedMs: t.finishedMs ?? null,
    genotype: t.genotype,
    info: t.info ?? null,
  }));
}

/** Every trial as CSV (RFC 4180 quoting), genotype and info as JSON text in their cells. */
export function trialsAsCsv(study: StoredStudy, trials: readonly TrialRecord[]): string {
  const header = ['id', 'status', ...study.objectives.map((o) => o.name), 'error', 'cached', 'key', 'hash', 'proposed_ms', 'finished_ms', 'genotype', 'info'];
  const rows = trials.map((t) => [
    String(t.id),
    t.status,
    ...study.objectives.map((_, i) => String(finiteOrNull(t.values?.[i]) ?? '')),
    t.error ?? '',
    t.cached ? '1' : '0',
    t.key,
    t.hash ?? '',
    String(t.proposedMs),
    t.finishedMs === undefined ? '' : String(t.finishedMs),
    JSON.stringify(t.genotype),
    t.info === undefined ? '' : JSON.stringify(t.info),
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** A finite value, or null for NaN, ±Infinity and a value that is missing (JSON has no NaN). */
export function finiteOrNull(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : v;
}

/** One CSV cell, quoted as RFC 4180 asks when it holds a quote, comma or line break. */
export function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
