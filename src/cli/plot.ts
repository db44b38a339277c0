import { renderImage, studyPlotSpec } from '../report/index.ts';
import { openStoreFile, requireStudy } from '../store/index.ts';
import type { CliCommand } from './command.ts';
import { imageFormat, writeOutputFile } from './output-file.ts';

/**
 * `amoeba plot [study] --out f.png|f.svg`: best-so-far against trials and against time, and
 * the front of the first two objectives when there are two or more.
 *
 * @example
 * amoeba plot --db runs.db --out progress.png
 */
export const plotCommand: CliCommand = (program) => {
  program
    .command('plot')
    .description('plot best-so-far against trials and time, and the Pareto front (PNG or SVG)')
    .argument('[study]', 'the study name (default: the newest)')
    .option('--db <file>', 'the study store (default amoeba.db)')
    .requiredOption('--out <file>', 'the image to write: .png or .svg')
    .action(async (name: string | undefined, flags: { db?: string; out: string }) => {
      const format = imageFormat(flags.out, 'out');
      const store = openStoreFile(flags.db, { mustExist: true });
      let spec;
      try {
        const study = requireStudy(store, name);
        spec = studyPlotSpec(store, study);
      } finally {
        store.close();
      }
      writeOutputFile(flags.out, await renderImage(spec, format), 'out');
    });
};
