import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isUsageError } from '../core/errors.ts';
import { commands } from './commands.ts';
import { processIo, type CliIo } from './command.ts';
import { takeInterruptExitCode } from './signals.ts';

/** The package's version, as `amoeba --version` prints it. */
export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Runs `amoeba` with the given arguments (without `node` and the script path) and returns
 * the exit code: 0 on success, 2 for a mistake in the input (one message, no stack trace),
 * 128 + the signal's number for a search that a signal stopped (its result printed), 1 for
 * anything else, which is a bug.
 */
export async function runCli(args: readonly string[], output: CliIo = processIo): Promise<number> {
  const program = new Command('amoeba')
    .description('Evolutionary program search: evolve formulas, kernels, optimizers and architectures.')
    .version(VERSION, '--version', 'print the version of amoeba')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .exitOverride();
  for (const add of commands) add(program, output);
  for (const sub of program.commands) sub.configureOutput({ writeOut: output.out, writeErr: output.err }).exitOverride();
  takeInterruptExitCode();
  try {
    await program.parseAsync([...args], { from: 'user' });
    return takeInterruptExitCode() ?? 0;
  } catch (error) {
    takeInterruptExitCode();
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2; // commander printed it
    if (isUsageError(error)) {
      output.err(`amoeba: ${error.message}\n`);
      return 2;
    }
    output.err(`amoeba: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
