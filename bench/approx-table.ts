/*
 * Markdown tables of `amoeba approx --json` results: for each op count 3–16, the best
 * searched program and the best classic baseline with at most that many ops, and which is
 * lower (ties within 1%, as the CLI's table). Usage:
 *   npx tsx bench/approx-table.ts exp2-real.json exp2-float32.json …
 * With --summary, one row per file: wins, ties and losses over op counts 3–16.
 */
import { readFileSync } from 'node:fs';

interface Entry {
  readonly ops: number;
  readonly maxRelError: number;
  readonly maxUlp?: number;
}
interface ApproxJsonFile {
  readonly target: string;
  readonly mode: 'real' | 'float32';
  readonly interval: readonly [number, number];
  readonly front: readonly Entry[];
  readonly baselines: readonly (Entry & { readonly name: string })[];
}

const TIE_FACTOR = 1.01;
const summary = process.argv.includes('--summary');
const files = process.argv.slice(2).filter((a) => a !== '--summary');

/** The lowest error among entries with at most `ops` ops. */
function bestUpTo<T extends Entry>(entries: readonly T[], ops: number, error: (e: T) => number): T | undefined {
  let best: T | undefined;
  for (const e of entries) if (e.ops <= ops && Number.isFinite(error(e)) && (best === undefined || error(e) < error(best))) best = e;
  return best;
}

if (summary) console.log('| target | mode | interval | search wins | ties | classic wins |\n| --- | --- | --- | --- | --- | --- |');
for (const file of files) {
  const json = JSON.parse(readFileSync(file, 'utf8')) as ApproxJsonFile;
  const error = (e: Entry) => (json.mode === 'float32' ? e.maxUlp ?? Infinity : e.maxRelError);
  const format = (e: Entry | undefined) => (e === undefined ? '—' : json.mode === 'float32' ? `${error(e).toFixed(3)} ulp` : error(e).toExponential(2));
  const counts = { search: 0, tie: 0, classic: 0 };
  const rows: string[] = [];
  for (let ops = 3; ops <= 16; ops++) {
    const found = bestUpTo(json.front, ops, error);
    const classic = bestUpTo(json.baselines, ops, error);
    let winner: keyof typeof counts = 'tie';
    if (found === undefined) winner = 'classic';
    else if (classic === undefined || error(found) * TIE_FACTOR < error(classic)) winner = 'search';
    else if (error(classic) * TIE_FACTOR < error(found)) winner = 'classic';
    counts[winner]++;
    rows.push(`| ${ops} | ${format(found)} | ${format(classic)} | ${classic?.name ?? '—'} | ${winner} |`);
  }
  if (summary) {
    console.log(`| ${json.target} | ${json.mode} | [${json.interval.join(', ')}] | ${counts.search} | ${counts.tie} | ${counts.classic} |`);
    continue;
  }
  console.log(`\n${json.target}, ${json.mode}, [${json.interval.join(', ')}] (${file})\n`);
  console.log('| ops | searched (≤ ops) | best classic (≤ ops) | classic form | winner |\n| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}
