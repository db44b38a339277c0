/**
 * Re-evaluates SAC and each front member of an `amoeba rl-loss search --json` file on fresh
 * training seeds (a search picks its front on the seeds it scored, so those scores are biased
 * upwards; fresh seeds are not). Prints each loss pair's performance and generalization
 * (mean ± sd and min–max over the seeds), instability, and the change from SAC measured on
 * the same fresh seeds, in one run.
 *
 *   npx tsx bench/rl-loss-reeval.ts front.json [--seeds 5] [--train-seed 1000] [--steps 4000]
 */
import { readFileSync } from 'node:fs';
import type { Json } from '../src/core/types.ts';
import { lossSpace } from '../src/tasks/rl-loss/loss-space.ts';
import { SAC_GRAPH } from '../src/tasks/rl-loss/sac-graph.ts';
import { meanAndSpread, rlLossTask, DEFAULT_RL_LOSS_CONFIG } from '../src/tasks/rl-loss/task.ts';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}

const file = process.argv[2];
if (file === undefined || file.startsWith('--')) throw new Error('usage: npx tsx bench/rl-loss-reeval.ts front.json [--seeds 5] [--train-seed 1000]');
const front = JSON.parse(readFileSync(file, 'utf8')) as { front: { trialId: number; graph: Json }[] };
const seeds = Number(flag('seeds', '5'));
const task = rlLossTask({ seeds, seed: Number(flag('train-seed', '1000')), steps: Number(flag('steps', String(DEFAULT_RL_LOSS_CONFIG.steps))) });
const space = lossSpace(1000);
const sacKey = space.key(space.fromJSON(SAC_GRAPH));
const candidates = [{ name: 'SAC', graph: space.fromJSON(SAC_GRAPH) }, ...front.front.map((f) => ({ name: `trial ${f.trialId}`, graph: space.fromJSON(f.graph) })).filter((c) => space.key(c.graph) !== sacKey)];

console.log(`${seeds} fresh seeds (base ${flag('train-seed', '1000')}), ${task.settings.steps} steps each`);
console.log('loss pair   performance (mean ± sd, min–max)     generalization (mean ± sd, min–max)   instability   Δ vs SAC (perf, gen, instability)   seconds');
let sac: { perf: number; gen: number; inst: number } | undefined;
const pct = (value: number, reference: number) => `${value >= reference ? '+' : '−'}${Math.abs((100 * (value - reference)) / Math.abs(reference)).toFixed(1)}%`;
for (const candidate of candidates) {
  const started = performance.now();
  const runs: { performance: number; generalization: number }[] = [];
  let failure: string | undefined;
  for (let k = 0; k < seeds && failure === undefined; k++) {
    try {
      runs.push(task.trainAndScore(candidate.graph, k));
    } catch (error) {
      failure = (error as Error).message;
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  if (failure !== undefined) {
    console.log(`${candidate.name.padEnd(12)}failed on seed ${runs.length}: ${failure} (${seconds} s)`);
    continue;
  }
  const perfs = runs.map((r) => r.performance);
  const gens = runs.map((r) => r.generalization);
  const p = meanAndSpread(perfs);
  const g = meanAndSpread(gens);
  const inst = (p.sd + g.sd) / 2;
  sac ??= { perf: p.mean, gen: g.mean, inst };
  const delta = candidate.name === 'SAC' ? '' : `${pct(p.mean, sac.perf)}, ${pct(g.mean, sac.gen)}, ${pct(inst, sac.inst)}`;
  const range = (xs: number[]) => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;
  console.log(`${candidate.name.padEnd(12)}${`${p.mean.toFixed(3)} ± ${p.sd.toFixed(3)}, ${range(perfs)}`.padEnd(37)}${`${g.mean.toFixed(3)} ± ${g.sd.toFixed(3)}, ${range(gens)}`.padEnd(38)}${inst.toFixed(3).padEnd(14)}${delta.padEnd(36)}${seconds}`);
}
