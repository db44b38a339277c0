/**
 * NAS-Bench-101 loader throughput on a generated ~100 MB TFRecord file (in the OS temp
 * folder, deleted afterwards), against two baselines in the same run: reading the file
 * raw, and TFRecord framing with both CRC checks but no parsing. Also times the second,
 * cached load. Run: npx tsx bench/nas-loader.ts [megabytes]
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as crypto from 'node:crypto';
import { Rng } from '../src/core/rng.ts';
import { pruneNb101 } from '../src/tasks/nas/nb101/domain.ts';
import { loadNb101Index } from '../src/tasks/nas/nb101/loader.ts';
import { randomNb101Spec } from '../src/tasks/nas/nb101/mutations.ts';
import { encodeNb101Row } from '../src/tasks/nas/nb101/row.ts';
import { readTfRecords } from '../src/tasks/nas/tfrecord/reader.ts';
import { writeTfRecords } from '../src/tasks/nas/tfrecord/writer.ts';

const targetBytes = Number(process.argv[2] ?? 100) * 1e6;
const dir = mkdtempSync(join(tmpdir(), 'amoeba-bench-nb101-'));
const path = join(dir, 'generated.tfrecord');

/** Records shaped like the real file: ~400 bytes, 3 repeats per cell, 3 evaluations each. */
function* generatedRecords(): Generator<Buffer> {
  const rng = new Rng(1);
  const shapes = Array.from({ length: 500 }, () => pruneNb101(randomNb101Spec(rng)));
  let bytes = 0;
  for (let cell = 0; bytes < targetBytes; cell++) {
    const shape = shapes[cell % shapes.length]!;
    const hash = crypto.createHash('md5').update(`cell ${cell}`).digest('hex');
    for (let repeat = 0; repeat < 3; repeat++) {
      const evaluation = (epoch: number) => ({
        current_epoch: epoch,
        training_time: rng.uniform(100, 3000),
        train_accuracy: rng.float(),
        validation_accuracy: rng.float(),
        test_accuracy: rng.float(),
      });
      const record = encodeNb101Row({
        hash,
        epochs: 108,
        adjacency: shape.matrix.flat().join(''),
        operations: shape.ops.join(','),
        metrics: { trainable_parameters: rng.int(5e7), total_time: rng.uniform(1000, 5000), evaluation_data: [evaluation(0), evaluation(54), evaluation(108)] },
      });
      bytes += record.length + 16;
      yield record;
    }
  }
}

function seconds(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

try {
  writeTfRecords(path, generatedRecords());
  const megabytes = statSync(path).size / 1e6;
  const rawSeconds = seconds(() => {
    const fd = openSync(path, 'r');
    const buffer = Buffer.allocUnsafe(1 << 22);
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    closeSync(fd);
  });
  let records = 0;
  const framingSeconds = seconds(() => void readTfRecords(path, () => void records++));
  const cacheDir = join(dir, 'cache');
  let cells = 0;
  const loadSeconds = seconds(() => void (cells = loadNb101Index(path, { cacheDir }).index.hashes.length));
  let source = '';
  const cachedSeconds = seconds(() => void (source = loadNb101Index(path, { cacheDir }).source));
  const rate = (s: number) => `${(megabytes / s).toFixed(0)} MB/s`;
  console.log(`file: ${megabytes.toFixed(1)} MB, ${records} records, ${cells} cells`);
  console.log(`raw read (baseline):            ${rawSeconds.toFixed(2)} s  ${rate(rawSeconds)}`);
  console.log(`framing + both CRCs (baseline): ${framingSeconds.toFixed(2)} s  ${rate(framingSeconds)}`);
  console.log(`full load (JSON, protobuf, index, cache write): ${loadSeconds.toFixed(2)} s  ${rate(loadSeconds)}  ${((records / loadSeconds) / 1000).toFixed(0)}k records/s`);
  console.log(`second load (${source}):        ${cachedSeconds.toFixed(2)} s  ${rate(cachedSeconds)}`);
  console.log(`ratio full load / framing: ${(framingSeconds / loadSeconds).toFixed(2)}  (loader speed as a fraction of framing speed)`);
  console.log(`ratio cached / full load speed-up: ${(loadSeconds / cachedSeconds).toFixed(1)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
