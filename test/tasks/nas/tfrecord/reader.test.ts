import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../../../src/core/errors.ts';
import { TfRecordError, readTfRecords } from '../../../../src/tasks/nas/tfrecord/reader.ts';
import { encodeTfRecord, writeTfRecords } from '../../../../src/tasks/nas/tfrecord/writer.ts';
import { sharedDataPath, skipWithout } from '../shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-tfrecord-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function readAll(path: string, chunkBytes?: number): { records: Buffer[]; offsets: number[] } {
  const records: Buffer[] = [];
  const offsets: number[] = [];
  readTfRecords(path, (data, offset) => (records.push(Buffer.from(data)), offsets.push(offset)), chunkBytes === undefined ? {} : { chunkBytes });
  return { records, offsets };
}

test('reads the real NAS-Bench-101 record with both checksums verified', { skip: skipWithout('nasbench101/one-row.tfrecord') }, () => {
  const { records, offsets } = readAll(sharedDataPath('nasbench101/one-row.tfrecord'));
  assert.equal(records.length, 1);
  assert.deepEqual(offsets, [0]);
  assert.equal(records[0]!.length, 401);
  assert.match(records[0]!.toString('utf8'), /^\["00005c142e6f48ac74fdcf73e3439874", 4,/);
});

test('frames a record byte for byte as TensorFlow does', { skip: skipWithout('nasbench101/one-row.tfrecord') }, () => {
  const file = readFileSync(sharedDataPath('nasbench101/one-row.tfrecord'));
  assert.deepEqual(encodeTfRecord(file.subarray(12, file.length - 4)), file);
});

test('reads back what it wrote, whatever the chunk size, with each record\'s offset', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), fc.integer({ min: 16, max: 512 }), (records, chunkBytes) => {
      const path = join(dir, 'round-trip.tfrecord');
      writeTfRecords(path, records);
      const read = readAll(path, chunkBytes);
      assert.deepEqual(read.records.map((r) => [...r]), records.map((r) => [...r]));
      let offset = 0;
      read.offsets.forEach((at, k) => {
        assert.equal(at, offset);
        offset += records[k]!.length + 16;
      });
    }),
    { numRuns: 60 },
  );
});

test('names the byte offset of a record whose data checksum is wrong', () => {
  const path = join(dir, 'bad-data.tfrecord');
  const first = encodeTfRecord(Buffer.from('first'));
  const second = encodeTfRecord(Buffer.from('second'));
  second[14]! ^= 0x01; // a bit of the second record's data
  writeFileSync(path, Buffer.concat([first, second]));
  assert.throws(() => readAll(path), (error: unknown) => error instanceof TfRecordError && /at byte 21: data checksum mismatch/.test(error.message));
});

test('names the byte offset of a record whose length checksum is wrong', () => {
  const path = join(dir, 'bad-length.tfrecord');
  const record = encodeTfRecord(Buffer.from('data'));
  record[0]! ^= 0x02;
  writeFileSync(path, Buffer.concat([encodeTfRecord(Buffer.from('ok')), record]));
  assert.throws(() => readAll(path), /at byte 18: length checksum mismatch/);
});

test('reports a file that ends inside a record', () => {
  const path = join(dir, 'truncated.tfrecord');
  const record = encodeTfRecord(Buffer.from('a longer record'));
  writeFileSync(path, Buffer.concat([record, record.subarray(0, 20)]));
  assert.throws(() => readAll(path), /at byte 31: record length 15 runs past the end of the file/);
  writeFileSync(path, Buffer.concat([record, record.subarray(0, 5)]));
  assert.throws(() => readAll(path), /at byte 31: truncated record header/);
});

test('reads an empty file as no records and a missing one as a usage error', () => {
  const path = join(dir, 'empty.tfrecord');
  writeFileSync(path, '');
  assert.equal(readAll(path).records.length, 0);
  assert.throws(() => readAll(join(dir, 'missing.tfrecord')), UsageError);
});
