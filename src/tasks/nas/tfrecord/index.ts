/** TFRecord files: a streaming reader that checks both CRCs, and a writer. */
export { readTfRecords, TfRecordError } from './reader.ts';
export type { TfRecordReadOptions, TfRecordReadSummary } from './reader.ts';
export { encodeTfRecord, writeTfRecords } from './writer.ts';
export { maskedCrc32c } from './masked-crc.ts';
