import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.ts';

/**
 * Reads and parses a JSON file a person named; a missing file or bad JSON becomes one
 * UsageError: `cannot read <what> <path>: <why><hint>`.
 */
export function readJsonFile(path: string, what: string, hint = ''): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UsageError(`cannot read ${what} ${path}: ${why}${hint}`);
  }
}
