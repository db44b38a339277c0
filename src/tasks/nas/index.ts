/**
 * NAS benchmarks: NAS-Bench-101 (cell space, exact module hash, TFRecord dataset loader with
 * an index cache, query API) and NAS-Bench-201 (cells, DNA space, accuracy tables), and the
 * harness that compares regularized evolution, random search and REINFORCE on them.
 */
export {
  InvalidSpecError,
  NB101_OPS,
  NotInDatasetError,
  OutOfDomainError,
  hashModule,
  isNb101Valid,
  loadNb101Index,
  nasBench101,
  nasBench101DnaSpace,
  nasBench101Space,
  nasBench101Task,
  nb101Hash,
  notebookMutation,
  pruneNb101,
  randomNb101Spec,
  singleVariableMutation,
} from './nb101/index.ts';
export type { LoadNb101Options, LoadedNb101, NasBench101, Nb101CellMetrics, Nb101Index, Nb101QueryOptions, Nb101QueryResult, Nb101Spec } from './nb101/index.ts';
export {
  NB201_DATASETS,
  NB201_OPS,
  formatNb201Cell,
  loadNb201Table,
  nasBench201Space,
  nasBench201Task,
  nb201CellCode,
  nb201CellOfDna,
  parseNb201Cell,
  parseNb201Csv,
} from './nb201/index.ts';
export type { Nb201Cell, Nb201Dataset, Nb201Space, Nb201Table } from './nb201/index.ts';
export { TfRecordError, readTfRecords, writeTfRecords } from './tfrecord/index.ts';
export { compareOnBenchmark, contender, nb101Benchmark, nb201Benchmark, runNasComparison } from './compare/index.ts';
export type { Comparison, Contender, NasComparisonOptions, TabularBenchmark } from './compare/index.ts';
