/**
 * A worker thread's entry point for `runParallelExperiments`: runs `runExperiments` on one
 * preset with its own seed, posting progress and then its result (or its error). A stop
 * message ends the search early; the result so far is still posted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runExperiments } from './experiment.ts';
import type { ExperimentStopMessage, ExperimentWorkerData, ExperimentWorkerMessage } from './parallel-experiments.ts';
import { presetNamed } from './presets.ts';

const job = workerData as ExperimentWorkerData;
const post = (message: ExperimentWorkerMessage) => parentPort!.postMessage(message);
const preset = presetNamed(job.preset);
const stop = new AbortController();
parentPort!.on('message', (message: ExperimentStopMessage) => message.stop && stop.abort());
// The listener must not keep the thread alive once its search is over.
parentPort!.unref();
try {
  const result = await runExperiments(job.fec ? preset : { ...preset, fec: false }, {
    seed: job.seed,
    ...(job.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: job.timeLimitSeconds }),
    ...(job.maxExperiments === undefined ? {} : { maxExperiments: job.maxExperiments }),
    ...(job.maxIndividuals === undefined ? {} : { maxIndividuals: job.maxIndividuals }),
    signal: stop.signal,
    onProgress: (progress) => post({ progress }),
  });
  post({ result });
} catch (error) {
  post({ error: error instanceof Error ? error.message : String(error) });
}
