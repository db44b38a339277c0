import { approxCommand } from './approx.ts';
import { automlZeroCommand } from './automl-zero.ts';
import type { CliCommand } from './command.ts';
import { controlCommand } from './control.ts';
import { dashboardCommand } from './dashboard.ts';
import { demoCommand } from './demo.ts';
import { exportCommand } from './export.ts';
import { nasCommand } from './nas.ts';
import { optimizersCommand } from './optimizers.ts';
import { plotCommand } from './plot.ts';
import { predictCommand } from './predict.ts';
import { resumeCommand } from './resume.ts';
import { rlLossCommand } from './rl-loss.ts';
import { runCommand } from './run.ts';
import { showCommand } from './show.ts';
import { srCommand } from './sr.ts';
import { studiesCommand } from './studies.ts';
import { workerCommand } from './worker.ts';

/** Every subcommand of `amoeba`, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  demoCommand,
  srCommand,
  predictCommand,
  approxCommand,
  automlZeroCommand,
  controlCommand,
  nasCommand,
  optimizersCommand,
  rlLossCommand,
  runCommand,
  studiesCommand,
  showCommand,
  plotCommand,
  exportCommand,
  dashboardCommand,
  resumeCommand,
  workerCommand,
];
