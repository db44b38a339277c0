/** Starts `amoeba worker` processes for the queue tests and stops them by PID. */
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('../executors/fixtures/queue-worker-child.ts', import.meta.url));
/** The module that registers the queue tests' tasks and spaces, for a worker's --module. */
export const QUEUE_TASKS = fileURLToPath(new URL('../executors/fixtures/queue-tasks.ts', import.meta.url));

/** A worker process. */
export interface WorkerProcess {
  readonly pid: number;
  /** The name it gives BullMQ, which jobs record as `processedBy`: `<host>:<pid>`. */
  readonly name: string;
  /** Everything it wrote to standard error so far. */
  readonly stderr: () => string;
  /** Resolves with its exit code (or signal name) once it has exited. */
  readonly exited: Promise<number | string>;
  /** Sends a signal to its PID and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * Starts a worker with `args` (after `worker`), e.g. `['--redis', url, '--module', QUEUE_TASKS]`,
 * and `env`; resolves once it printed its ready line, rejects if it exits first.
 */
export function startWorker(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'worker', ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  void exited.then(() => process.off('exit', orphan));
  const worker: WorkerProcess = {
    pid: child.pid!,
    name: `${hostname()}:${child.pid}`,
    stderr: () => stderr,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('amoeba worker: ready')) resolve(worker);
    });
    void exited.then((code) => reject(new Error(`worker exited with ${code} before it was ready: ${stderr}`)));
  });
}

/** Runs a worker that is expected to exit by itself (a usage error); resolves with its code and output. */
export async function runWorkerToExit(args: readonly string[]): Promise<{ code: number | string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'worker', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | string>((resolve) => child.once('exit', (c, s) => resolve(c ?? s ?? 'unknown')));
  return { code, stderr };
}
