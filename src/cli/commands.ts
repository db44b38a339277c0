import type { CliCommand } from './command.ts';
import { demoCommand } from './demo.ts';
import { nasCommand } from './nas.ts';
import { srCommand } from './sr.ts';

/** Every subcommand of `amoeba`, in the order `--help` lists them. */
export const commands: CliCommand[] = [demoCommand, srCommand, nasCommand];
