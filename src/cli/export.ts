import { writeFileSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';
import { trialsAsCsv, trialsAsJson } from '../report/index.ts';
import { openStoreFile, requireStudy } from '../store/index.ts';
import { processIo } from './command.ts';
import type { CliCommand } from './command.ts';

/**
 * `amoeba export [study] --format json|csv`: writes every trial of a study, to a file or stdout.
 *
 * @example
 * amoeba export --format csv --out trials.csv
 */
export const exportCommand: CliCommand = (program, io = processIo) => {
  program
    .command('export')
    .description('write every trial of a study as JSON or CSV')
    .argument('[study]', 'the study name (default: the newest)')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'write here instead of standard output')
    .action((name: string | undefined, flags: { db?: string; format: string; out?: string }) => {
      if (flags.format !== 'json' && flags.format !== 'csv') throw new UsageError(`--format must be json or csv, got '${flags.format}'`);
      const store = openStoreFile(flags.db, { mustExist: true });
      let text: string;
      try {
        const study = requireStudy(store, name);
        const trials = store.trials(study.name);
        text = flags.format === 'csv' ? trialsAsCsv(study, trials) : `${JSON.stringify(trialsAsJson(study, trials), null, 1)}\n`;
      } finally {
        store.close();
      }
      if (flags.out === undefined) io.out(text);
      else writeFileSync(flags.out, text);
    });
};
