/** NAS-Bench-201: cell strings, the DNA space, accuracy tables and the task. */
export { NB201_CELL_COUNT, NB201_EDGES, NB201_OPS, checkNb201Cell, formatNb201Cell, nb201CellCode, nb201CellFromCode, parseNb201Cell } from './cell.ts';
export type { Nb201Cell } from './cell.ts';
export { NB201_DATASETS, Nb201Table, loadNb201Table, parseNb201Csv, parseNb201Dataset } from './table.ts';
export type { Nb201Dataset, Nb201Split } from './table.ts';
export { defaultNb201CsvPath } from './default-data.ts';
export { nasBench201Space, nb201CellOfDna, nb201CodeOfDna } from './space.ts';
export type { Nb201Space } from './space.ts';
export { nasBench201Task } from './task.ts';
export type { Nb201TaskOptions } from './task.ts';
