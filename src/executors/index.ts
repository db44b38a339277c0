/** Where evaluations run: on the study's thread, or on worker threads. */
export { inlineExecutor } from '../core/inline-executor.ts';
export { threadExecutor } from './thread-executor.ts';
export type { ThreadExecutorOptions } from './thread-executor.ts';
export type { EvaluationRequest, EvaluationResult, WorkerMessage, WorkerSetup } from './protocol.ts';
