import { Rng } from '../core/rng.ts';
import type { Json } from '../core/types.ts';
import type { RegressionData } from '../tasks/symbolic-regression/dataset.ts';
import { intFlag, numberFlag, processIo, type CliCommand } from './command.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { stopOnSignals } from './signals.ts';
import { modelJson, runSearch } from './sr.ts';
import { addStudyFlags, type StudyFlags } from './study-flags.ts';

/** A physical law the demo rediscovers from measurements it generates. */
interface Law {
  readonly name: string;
  readonly formula: string;
  readonly variables: readonly { readonly name: string; readonly low: number; readonly high: number }[];
  readonly f: (v: readonly number[]) => number;
  readonly ops: string;
}

const LAWS: readonly Law[] = [
  {
    name: "Newton's law of gravitation (G = 6.674 in these units)",
    formula: 'F = 6.674·m1·m2 / r²',
    variables: [{ name: 'm1', low: 1, high: 10 }, { name: 'm2', low: 1, high: 10 }, { name: 'r', low: 0.5, high: 5 }],
    f: ([m1, m2, r]) => (6.674 * m1! * m2!) / (r! * r!),
    ops: 'add,sub,mul,pdiv',
  },
  {
    name: "Kepler's third law (period in years, semi-major axis in AU)",
    formula: 'P = a^(3/2)',
    variables: [{ name: 'a', low: 0.3, high: 40 }],
    f: ([a]) => a! ** 1.5,
    ops: 'add,sub,mul,pdiv,psqrt',
  },
  {
    name: 'the period of a pendulum (g = 9.81 m/s²)',
    formula: 'T = 2π·√(L / 9.81)',
    variables: [{ name: 'L', low: 0.1, high: 3 }],
    f: ([L]) => 2 * Math.PI * Math.sqrt(L! / 9.81),
    ops: 'add,sub,mul,pdiv,psqrt',
  },
];

/** 200 noiseless measurements of a law, with inputs drawn uniformly from their ranges. */
function measure(law: Law, rng: Rng): RegressionData {
  const rows = 200;
  const features = law.variables.map(() => new Float64Array(rows));
  const target = new Float64Array(rows);
  const point = law.variables.map(() => 0);
  for (let i = 0; i < rows; i++) {
    law.variables.forEach((v, j) => {
      point[j] = rng.uniform(v.low, v.high);
      features[j]![i] = point[j]!;
    });
    target[i] = law.f(point);
  }
  return { featureNames: law.variables.map((v) => v.name), features, target, rows };
}

/** `amoeba demo`: rediscovers three physical laws from measurements it generates. */
export const demoCommand: CliCommand = (program, io = processIo) => {
  const command = program
    .command('demo')
    .description("rediscover three physical laws (gravitation, Kepler's third law, a pendulum) from generated measurements")
    .option('--seed <n>', 'random seed', intFlag('seed'), 1)
    .option('--time-limit <seconds>', 'most seconds per law', numberFlag('time-limit', 0), 20)
    .option('--budget <trials>', 'most formulas to try per law', intFlag('budget', 0))
    .option('--json <file>', 'write each law with its front and best formula as JSON')
    .option('--quiet', 'no progress output');
  // The laws' evaluations take microseconds: worker threads would cost more than they save.
  addStudyFlags(command, 1)
    .addHelpText('after', '\nCtrl-C, SIGTERM or SIGHUP stop the law being searched, print its front and skip the rest.')
    .action(async (flags: StudyFlags & { seed: number; timeLimit: number; budget?: number; json?: string; quiet?: boolean }) => {
      checkWritable(flags.json, 'json');
      const interrupt = stopOnSignals(io);
      const laws: Json[] = [];
      let recovered = 0;
      try {
        for (const law of LAWS) {
          if (interrupt.signal.aborted) break;
          io.out(`\n== ${law.name}: 200 measurements of ${law.variables.map((v) => v.name).join(', ')}\n`);
          const { json: _json, ...searchFlags } = flags;
          const result = await runSearch(
            measure(law, new Rng(flags.seed)),
            { ...searchFlags, ops: law.ops, maxVertices: 16, quiet: flags.quiet === true },
            io,
            { generator: law.formula, target: law.formula.split(' = ')[0]! },
            'demo',
            interrupt,
          );
          const best = result.front[result.best];
          const exact = best !== undefined && best.validError < 1e-20;
          if (exact) recovered++;
          laws.push({ law: law.formula, recovered: exact, ...(modelJson(result, law.formula.split(' = ')[0]!) as { [key: string]: Json }) });
          const lhs = law.formula.split(' = ')[0];
          io.out(exact ? `Recovered exactly: ${lhs} = ${best.expression}   (the law: ${law.formula})\n` : `Best so far: ${lhs} = ${best?.expression ?? '—'}   (the law: ${law.formula}); try a longer --time-limit\n`);
        }
        const skipped = LAWS.length - laws.length;
        io.out(`\n${recovered} of ${laws.length} laws recovered exactly from data alone${skipped === 0 ? '' : ` (stopped before the other ${skipped})`}.\n`);
        if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify({ seed: flags.seed, laws }, null, 2)}\n`, 'json');
      } finally {
        interrupt.dispose();
      }
    });
};
