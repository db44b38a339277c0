/**
 * tsx, resolved from this package rather than the working directory, so worker threads
 * started with `--import` find it from any folder. Resolved when a worker starts: a module
 * loaded through tsx's CommonJS hook has no `import.meta.resolve`, and starts no workers.
 */
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
