import type { CliCommand } from './command.ts';

/** Every subcommand of `amoeba`, in the order `--help` lists them. */
export const commands: CliCommand[] = [];
