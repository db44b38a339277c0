import { Worker, type WorkerOptions } from 'node:worker_threads';
import { MODULE_EXTENSION, needsTsx, tsxApi } from './tsx-loader.ts';

/**
 * The URL of `name` (no extension) beside `base`, as this build spells it: `./x.ts` from the
 * sources, `./x.js` once compiled, for the entry files of worker threads.
 */
export function siblingModule(name: string, base: string): string {
  return new URL(`./${name}${MODULE_EXTENSION}`, base).href;
}

/**
 * A worker thread running the ES module at `entry`. Compiled JavaScript starts on plain Node;
 * a TypeScript entry boots tsx first, since in Node 20 a worker inherits no loader hooks and
 * `--import tsx` in its execArgv does not reach its ESM imports either.
 */
export function moduleWorker(entry: string, options: WorkerOptions = {}): Worker {
  if (!needsTsx([entry])) return new Worker(new URL(entry), options);
  const boot = `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
