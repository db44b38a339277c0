/** Reads a queue's jobs straight from Redis, so the queue tests can check what the workers did. */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** One stored job, as the tests look at it. */
export interface JobFacts {
  readonly id: string;
  readonly state: string;
  /** How many times a worker started it: 1 means it was evaluated once. */
  readonly starts: number;
  readonly failedReason: string | undefined;
  /** The name of the worker that took it last (`<host>:<pid>`). */
  readonly processedBy: string | undefined;
}

/** Every job of `study` on `queue`, sorted by trial id. */
export async function jobsOf(url: string, queue: string, study: string): Promise<JobFacts[]> {
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  const q = new Queue(queue, { connection, prefix: 'amoeba' });
  try {
    const jobs = await q.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized']);
    const facts: JobFacts[] = [];
    for (const job of jobs) {
      if (job.id === undefined || !job.id.startsWith(`${study}/`)) continue;
      facts.push({ id: job.id, state: await job.getState(), starts: job.attemptsStarted, failedReason: job.failedReason || undefined, processedBy: job.processedBy });
    }
    return facts.sort((a, b) => trialOf(a.id) - trialOf(b.id));
  } finally {
    await q.close();
    connection.disconnect();
  }
}

/** The trial id in a job id `<study>/<trialId>`. */
export function trialOf(jobId: string): number {
  return Number(jobId.slice(jobId.lastIndexOf('/') + 1));
}

/** Ids `<study>/0` .. `<study>/<n-1>`. */
export function expectedIds(study: string, n: number): string[] {
  return [...Array(n).keys()].map((i) => `${study}/${i}`);
}
