import { readFileSync } from 'node:fs';
import { UsageError } from '../../core/errors.ts';
import type { Rng } from '../../core/rng.ts';

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

/** Reads a CSV file with a header row of column names and numbers in every cell. */
export function readCsv(path: string): Table {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String((error as Error).message);
    throw new UsageError(`cannot read data file '${path}': ${why}`);
  }
  return parseCsv(text, path);
}

/** Parses CSV text (comma-separated, header first, numeric cells); errors name row and column. */
export function parseCsv(text: string, source = 'input'): Table {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new UsageError(`${source} is empty: expected a header row of column names, then rows of numbers`);
  const names = splitCells(lines[0]!);
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
    const cells = splitCells(lines[r + 1]!);
    const line = r + 2;
    if (cells.length !== names.length) {
      throw new UsageError(`${source}, line ${line}: expected ${names.length} cells, found ${cells.length}`);
    }
    for (let c = 0; c < names.length; c++) {
      const cell = cells[c]!;
      if (cell === '') throw new UsageError(`${source}, line ${line}: the cell in column '${names[c]}' is empty`);
      const value = Number(cell);
      if (!isNumeric(cell) || !Number.isFinite(value)) {
        throw new UsageError(`${source}, line ${line}: the cell '${cell}' in column '${names[c]}' is not a finite number`);
      }
      columns[c]![r] = value;
    }
  }
  return { names, columns, rows };
}

/** Splits a table into features and the named target column. */
export function regressionData(table: Table, target: string, source = 'input'): RegressionData {
  const t = table.names.indexOf(target);
  if (t < 0) throw new UsageError(`unknown target column '${target}' in ${source}; its columns are: ${table.names.join(', ')}`);
  if (table.names.length < 2) throw new UsageError(`${source} has only the target column; it needs at least one feature column`);
  if (table.rows < MIN_ROWS) throw new UsageError(`${source} has ${table.rows} data rows; at least ${MIN_ROWS} are needed to fit and validate`);
  return {
    featureNames: table.names.filter((_, i) => i !== t),
    features: table.columns.filter((_, i) => i !== t),
    target: table.columns[t]!,
    rows: table.rows,
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

function splitCells(line: string): string[] {
  return line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

function isNumeric(cell: string): boolean {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell);
}
