/**
 * Cost of optimizer discovery's parts, against AdamW's own evaluation in the same run: per
 * proxy, the time to evaluate a candidate (the learning-rate grid's trainings; a candidate
 * that diverges or fails its probe stops early) and the time of abstract execution (the
 * structural key and the behaviour probe behind the FEC hash); then the FEC hit rate of a
 * short search. Candidates are AdamW after 1–3 mutations, as a search from AdamW proposes.
 * Run: npx tsx bench/optimizers.ts [candidates per proxy, default 12]
 */
import { Rng } from '../src/core/rng.ts';
import type { Graph } from '../src/spaces/graph/graph.ts';
import { PROXY_KINDS } from '../src/tasks/optimizers/proxies.ts';
import { adamwProgram } from '../src/tasks/optimizers/reference-programs.ts';
import { searchOptimizers } from '../src/tasks/optimizers/search.ts';
import { optimizerSpace } from '../src/tasks/optimizers/space.ts';
import { optimizerTask, updateFingerprint } from '../src/tasks/optimizers/task.ts';

const CANDIDATES = Number(process.argv[2] ?? 12);
const space = optimizerSpace();

function candidates(seed: number): Graph[] {
  const rng = new Rng(seed);
  return Array.from({ length: CANDIDATES }, () => {
    let g = adamwProgram();
    for (let k = 1 + rng.int(3); k > 0; k--) g = space.mutate(g, rng);
    return g;
  });
}

/** Mean milliseconds of `f` over `items` (a throw counts as the time until it). */
function meanMs<T>(items: readonly T[], f: (item: T) => void): number {
  const start = performance.now();
  for (const item of items) {
    try {
      f(item);
    } catch {
      // A failed candidate costs what it cost before failing.
    }
  }
  return (performance.now() - start) / items.length;
}

console.log(`optimizer discovery, ${CANDIDATES} candidates per proxy (AdamW after 1-3 mutations), default lr grid`);
console.log('proxy            AdamW eval ms   candidate eval ms (ratio)   abstract exec µs (ratio to AdamW eval)   evals/s');
for (const [index, kind] of PROXY_KINDS.entries()) {
  const task = optimizerTask({ proxy: { kind } });
  task.evaluate(adamwProgram(), { trialId: 0, seed: 0 }); // warm-up: compile, data in cache
  const adamwMs = meanMs([0, 1, 2], () => task.evaluate(adamwProgram(), { trialId: 0, seed: 0 }));
  // Fresh candidates per proxy, so each pays the compilation of new program shapes as a search does.
  const programs = candidates(7 + index);
  const abstractMs = meanMs(programs, (g) => {
    space.key(g);
    updateFingerprint(g);
  });
  const candidateMs = meanMs(programs, (g) => {
    updateFingerprint(g);
    task.evaluate(g, { trialId: 1, seed: 0 });
  });
  console.log(
    `${kind.padEnd(16)} ${adamwMs.toFixed(1).padStart(13)}   ${candidateMs.toFixed(1).padStart(10)} (${(candidateMs / adamwMs).toFixed(2)}×)` +
      `${(1000 * abstractMs).toFixed(1).padStart(20)} (${(abstractMs / adamwMs).toExponential(2)})${(1000 / candidateMs).toFixed(2).padStart(20)}`,
  );
}

// The FEC hit rate of a short search from AdamW on the cheapest proxy.
const budgetTrials = 600;
const result = await searchOptimizers({ proxy: { kind: 'quadratic' }, budgetTrials, populationSize: 50, seed: 1 });
const s = result.summary;
const adamw = optimizerTask({ proxy: { kind: 'quadratic' } });
const adamwMs = meanMs([0, 1, 2], () => adamw.evaluate(adamwProgram(), { trialId: 0, seed: 0 }));
const perTrialMs = s.elapsedMs / s.trials;
console.log(
  `\nsearch on quadratic, ${budgetTrials} trials, population 50: FEC cache hits ${(100 * s.cached / s.trials).toFixed(1)}% of trials; ` +
    `${perTrialMs.toFixed(2)} ms per trial = ${(perTrialMs / adamwMs).toFixed(2)}× an AdamW evaluation (${adamwMs.toFixed(2)} ms); ` +
    `dead statements ${(100 * result.deadStatementRate).toFixed(1)}% per program`,
);
