/** Distributed evaluation over a Redis queue (BullMQ): the study's executor and the worker that serves it. */
export { queueExecutor } from './queue-executor.ts';
export type { QueueExecutorOptions } from './queue-executor.ts';
export { startQueueWorker } from './queue-worker.ts';
export type { QueueWorker, QueueWorkerOptions } from './queue-worker.ts';
export { parseRedisUrl } from './redis-target.ts';
export type { RedisTarget } from './redis-target.ts';
export { DEFAULT_QUEUE } from './protocol.ts';
export type { EvaluationJob, EvaluationOutput, StudySetup } from './protocol.ts';
