import '../tasks/symbolic-regression/register.ts';
import { formatStudyReport, studyReport } from '../report/index.ts';
import { openStoreFile, requireStudy } from '../store/index.ts';
import { intFlag, processIo } from './command.ts';
import type { CliCommand } from './command.ts';

/**
 * `amoeba show [study]`: a study's summary, trial counts by status, and its best trials (one
 * objective) or Pareto front (several), programs printed. The newest study by default.
 *
 * @example
 * amoeba show --db runs.db
 * amoeba show sr-1 --json
 */
export const showCommand: CliCommand = (program, io = processIo) => {
  program
    .command('show')
    .description('summarise a stored study: counts by status and the best trials or Pareto front')
    .argument('[study]', 'the study name (default: the newest)')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--top <n>', 'best trials to list for a single objective', intFlag('top', 1), 5)
    .option('--json', 'print JSON')
    .action((name: string | undefined, flags: { db?: string; top: number; json?: boolean }) => {
      const store = openStoreFile(flags.db, { mustExist: true });
      try {
        const report = studyReport(store, requireStudy(store, name), flags.top);
        io.out(flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatStudyReport(report));
      } finally {
        store.close();
      }
    });
};
