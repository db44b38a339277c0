import { parseDelimiter } from '../tasks/symbolic-regression/csv-format.ts';
import { readCsv } from '../tasks/symbolic-regression/dataset.ts';
import { loadModel } from '../tasks/symbolic-regression/model.ts';
import { intFlag, processIo, type CliCommand } from './command.ts';
import { readJsonFile } from './json-file.ts';
import { checkWritable, writeOutputFile } from './output-file.ts';

/**
 * `amoeba predict model.json data.csv [--out preds.csv]`: evaluates a model file's chosen
 * formula (or `--formula N` of its front) on each row of a CSV file and writes one column,
 * named after the model's target, as CSV. A row with a missing value in a column the formula
 * reads gets an empty cell; a column the formula reads that the file lacks is an error.
 *
 * @example
 * amoeba sr train.csv --target y --json model.json
 * amoeba predict model.json new.csv --out preds.csv
 */
export const predictCommand: CliCommand = (program, io = processIo) => {
  program
    .command('predict')
    .description("evaluate a model file's formula (amoeba sr --json) on the rows of a CSV file")
    .argument('<model.json>', 'a model file written by amoeba sr --json')
    .argument('<data.csv>', 'rows to predict: a header of column names, then numbers')
    .option('--out <file>', 'write the predictions here as CSV (default: standard output)')
    .option('--formula <n>', 'use formula n of the front (0 = simplest) instead of the chosen one', intFlag('formula', 0))
    .option('--delimiter <char>', 'cell delimiter of the data: one character, or tab, comma, semicolon, pipe, space, whitespace (default: detected)', parseDelimiter)
    .addHelpText('after', '\nExamples:\n  amoeba sr train.csv --target y --json model.json\n  amoeba predict model.json new.csv --out preds.csv\n  amoeba predict model.json new.csv --formula 0')
    .action((modelPath: string, dataPath: string, flags: { out?: string; formula?: number; delimiter?: string }) => {
      checkWritable(flags.out, 'out');
      const model = loadModel(readJsonFile(modelPath, 'the model file', '; write one with amoeba sr --json'), modelPath);
      const table = readCsv(dataPath, { ...(flags.delimiter === undefined ? {} : { delimiter: flags.delimiter }), allowMissing: true });
      const predictions = model.predict(table, flags.formula === undefined ? {} : { formula: flags.formula });
      const blank = predictions.reduce((n, v) => (Number.isFinite(v) ? n : n + 1), 0);
      const csv = `${csvCell(model.target)}\n${Array.from(predictions, (v) => (Number.isFinite(v) ? String(v) : '')).join('\n')}\n`;
      if (flags.out === undefined) io.out(csv);
      else writeOutputFile(flags.out, csv, 'out');
      const formula = model.front[flags.formula ?? model.bestIndex]!;
      io.err(`amoeba: ${predictions.length} predictions of ${model.target} = ${formula.expression}${flags.out === undefined ? '' : ` written to ${flags.out}`}\n`);
      if (blank > 0) io.err(`amoeba: ${blank} rows have no prediction (a missing value, or the formula is not finite there); their cells are empty\n`);
    });
};

/** A CSV header cell, quoted when it holds a comma, a quote or surrounding spaces. */
function csvCell(text: string): string {
  return /[",\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
