/**
 * Benchmarks that run each job in a child process of their own script, so that jobs use every
 * core given and never share a heap: the script calls `answerAsChild` first (a child answers
 * its one job and exits) and `runInChildren` for the queue.
 */
import { fork } from 'node:child_process';

/** In a child started by `runInChildren` with this `key`: runs its job, sends the outcome back and exits. */
export async function answerAsChild<J, O>(key: string, run: (job: J) => O | Promise<O>): Promise<void> {
  const job = process.env[key];
  if (job === undefined) return;
  process.send!(await run(JSON.parse(job) as J));
  process.exit(0);
}

/**
 * Runs every job of `queue` in a child process of `script` (its `import.meta.url`), `jobs` at
 * a time, the job passed in the environment variable `key`; `onOutcome` sees each outcome as
 * it arrives. Outcomes come back in the order they finish.
 */
export async function runInChildren<J, O>(script: string | URL, key: string, queue: readonly J[], jobs: number, onOutcome: (outcome: O, job: J) => void = () => {}): Promise<O[]> {
  const pending = [...queue];
  const outcomes: O[] = [];
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(jobs, pending.length)) }, async () => {
      for (let job = pending.shift(); job !== undefined; job = pending.shift()) {
        const outcome = await runOne<J, O>(script, key, job);
        outcomes.push(outcome);
        onOutcome(outcome, job);
      }
    }),
  );
  return outcomes;
}

function runOne<J, O>(script: string | URL, key: string, job: J): Promise<O> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(script), [], { env: { ...process.env, [key]: JSON.stringify(job) }, execArgv: ['--import', 'tsx'] });
    child.on('message', (message) => resolve(message as O));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`job ${JSON.stringify(job)} exited with code ${code}`));
    });
  });
}
