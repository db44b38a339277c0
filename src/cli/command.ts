import { Option, type Command } from 'commander';
import { UsageError } from '../core/errors.ts';

/** Where a command writes its results (`out`) and its messages and progress (`err`). */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Standard output for results, standard error for messages. */
export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** One `amoeba` subcommand: adds itself to the program. One file per subcommand. */
export type CliCommand = (program: Command, io?: CliIo) => void;

/** Parses a flag as an integer in [min, max], or throws a UsageError naming the flag. */
export function intFlag(name: string, min = -Infinity, max = Infinity): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
      throw new UsageError(`--${name} must be a whole number ${range}, got '${raw}'`);
    }
    return value;
  };
}

/** Parses a flag as a finite number in [min, max], or throws a UsageError naming the flag. */
export function numberFlag(name: string, min = -Infinity, max = Infinity): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new UsageError(`--${name} must be a number in [${min}, ${max}], got '${raw}'`);
    }
    return value;
  };
}

/**
 * Keeps a renamed flag out of the help and refuses it with one line naming its new name, so an
 * old script fails plainly instead of with "unknown option".
 */
export function renamedFlag(command: Command, old: string, now: string): Command {
  return command.addOption(
    new Option(`--${old} <value>`).hideHelp().argParser(() => {
      throw new UsageError(`--${old} is now --${now}: give --${now} instead`);
    }),
  );
}

/** Writes a command's result to the program's standard output (which tests may redirect). */
export function printResult(command: Command, text: string): void {
  let root = command;
  while (root.parent) root = root.parent;
  const writeOut = root.configureOutput().writeOut;
  if (writeOut) writeOut(text);
  else process.stdout.write(text);
}
