/**
 * TypeScript at run time. From a checkout the sources run through tsx; the published package
 * runs compiled JavaScript with plain Node and needs tsx only for a user's own `.ts` modules.
 * tsx is resolved from this package rather than the working directory, so worker threads
 * started with `--import` find it from any folder. Resolved when a worker starts: a module
 * loaded through tsx's CommonJS hook has no `import.meta.resolve`, and starts no workers.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../core/errors.ts';

/** The extension of this build's own modules: `.ts` when running the sources, `.js` once compiled. */
export const MODULE_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** True for the path or URL of a TypeScript module, which plain Node cannot load. */
export function isTypeScript(pathOrUrl: string): boolean {
  return /\.[cm]?tsx?$/.test(pathOrUrl);
}

/** True when a thread that loads `urls` (this build's entry among them) needs tsx. */
export function needsTsx(urls: readonly string[]): boolean {
  return MODULE_EXTENSION === '.ts' || urls.some(isTypeScript);
}

let typeScriptEnabled = MODULE_EXTENSION === '.ts';

/** Lets this thread import `.ts` modules from here on (registers tsx once); from the sources it already can. */
export async function enableTypeScript(): Promise<void> {
  if (typeScriptEnabled) return;
  const { register } = (await import(tsxApi())) as { register: () => unknown };
  register();
  typeScriptEnabled = true;
}

/** tsx's loader (for `--import`), resolved from this package. */
export function tsxLoader(): string {
  return fromThisPackage('tsx');
}

/** tsx's registration API (`tsx/esm/api`), resolved from this package, for code that boots a worker itself. */
export function tsxApi(): string {
  return fromThisPackage('tsx/esm/api');
}

function fromThisPackage(specifier: string): string {
  return typeof import.meta.resolve === 'function' ? import.meta.resolve(specifier) : specifier;
}

/** The file URL of a module given as a path (relative to the working directory) or a URL. */
export function moduleUrl(module: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(module) && !isAbsolute(module) ? module : pathToFileURL(resolve(module)).href;
}

/**
 * Imports a user's module (a path or URL, TypeScript too) for what it registers, and returns
 * its URL and exports; a failure is one UsageError naming it (`what` is the flag or argument
 * it came from).
 */
export async function importUserModule(module: string, what: string): Promise<{ readonly url: string; readonly exports: { readonly [name: string]: unknown } }> {
  const url = moduleUrl(module);
  try {
    if (isTypeScript(url)) await enableTypeScript();
    return { url, exports: (await import(url)) as { readonly [name: string]: unknown } };
  } catch (error) {
    throw new UsageError(`cannot load ${what} ${module}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
