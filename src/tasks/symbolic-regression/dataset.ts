import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.ts';
import type { Rng } from '../../core/rng.ts';
import { delimiterName, detectDelimiter, splitLine } from './csv-format.ts';

/** A numeric table: named columns of equal length. */
export interface Table {
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly rows: number;
}

/** Features and target of a regression problem. */
export interface RegressionData {
  readonly featureNames: readonly string[];
  readonly features: readonly Float64Array[];
  readonly target: Float64Array;
  readonly rows: number;
}

/** The smallest data set a fit is attempted on: fewer rows cannot hold out a validation set. */
export const MIN_ROWS = 5;

/** How a CSV file is read. */
export interface CsvOptions {
  /** One character, or `WHITESPACE` for runs of spaces and tabs; detected from the first lines by default. */
  readonly delimiter?: string;
  /**
   * Read missing cells (empty, NA, N/A, NaN, null, None, ?) as NaN rather than refuse them, so
   * that `regressionData` can drop their rows (default false).
   */
  readonly allowMissing?: boolean;
}

/** Cells that stand for a missing value. */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

/** Reads a CSV file with a header row of column names and numbers in every cell. */
export function readCsv(path: string, options: CsvOptions = {}): Table {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String((error as Error).message);
    throw new UsageError(`cannot read data file '${path}': ${why}`);
  }
  return parseCsv(text, path, options);
}

/**
 * Parses delimited text (header first, numeric cells); errors name row and column. Column
 * names may hold any characters but the delimiter (quote a name to include that too).
 */
export function parseCsv(text: string, source = 'input', options: CsvOptions = {}): Table {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new UsageError(`${source} is empty: expected a header row of column names, then rows of numbers`);
  const delimiter = options.delimiter ?? detectDelimiter(lines);
  const names = splitLine(lines[0]!, delimiter);
  if (names.every((name) => isNumeric(name))) {
    throw new UsageError(`${source} has no header: its first row (${lines[0]!.slice(0, 60)}) is all numbers; add a row of column names`);
  }
  const blank = names.findIndex((name) => name === '');
  if (blank >= 0) throw new UsageError(`${source}: column ${blank + 1} of the header has no name`);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new UsageError(`${source}: column name '${duplicate}' appears twice in the header`);
  const rows = lines.length - 1;
  const columns = names.map(() => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    const cells = splitLine(lines[r + 1]!, delimiter);
    const line = r + 2;
    if (cells.length !== names.length) {
      throw new UsageError(`${source}, line ${line}: expected ${names.length} cells, found ${cells.length} (cells split at ${delimiterName(delimiter)}; give --delimiter to choose another)`);
    }
    for (let c = 0; c < names.length; c++) {
      const cell = cells[c]!;
      if (MISSING.has(cell.toLowerCase())) {
        if (options.allowMissing === true) {
          columns[c]![r] = NaN;
          continue;
        }
        const what = cell === '' ? `the cell in column '${names[c]}' is empty` : `the cell '${cell}' in column '${names[c]}' is a missing value`;
        throw new UsageError(`${source}, line ${line}: ${what}; give --drop-missing to drop rows with missing values`);
      }
      const value = Number(cell);
      if (!isNumeric(cell) || !Number.isFinite(value)) {
        const hint = names.length === 1 ? ` (the file reads as one column split at ${delimiterName(delimiter)}; give --delimiter to choose another)` : '';
        throw new UsageError(`${source}, line ${line}: the cell '${cell}' in column '${names[c]}' is not a finite number${hint}`);
      }
      columns[c]![r] = value;
    }
  }
  return { names, columns, rows };
}

/** How `regressionData` treats rows with a missing (non-finite) value. */
export interface RegressionDataOptions {
  /** Drop them and count them in `dropped` (default: refuse them, naming the first). */
  readonly dropMissing?: boolean;
}

/** Splits a table into features and the named target column. */
export function regressionData(table: Table, target: string, source = 'input', options: RegressionDataOptions = {}): RegressionData & { readonly dropped: number } {
  const t = table.names.indexOf(target);
  if (t < 0) throw new UsageError(`unknown target column '${target}' in ${source}; its columns are: ${table.names.join(', ')}`);
  if (table.names.length < 2) throw new UsageError(`${source} has only the target column; it needs at least one feature column`);
  const complete = Array.from({ length: table.rows }, (_, r) => r).filter((r) => table.columns.every((column) => Number.isFinite(column[r]!)));
  if (complete.length < table.rows && options.dropMissing !== true) {
    // `complete` lists rows in order, so the first gap is the first incomplete row.
    let r = 0;
    while (r < complete.length && complete[r] === r) r++;
    const c = table.columns.findIndex((column) => !Number.isFinite(column[r]!));
    throw new UsageError(`${source}: row ${r + 1} has no finite value in column '${table.names[c]}'; give --drop-missing (dropMissing) to drop rows with missing values`);
  }
  const kept = complete.length < table.rows ? { names: table.names, columns: table.columns.map((column) => Float64Array.from(complete, (r) => column[r]!)), rows: complete.length } : table;
  if (kept.rows < MIN_ROWS) {
    const after = kept.rows < table.rows ? ` after dropping ${table.rows - kept.rows} with missing values` : '';
    throw new UsageError(`${source} has ${kept.rows} data rows${after}; at least ${MIN_ROWS} are needed to fit and validate`);
  }
  return {
    featureNames: kept.names.filter((_, i) => i !== t),
    features: kept.columns.filter((_, i) => i !== t),
    target: kept.columns[t]!,
    rows: kept.rows,
    dropped: table.rows - kept.rows,
  };
}

/** How many of `rows` rows `splitRows` holds out for validation (at least one, and one fewer than all). */
export function validationRowCount(rows: number, validationFraction: number): number {
  return Math.min(rows - 1, Math.max(1, Math.round(rows * validationFraction)));
}

/** A seeded split into training and validation rows (at least one row in each). */
export function splitRows(data: RegressionData, validationFraction: number, rng: Rng): { train: RegressionData; validation: RegressionData } {
  const order = rng.shuffle(Array.from({ length: data.rows }, (_, i) => i));
  const validationRows = validationRowCount(data.rows, validationFraction);
  return { validation: pickRows(data, order.slice(0, validationRows)), train: pickRows(data, order.slice(validationRows)) };
}

function pickRows(data: RegressionData, rows: readonly number[]): RegressionData {
  const pick = (column: Float64Array) => Float64Array.from(rows, (r) => column[r]!);
  return { featureNames: data.featureNames, features: data.features.map(pick), target: pick(data.target), rows: rows.length };
}

function isNumeric(cell: string): boolean {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell);
}
