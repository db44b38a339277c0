import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { spaces, tasks } from '../../core/registries.ts';
import type { Json, Space, Task } from '../../core/types.ts';
import { digestOf, setupKey } from './protocol.ts';

/** A study's task and space, rebuilt on a worker. */
export interface StudyBinding {
  readonly task: Task<unknown>;
  readonly space: Space<unknown>;
}

/** Bindings kept per worker process: a worker usually serves one or two studies at a time. */
const KEEP_BINDINGS = 16;

/**
 * A worker's cache of studies it has rebuilt: reads a study's published setup once, checks it
 * is the one the job was made for, and builds the task and space only from this process's
 * registries, so nothing read from Redis is ever run as code.
 */
export class StudyBindings {
  private readonly cache = new Map<string, Promise<StudyBinding>>();

  constructor(
    private readonly client: Redis,
    private readonly queue: string,
  ) {}

  /**
   * The binding for a study's setup with this digest. Fails for good (UnrecoverableError) when
   * the setup names a task or space this worker does not know, or is no longer the one the job
   * was made for; a setup missing from Redis is a plain error, retried.
   */
  get(study: string, digest: string): Promise<StudyBinding> {
    const key = `${study}\n${digest}`;
    let binding = this.cache.get(key);
    if (binding === undefined) {
      binding = this.build(study, digest);
      binding.catch(() => this.cache.delete(key));
      this.cache.set(key, binding);
      if (this.cache.size > KEEP_BINDINGS) this.cache.delete(this.cache.keys().next().value!);
    }
    return binding;
  }

  private async build(study: string, digest: string): Promise<StudyBinding> {
    const text = await this.client.get(setupKey(this.queue, study));
    if (text === null) throw new Error(`the setup of study '${study}' is not in Redis (yet)`);
    if (digestOf(text) !== digest) {
      throw new UnrecoverableError(`study '${study}' was started again with another task or space; this job belongs to its earlier run`);
    }
    const setup = JSON.parse(text) as { task?: { id?: unknown; config?: Json }; space?: { id?: unknown; config?: Json } };
    const taskId = String(setup.task?.id);
    const spaceId = String(setup.space?.id);
    if (!tasks.has(taskId)) throw new UnrecoverableError(unknown('task', taskId, tasks.list()));
    if (!spaces.has(spaceId)) throw new UnrecoverableError(unknown('space', spaceId, spaces.list()));
    try {
      return { task: tasks.get(taskId)(setup.task?.config ?? null), space: spaces.get(spaceId)(setup.space?.config ?? null) };
    } catch (error) {
      throw new UnrecoverableError(`cannot build task '${taskId}' and space '${spaceId}' from their configs: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function unknown(kind: string, id: string, known: readonly { name: string }[]): string {
  const names = known.map((k) => k.name).join(', ') || '(none)';
  return `this worker has no ${kind} '${id}' registered (it knows: ${names}); start it with --module <file> that registers it`;
}
