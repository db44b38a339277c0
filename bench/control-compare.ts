/**
 * ARZ against the neural baselines on Cataclysmic Cart-pole: each method gets the same budget
 * of search episodes on the same 11 training episodes, once per seed, and every trained
 * policy is scored on 50 unseen episodes of the stationary and each held-out family.
 *
 *   npx tsx bench/control-compare.ts [episodes=55000] [seeds=10] [first seed=1]
 */
import '../src/algorithms/index.ts';
import { compareMethods, type ComparisonRow } from '../src/tasks/control/compare.ts';

const budgetEpisodes = Number(process.argv[2] ?? 55_000);
const seedCount = Number(process.argv[3] ?? 10);
const firstSeed = Number(process.argv[4] ?? 1);
const started = performance.now();
const rows = await compareMethods({
  task: { env: 'cataclysmic-cartpole' },
  budgetEpisodes,
  seeds: Array.from({ length: seedCount }, (_, i) => i + firstSeed),
  onRun: (method, seed, searchReturn, searched) => console.error(`${method} seed ${seed}: search return ${searchReturn.toFixed(1)} after ${searched} ${method === 'arz' ? 'trials' : 'evaluations'} (${((performance.now() - started) / 1000).toFixed(0)} s)`),
});

const cell = (r: ComparisonRow): string => `${r.meanReturn.mean.toFixed(1)} ± ${r.meanReturn.halfWidth.toFixed(1)} / ${(100 * r.survival.mean).toFixed(0)} ± ${(100 * r.survival.halfWidth).toFixed(0)}%`;
const families = [...new Set(rows.map((r) => r.family))];
console.log(`${budgetEpisodes} search episodes per method and seed, ${seedCount} seeds; mean return ± 95% interval / survival ± 95% interval over seeds\n`);
console.log(`| family | ${['arz', 'mlp', 'lstm'].join(' | ')} |`);
console.log('| --- | --- | --- | --- |');
for (const family of families) console.log(`| ${family} | ${['arz', 'mlp', 'lstm'].map((m) => cell(rows.find((r) => r.method === m && r.family === family)!)).join(' | ')} |`);
console.log(`\n${JSON.stringify(rows.map(({ method, family, returns, survivals }) => ({ method, family, returns, survivals })))}`);
