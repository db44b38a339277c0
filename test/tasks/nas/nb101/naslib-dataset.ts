import { readFileSync } from 'node:fs';
import { encodeNb101Row } from '../../../../src/tasks/nas/nb101/row.ts';
import { writeTfRecords } from '../../../../src/tasks/nas/tfrecord/writer.ts';
import { sharedDataPath } from '../shared-data.ts';

/** One repeat of a NASLib cell at 108 epochs. */
export interface NaslibRun {
  halfway_training_time: number;
  halfway_train_accuracy: number;
  halfway_validation_accuracy: number;
  halfway_test_accuracy: number;
  final_training_time: number;
  final_train_accuracy: number;
  final_validation_accuracy: number;
  final_test_accuracy: number;
}

/** A NASLib test cell: its pruned cell, parameter count and three 108-epoch repeats. */
export interface NaslibCell {
  matrix: number[][];
  ops: string[];
  params: number;
  computed: { '108': NaslibRun[] };
}

/** The 30 NASLib cells of ../shared/data, by module hash. */
export function readNaslibCells(): Record<string, NaslibCell> {
  return JSON.parse(readFileSync(sharedDataPath('nasbench101/naslib-30-cells.json'), 'utf8')) as Record<string, NaslibCell>;
}

/** The dataset records of the NASLib cells, in NAS-Bench-101's JSON-and-protobuf format. */
export function naslibRecords(cells: Record<string, NaslibCell>): Buffer[] {
  const records: Buffer[] = [];
  for (const [hash, cell] of Object.entries(cells)) {
    for (const run of cell.computed['108']) {
      records.push(
        encodeNb101Row({
          hash,
          epochs: 108,
          adjacency: cell.matrix.flat().join(''),
          operations: cell.ops.join(','),
          metrics: {
            trainable_parameters: cell.params,
            evaluation_data: [
              { current_epoch: 0, training_time: 0, train_accuracy: 0.1, validation_accuracy: 0.1, test_accuracy: 0.1 },
              { current_epoch: 54, training_time: run.halfway_training_time, train_accuracy: run.halfway_train_accuracy, validation_accuracy: run.halfway_validation_accuracy, test_accuracy: run.halfway_test_accuracy },
              { current_epoch: 108, training_time: run.final_training_time, train_accuracy: run.final_train_accuracy, validation_accuracy: run.final_validation_accuracy, test_accuracy: run.final_test_accuracy },
            ],
          },
        }),
      );
    }
  }
  return records;
}

/** Writes the NASLib cells as a NAS-Bench-101 TFRecord file. */
export function writeNaslibDataset(path: string, cells: Record<string, NaslibCell> = readNaslibCells()): void {
  writeTfRecords(path, naslibRecords(cells));
}
