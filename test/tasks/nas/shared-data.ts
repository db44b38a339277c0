import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's reference data folder, `../shared/data` beside the checkout. */
const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

/** Absolute path of a reference data file. */
export function sharedDataPath(relative: string): string {
  return SHARED_DATA + relative;
}

/** A node:test `skip` value: false when the file exists, else the reason the test skips. */
export function skipWithout(relative: string): string | false {
  return existsSync(sharedDataPath(relative)) ? false : `reference data ../shared/data/${relative} is absent`;
}
