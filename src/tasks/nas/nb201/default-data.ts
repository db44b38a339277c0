import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../../core/errors.ts';

/** Where the mini NAS-Bench-201 table lies beside a checkout (`../shared/data`). */
const SHARED_MINI_NB201 = fileURLToPath(new URL('../../../../../shared/data/nasbench201/mini-nb201-12epoch.csv', import.meta.url));

/**
 * The CSV to use when none is given: the mini NAS-Bench-201 table in the shared reference
 * data beside the checkout.
 * @throws UsageError asking for a path when that file is absent.
 */
export function defaultNb201CsvPath(): string {
  if (existsSync(SHARED_MINI_NB201)) return SHARED_MINI_NB201;
  throw new UsageError('no NAS-Bench-201 CSV given and none found in ../shared/data; pass --dataset with a CSV like mini-nb201-12epoch.csv');
}
