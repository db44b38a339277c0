import { Rng } from '../core/rng.ts';
import type { RegressionData } from '../tasks/symbolic-regression/dataset.ts';
import { intFlag, numberFlag, processIo, type CliCommand } from './command.ts';
import { runSearch } from './sr.ts';

/** Newton's law of universal gravitation, in units where G = 6.674. */
const LAW = 'F = 6.674 · m1 · m2 / r²';

/** 200 noiseless observations of two masses at a distance and the force between them. */
function gravityData(rng: Rng): RegressionData {
  const rows = 200;
  const m1 = new Float64Array(rows);
  const m2 = new Float64Array(rows);
  const r = new Float64Array(rows);
  const force = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    m1[i] = rng.uniform(1, 10);
    m2[i] = rng.uniform(1, 10);
    r[i] = rng.uniform(0.5, 5);
    force[i] = (6.674 * m1[i]! * m2[i]!) / (r[i]! * r[i]!);
  }
  return { featureNames: ['m1', 'm2', 'r'], features: [m1, m2, r], target: force, rows };
}

/** `amoeba demo`: rediscovers Newton's law of gravitation from data it generates. */
export const demoCommand: CliCommand = (program, io = processIo) => {
  program
    .command('demo')
    .description(`rediscover a physical law (${LAW}) from 200 generated measurements`)
    .option('--seed <n>', 'random seed', intFlag('seed'), 1)
    .option('--time-limit <seconds>', 'stop after this many seconds', numberFlag('time-limit', 0), 60)
    .option('--quiet', 'no progress output')
    .action(async (flags: { seed: number; timeLimit: number; quiet?: boolean }) => {
      io.err(`amoeba demo: searching formulas for F(m1, m2, r) in 200 generated measurements of gravity.\n`);
      const result = await runSearch(
        gravityData(new Rng(flags.seed)),
        { seed: flags.seed, timeLimit: flags.timeLimit, ops: 'add,sub,mul,pdiv', maxVertices: 16, quiet: flags.quiet === true },
        io,
        { generator: 'gravity' },
      );
      const best = result.front[result.best];
      const exact = best !== undefined && best.validError < 1e-20;
      io.out(exact ? `\nRecovered the law exactly: F = ${best.expression}   (true law: ${LAW})\n` : `\nBest formula so far: F = ${best?.expression ?? '—'}; the true law is ${LAW}. Try a longer --time-limit.\n`);
    });
};
