/**
 * The worker thread's entry point (a face: it imports the modules that register tasks and
 * spaces, then rebuilds the study's task and space from their ids and configs).
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { workerData } from 'piscina';
import { tasks } from '../core/registries.ts';
import type { Space, Task } from '../core/types.ts';
import type { EvaluationResult, WorkerMessage, WorkerSetup } from './protocol.ts';
import { needsTsx } from './tsx-loader.ts';
import { spaces } from '../core/registries.ts';

const WORKER_NAME = `thread-${threadId}`;
let bound: Promise<{ task: Task<unknown>; space: Space<unknown> }> | undefined;

// Under tsx, Piscina loads this file through tsx's CommonJS hook, and in Node 20 a worker's
// import() does not see tsx's ESM hooks; requiring the modules keeps one copy of the
// registries. Compiled JavaScript on plain Node imports them.
const load = createRequire(import.meta.url);

async function bind(setup: WorkerSetup): Promise<{ task: Task<unknown>; space: Space<unknown> }> {
  const viaRequire = needsTsx(setup.modules);
  for (const module of setup.modules) {
    if (viaRequire) load(module.startsWith('file:') ? fileURLToPath(module) : module);
    else await import(module);
  }
  return { task: tasks.get(setup.task.id)(setup.task.config), space: spaces.get(setup.space.id)(setup.space.config) };
}

/** Evaluates a batch of genotypes in order; an evaluation that throws fails only itself. */
export default async function evaluateBatch(message: WorkerMessage): Promise<EvaluationResult[]> {
  bound ??= bind(workerData as WorkerSetup);
  const { task, space } = await bound;
  const { requests, port } = message;
  const results: EvaluationResult[] = [];
  for (let i = 0; i < requests.length; i++) {
    const { genotype, ctx } = requests[i]!;
    // The executor's watchdog times each evaluation from this message on.
    port?.postMessage(i);
    try {
      const m = await task.evaluate(space.fromJSON(genotype), ctx);
      // The store keeps which worker ran each trial (its `worker` column).
      results.push({ values: m.values, info: { ...m.info, worker: WORKER_NAME } });
    } catch (error) {
      results.push({ error: error instanceof Error ? error.message : String(error) });
    }
  }
  port?.close();
  return results;
}
