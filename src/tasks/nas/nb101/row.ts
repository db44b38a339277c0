import { UsageError } from '../../../core/errors.ts';
import { decodeModelMetrics, encodeModelMetrics } from './metrics-proto.ts';
import type { EvaluationData, ModelMetrics } from './metrics-proto.ts';

/** One dataset record: one training run of one module at one epoch budget. */
export interface Nb101Row {
  /** The module hash (32 lowercase hex digits). */
  readonly hash: string;
  /** The epoch budget the module was trained for (4, 12, 36 or 108). */
  readonly epochs: number;
  /** The pruned adjacency matrix, row-major, as a string of 0/1. */
  readonly adjacency: string;
  /** The ops, comma-separated, input first and output last. */
  readonly operations: string;
  readonly metrics: ModelMetrics;
}

/** A dataset record that is not the JSON row NAS-Bench-101 writes; names the record's offset. */
export class DatasetRowError extends UsageError {
  override readonly name = 'DatasetRowError';
}

/** How error messages name a record: its file and the byte offset where it starts. */
export function recordPlace(path: string, offset: number): string {
  return `dataset '${path}', record at byte ${offset}`;
}

const HASH_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Parses a record's data, the JSON row `[module_hash, epochs, adjacency, operations,
 * base64 ModelMetrics]`, and decodes its protobuf.
 * @throws DatasetRowError naming the file, the record's byte offset and the problem.
 */
export function parseNb101Row(data: Buffer, path: string, offset: number): Nb101Row {
  const where = (): string => recordPlace(path, offset);
  let row: unknown;
  try {
    row = JSON.parse(data.toString('utf8'));
  } catch {
    throw new DatasetRowError(`${where()}: the record is not JSON; is this a NAS-Bench-101 .tfrecord file?`);
  }
  if (!Array.isArray(row) || row.length !== 5) throw new DatasetRowError(`${where()}: expected a JSON array of 5 fields [hash, epochs, adjacency, operations, metrics]`);
  const [hash, epochs, adjacency, operations, encoded] = row as unknown[];
  if (typeof hash !== 'string' || !HASH_PATTERN.test(hash)) throw new DatasetRowError(`${where()}: field 1 must be a 32-digit hex module hash`);
  if (typeof epochs !== 'number' || !Number.isInteger(epochs) || epochs <= 0) throw new DatasetRowError(`${where()}: field 2 must be a positive whole number of epochs`);
  if (typeof adjacency !== 'string') throw new DatasetRowError(`${where()}: field 3 must be the adjacency as a string of 0/1`);
  if (typeof operations !== 'string') throw new DatasetRowError(`${where()}: field 4 must be the comma-separated ops`);
  if (typeof encoded !== 'string') throw new DatasetRowError(`${where()}: field 5 must be the base64 ModelMetrics`);
  let metrics: ModelMetrics;
  try {
    metrics = decodeModelMetrics(Buffer.from(encoded, 'base64'));
  } catch (error) {
    throw new DatasetRowError(`${where()}: the ModelMetrics protobuf does not decode (${(error as Error).message})`);
  }
  if (metrics.evaluation_data.length < 3) {
    throw new DatasetRowError(`${where()}: ModelMetrics has ${metrics.evaluation_data.length} evaluations; expected 3 (start, halfway, end)`);
  }
  return { hash, epochs, adjacency, operations, metrics };
}

/** The record data of one row, as NAS-Bench-101 writes it (for test and benchmark datasets). */
export function encodeNb101Row(row: {
  readonly hash: string;
  readonly epochs: number;
  readonly adjacency: string;
  readonly operations: string;
  readonly metrics: { evaluation_data: Partial<EvaluationData>[]; trainable_parameters: number; total_time?: number };
}): Buffer {
  const encoded = Buffer.from(encodeModelMetrics(row.metrics)).toString('base64');
  return Buffer.from(JSON.stringify([row.hash, row.epochs, row.adjacency, row.operations, encoded]), 'utf8');
}
