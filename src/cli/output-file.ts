import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../core/errors.ts';

/**
 * Checks, before any search runs, that the file a flag names can be written: not a folder,
 * in a folder that exists, and writable. Nothing is created; a UsageError names the flag.
 */
export function checkWritable(path: string | undefined, flag: string): void {
  if (path === undefined) return;
  if (path.trim() === '') throw new UsageError(`--${flag} needs a file name`);
  const problem = whyNotWritable(path);
  if (problem !== undefined) throw new UsageError(`cannot write --${flag} file '${path}': ${problem}; name a file in a folder you can write to`);
}

function whyNotWritable(path: string): string | undefined {
  try {
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) return 'it is a folder';
      accessSync(path, constants.W_OK);
      return undefined;
    }
    const folder = dirname(resolve(path));
    if (!existsSync(folder)) return `the folder ${folder} does not exist`;
    if (!statSync(folder).isDirectory()) return `${folder} is not a folder`;
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Writes a result file; a file-system failure becomes a UsageError naming the flag. */
export function writeOutputFile(path: string, text: string | Uint8Array, flag: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write --${flag} file '${path}': ${(error as Error).message}`);
  }
}

/**
 * The image format a flag's file name asks for (`.png` or `.svg`, any case), after checking
 * that the file can be written; a UsageError names the flag otherwise.
 */
export function imageFormat(path: string, flag: string): 'png' | 'svg' {
  const format = /\.(png|svg)$/i.exec(path)?.[1]?.toLowerCase() as 'png' | 'svg' | undefined;
  if (format === undefined) throw new UsageError(`--${flag} must name a .png or .svg file, got '${path}'`);
  checkWritable(path, flag);
  return format;
}
