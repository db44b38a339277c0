import { Worker } from 'node:worker_threads';
import { tsxApi } from './tsx-loader.ts';

/**
 * Starts a worker thread that runs the module at `moduleUrl` with `workerData`. A TypeScript
 * module (run from source) is loaded through tsx, which the thread registers itself first: in
 * Node 20 a worker thread inherits neither tsx's ESM hooks nor an `--import tsx` in its
 * execArgv. A JavaScript module starts directly.
 *
 * @example
 * const worker = startWorker(new URL('./my-worker.ts', import.meta.url).href, { seed: 1 });
 */
export function startWorker(moduleUrl: string, workerData: unknown): Worker {
  if (!moduleUrl.endsWith('.ts')) return new Worker(new URL(moduleUrl), { workerData });
  const boot = `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
