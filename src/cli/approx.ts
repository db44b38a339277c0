import { UsageError } from '../core/errors.ts';
import { checkLanguage, exportFunction } from '../tasks/function-approx/export.ts';
import { checkMode } from '../tasks/function-approx/measure.ts';
import { approxJson, comparisonTable } from '../tasks/function-approx/report.ts';
import { searchApproximations } from '../tasks/function-approx/search.ts';
import { builtInTarget, checkInterval } from '../tasks/function-approx/targets.ts';
import { verifyFloat32Parallel } from '../tasks/function-approx/verify-float32-parallel.ts';
import { intFlag, numberFlag, processIo, renamedFlag, type CliCommand, type CliIo } from './command.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';
import { showProgress } from './progress.ts';
import { stopOnSignals } from './signals.ts';

interface ApproxFlags {
  validationPoints: number;
  interval?: string;
  mode: string;
  budget?: number;
  timeLimit?: number;
  seed: number;
  json?: string;
  export?: string;
  exportFile?: string;
  maxOps: number;
  fma?: boolean;
  sqrt?: boolean;
  baselineSeeds: boolean;
  verify?: boolean;
  workers?: number;
  quiet?: boolean;
}

function parseInterval(raw: string | undefined): [number, number] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || raw.split(',').some((s) => s.trim() === '')) throw new UsageError(`--interval must be two numbers 'low,high', got '${raw}'`);
  return checkInterval(parts, '--interval') as [number, number];
}

/**
 * `amoeba approx`: AutoNumerics-Zero. Evolves programs over + − × ÷ (optionally fma, sqrt)
 * approximating a target function and prints the best program at each op count beside the
 * best classic approximation (Taylor, Padé, minimax by Remez, symmetric and halving forms).
 *
 * @example
 * amoeba approx exp2 --interval 0,1 --mode real --budget 5000 --json out.json
 * amoeba approx exp2 --mode float32 --fma --export c --verify --workers 4
 */
export const approxCommand: CliCommand = (program, io: CliIo = processIo) => {
  const command = program
    .command('approx')
    .description('evolve approximations of exp2, exp, ln, log2 or erf and compare them with classic ones')
    .argument('<target>', 'exp2, exp, ln, log2 or erf')
    .option('--interval <low,high>', 'the interval (default: the target\'s own, [0,1] for exp2)')
    .option('--mode <mode>', 'real (float64, relative error) or float32 (ULPs, every op rounded)', 'real')
    .option('--budget <trials>', 'trials to run (default 2000 without --time-limit)', intFlag('budget', 1))
    .option('--time-limit <seconds>', 'stop after this many seconds', numberFlag('time-limit', 0))
    .option('--seed <n>', 'random seed', intFlag('seed'), 0)
    .option('--max-ops <n>', 'largest op count to search and report', intFlag('max-ops', 1, 40), 16)
    .option('--validation-points <n>', 'evenly spaced points the error is measured on', intFlag('validation-points', 2), 2001)
    .option('--fma', 'allow fma (default in float32 mode)')
    .option('--sqrt', 'allow sqrt')
    .option('--no-baseline-seeds', 'start from random programs instead of the classic baselines')
    .option('--json <path>', 'write { front, baselines } as JSON')
    .option('--export <lang>', 'print each front program as a function: ts, js or c')
    .option('--export-file <path>', 'write the exported functions to this file instead of stdout')
    .option('--verify', 'float32 mode: check front programs, fewest ops first, on every float32 of the interval until one is below 1 ulp')
    .option('--workers <n>', 'worker threads for --verify (default: all cores); the search itself runs on one', intFlag('workers', 1, 1024))
    .option('--quiet', 'no progress line')
    .addHelpText('after', '\nCtrl-C, SIGTERM or SIGHUP stop the search and print the table, JSON and exports of what it found.');
  renamedFlag(renamedFlag(command, 'seconds', 'time-limit'), 'threads', 'workers')
    .action(async (targetName: string, flags: ApproxFlags) => {
      const target = builtInTarget(targetName);
      const mode = checkMode(flags.mode);
      const interval = parseInterval(flags.interval) ?? target.defaultInterval;
      const language = flags.export === undefined ? undefined : checkLanguage(flags.export);
      if (flags.verify === true && mode !== 'float32') throw new UsageError('--verify needs --mode float32 (it checks every float32 input)');
      checkWritable(flags.json, 'json');
      checkWritable(flags.exportFile, 'export-file');
      const budgetTrials = flags.budget ?? (flags.timeLimit === undefined ? 2000 : undefined);
      io.out(`approx ${target.name} on [${interval.join(', ')}], mode ${mode}, seed ${flags.seed}\n`);
      let stop = () => {};
      const interrupt = stopOnSignals(io);
      const result = await searchApproximations({
        target,
        interval,
        mode,
        seed: flags.seed,
        maxOps: flags.maxOps,
        seedWithBaselines: flags.baselineSeeds,
        validationPoints: flags.validationPoints,
        ...(flags.fma === undefined ? {} : { fma: flags.fma }),
        ...(flags.sqrt === undefined ? {} : { sqrt: flags.sqrt }),
        ...(budgetTrials === undefined ? {} : { budgetTrials }),
        ...(flags.timeLimit === undefined ? {} : { budgetSeconds: flags.timeLimit }),
        signal: interrupt.signal,
        onStudy: (study) => {
          stop = showProgress(study, {
            quiet: flags.quiet === true,
            budgetTrials,
            budgetSeconds: flags.timeLimit,
            describeBest: (best) => `${best.values[0]!.toExponential(2)} at ${best.values[1]} ops`,
          });
        },
      }).finally(() => interrupt.dispose());
      stop();
      io.out(`${comparisonTable(result, 1, flags.maxOps)}\n`);
      if (flags.json !== undefined) writeOutputFile(flags.json, `${JSON.stringify(approxJson(target.name, result), null, 2)}\n`, 'json');
      if (language !== undefined) {
        const code = result.front
          .map((p) => `// ${p.ops} ops, max error ${p.maxError}\n${exportFunction(p.program, `${target.name}_${p.ops}ops`, language, { ops: result.ops, float32: mode === 'float32' })}`)
          .join('\n\n');
        if (flags.exportFile === undefined) io.out(`${code}\n`);
        else writeOutputFile(flags.exportFile, `${code}\n`, 'export-file');
      }
      if (flags.verify === true && interrupt.received !== undefined) io.err('amoeba: --verify skipped: the search was stopped\n');
      else if (flags.verify === true) {
        // Fewest ops first; the first program that passes is the answer, so stop there.
        for (const p of result.front.filter((q) => q.maxError < 1)) {
          const report = await verifyFloat32Parallel({ program: p.program, target, interval, ops: result.ops, ...(flags.workers === undefined ? {} : { workers: flags.workers }) });
          io.out(`verify ${p.ops} ops: max ${report.maxUlp.toFixed(4)} ulp over ${report.checked} float32 inputs (worst at x = ${report.worstInput})\n`);
          if (report.maxUlp < 1) break;
        }
      }
    });
};
