import type { Queue } from 'bullmq';
import type { Measurement } from '../../core/types.ts';
import { JOB_NAME, jobIdOf, toOutput } from './protocol.ts';
import type { EvaluationJob } from './protocol.ts';

/** How pending jobs are added and kept. */
export interface PendingJobsOptions {
  /** How many times one job may start (BullMQ's `attempts`; workers also bound crashes by it). */
  readonly attempts: number;
  /** How long Redis keeps a finished job. */
  readonly keepSeconds: number;
  /** A Redis error that is not about the connection. */
  readonly onError: (error: Error) => void;
}

interface Entry {
  readonly job: EvaluationJob;
  /** The job's data as JSON: a stored job with other data belongs to an earlier study of the same name. */
  readonly text: string;
  /** True once the job in Redis is known to be this entry's, so its events may settle it. */
  live: boolean;
  readonly resolve: (m: Measurement) => void;
  readonly reject: (e: Error) => void;
}

/**
 * The study's side of the jobs it waits for: adds each one (or adopts the one already in
 * Redis under the same id and data), settles it from BullMQ's completed and failed events,
 * and, on `sweep`, looks every pending job up so that a missed event or a job lost with a
 * restarted Redis cannot leave a trial waiting forever.
 */
export class PendingJobs {
  private readonly entries = new Map<string, Entry>();
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly queue: Queue,
    private readonly publishSetup: () => Promise<void>,
    private readonly options: PendingJobsOptions,
  ) {}

  /** Resolves with the job's measurement; rejects with its failure reason. */
  run(job: EvaluationJob): Promise<Measurement> {
    const id = jobIdOf(job.study, job.trialId);
    if (this.entries.has(id)) return Promise.reject(new Error(`queueExecutor: trial ${job.trialId} is already being evaluated`));
    return new Promise<Measurement>((resolve, reject) => {
      const entry: Entry = { job, text: JSON.stringify(job), live: false, resolve, reject };
      this.entries.set(id, entry);
      this.submit(id, entry).catch((error: unknown) => this.settle(id, entry, error instanceof Error ? error.message : String(error)));
    });
  }

  /** A `completed` event: settles the job if it is one of ours. */
  completed(id: string, value: unknown): void {
    const entry = this.entries.get(id);
    if (entry?.live) this.finish(id, entry, value);
  }

  /** A `failed` event (sent only once no attempt is left): fails the trial with the reason. */
  failed(id: string, reason: string): void {
    const entry = this.entries.get(id);
    if (entry?.live) this.settle(id, entry, reason || 'the evaluation failed');
  }

  /** Looks every pending job up in Redis; one sweep at a time. */
  sweep(): Promise<void> {
    this.sweeping ??= this.checkAll()
      .catch((error: unknown) => this.options.onError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Rejects every pending evaluation (the executor is closing). */
  abandon(error: Error): void {
    for (const entry of this.entries.values()) entry.reject(error);
    this.entries.clear();
  }

  private async submit(id: string, entry: Entry): Promise<void> {
    const existing = await this.queue.getJob(id);
    if (existing !== undefined && JSON.stringify(existing.data) === entry.text) {
      entry.live = true;
      const state = await existing.getState();
      if (state === 'completed') return this.finish(id, entry, existing.returnvalue);
      // Waiting or running: its events settle it. A job that failed before this study asked
      // (while it was down) runs again below.
      if (state !== 'failed' && state !== 'unknown') return;
      entry.live = false;
    }
    if (existing !== undefined && (await this.queue.remove(id)) === 0 && (await this.queue.getJob(id)) !== undefined) {
      throw new Error(`job ${id} of an earlier study with this name is still running; give the study another name or wait for it`);
    }
    entry.live = true;
    await this.add(id, entry.job);
  }

  private async add(id: string, job: EvaluationJob): Promise<void> {
    const age = this.options.keepSeconds;
    await this.queue.add(JOB_NAME, job, { jobId: id, attempts: this.options.attempts, removeOnComplete: { age }, removeOnFail: { age } });
  }

  private async checkAll(): Promise<void> {
    let republished = false;
    for (const [id, entry] of [...this.entries]) {
      if (!entry.live) continue;
      const state = await this.queue.getJobState(id);
      if (this.entries.get(id) !== entry) continue;
      if (state === 'completed' || state === 'failed') {
        const job = await this.queue.getJob(id);
        if (job === undefined || this.entries.get(id) !== entry) continue;
        if (state === 'completed') this.finish(id, entry, job.returnvalue);
        else this.settle(id, entry, job.failedReason || 'the evaluation failed');
      } else if (state === 'unknown') {
        // Gone, as after a Redis restart without persistence: publish the setup again, requeue.
        if (!republished) await this.publishSetup();
        republished = true;
        await this.add(id, entry.job);
      }
    }
  }

  private finish(id: string, entry: Entry, value: unknown): void {
    const output = toOutput(value);
    if (typeof output === 'string') this.settle(id, entry, output);
    else this.settle(id, entry, undefined, output.info === undefined ? { values: output.values } : { values: output.values, info: output.info });
  }

  private settle(id: string, entry: Entry, error: string | undefined, measurement?: Measurement): void {
    if (this.entries.get(id) !== entry) return;
    this.entries.delete(id);
    if (error !== undefined) entry.reject(new Error(error));
    else entry.resolve(measurement!);
  }
}
