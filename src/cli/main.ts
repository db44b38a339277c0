import { Command, CommanderError } from 'commander';
import { isUsageError } from '../core/errors.ts';
import { commands } from './commands.ts';

const program = new Command('amoeba')
  .description('Evolutionary program search: evolve formulas, kernels, optimizers and architectures.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();
for (const add of commands) add(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** Mistakes a person made exit with 2 and one message; anything else is a bug (exit 1). */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message; help and version are not errors.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isUsageError(error)) {
    process.stderr.write(`amoeba: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(`amoeba: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
