import { UsageError } from '../../core/errors.ts';
import type { Table } from './dataset.ts';

/** Data as a program holds it: rows as objects by column name, columns by name, or a `Table`. */
export type TableLike = readonly { readonly [column: string]: number | null | undefined }[] | { readonly [column: string]: ArrayLike<number> } | Table;

function isTable(data: object): data is Table {
  return 'names' in data && 'columns' in data && 'rows' in data && Array.isArray((data as Table).names);
}

/**
 * Data as a table. Rows may hold different columns (a column a row lacks reads as NaN there);
 * columns must be of one length. Values that are not numbers read as NaN.
 */
export function tableOf(data: TableLike, source: string): Table {
  if (typeof data !== 'object' || data === null) throw new UsageError(`${source} must be a list of rows, an object of columns or a table`);
  if (isTable(data)) return data;
  if (Array.isArray(data)) {
    const rows = data as readonly { readonly [column: string]: unknown }[];
    const names = [...new Set(rows.flatMap((row) => Object.keys(row ?? {})))];
    const columns = names.map((name) => Float64Array.from(rows, (row) => numberOr(row?.[name])));
    return { names, columns, rows: rows.length };
  }
  const byName = data as { readonly [column: string]: ArrayLike<number> };
  const names = Object.keys(byName);
  const columns = names.map((name) => Float64Array.from(Array.from(byName[name] ?? [], numberOr)));
  const length = columns[0]?.length ?? 0;
  const uneven = names.find((_, i) => columns[i]!.length !== length);
  if (uneven !== undefined) throw new UsageError(`${source}: column '${uneven}' has ${columns[names.indexOf(uneven)]!.length} values, column '${names[0]}' has ${length}`);
  return { names, columns, rows: length };
}

function numberOr(value: unknown): number {
  return typeof value === 'number' ? value : NaN;
}
