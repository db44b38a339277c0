/**
 * Does the AutoML-Zero demo rediscover linear regression, and how fast? Runs
 * `amoeba automl-zero --preset demo` for each seed, with and without the functional-equivalence
 * cache, one run at a time, and prints per seed: solved or not, wall time to success,
 * individuals per second and the FEC hit rate; then the time-to-success ratio without/with FEC.
 *
 *   npx tsx bench/automl-zero-demo.ts [--seeds 5] [--first-seed 0] [--time-limit 600] [--fec both|on|off]
 *
 * Each run's JSON report is kept in the system's temporary folder (the path is printed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({
  options: {
    seeds: { type: 'string', default: '5' },
    'first-seed': { type: 'string', default: '0' },
    'time-limit': { type: 'string', default: '600' },
    fec: { type: 'string', default: 'both' },
  },
});
const seeds = Number(flags.seeds);
const firstSeed = Number(flags['first-seed']);
const timeLimit = Number(flags['time-limit']);
const modes = flags.fec === 'both' ? [true, false] : [flags.fec === 'on'];
const folder = mkdtempSync(join(tmpdir(), 'amoeba-automl-zero-demo-'));
const cli = new URL('../src/cli/main.ts', import.meta.url).pathname;

interface Report {
  readonly solved: boolean;
  readonly fitness: number;
  readonly individuals: number;
  readonly individualsPerSecond: number;
  readonly seconds: number;
  readonly experiments: number;
  readonly fec?: { readonly hitRate: number };
  readonly rediscovered?: { readonly learningRate: number } | null;
}

function run(seed: number, fec: boolean): Report {
  const out = join(folder, `seed-${seed}-${fec ? 'fec' : 'nofec'}.json`);
  const args = ['--import', 'tsx', cli, 'automl-zero', '--preset', 'demo', '--seed', String(seed), '--time-limit', String(timeLimit), '--json', out, '--quiet', '--no-db'];
  if (!fec) args.push('--no-fec');
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (child.status !== 0) throw new Error(`seed ${seed}${fec ? '' : ' --no-fec'} exited with ${child.status}`);
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

console.log(`AutoML-Zero demo preset, seeds ${firstSeed}..${firstSeed + seeds - 1}, time limit ${timeLimit} s per run; reports in ${folder}`);
console.log('seed  FEC   solved  seconds  individuals  indiv/s  experiments  FEC hits  rediscovered');
const timeToSolve = new Map<boolean, number[]>();
for (const fec of modes) {
  const times: number[] = [];
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const r = run(seed, fec);
    if (r.solved) times.push(r.seconds);
    const hits = r.fec === undefined || !fec ? '—' : `${(100 * r.fec.hitRate).toFixed(1)}%`;
    const gd = r.rediscovered == null ? 'no' : `GD, lr ${r.rediscovered.learningRate.toFixed(4)}`;
    console.log(
      `${String(seed).padStart(4)}  ${(fec ? 'on' : 'off').padEnd(4)}  ${String(r.solved).padEnd(6)}  ${r.seconds.toFixed(1).padStart(7)}  ` +
        `${String(r.individuals).padStart(11)}  ${Math.round(r.individualsPerSecond).toString().padStart(7)}  ${String(r.experiments).padStart(11)}  ${hits.padStart(8)}  ${gd}`,
    );
  }
  timeToSolve.set(fec, times);
  console.log(`FEC ${fec ? 'on' : 'off'}: solved ${times.length} of ${seeds}, median time to success ${median(times)?.toFixed(1) ?? '—'} s`);
}
const on = median(timeToSolve.get(true) ?? []);
const off = median(timeToSolve.get(false) ?? []);
if (on !== undefined && off !== undefined) console.log(`median time to success, without FEC / with FEC: ${(off / on).toFixed(2)}×`);

function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
