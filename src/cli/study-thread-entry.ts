/**
 * A worker thread of `runStudiesOnThreads` (a face: it imports the built-in tasks and the
 * algorithms so that they register). It opens the store file on its own connection and runs
 * the member studies it is sent, one at a time, each inline to its budget, writing every
 * trial to the store; `stop` aborts the one running (it stays resumable).
 */
import { parentPort, workerData } from 'node:worker_threads';
import '../algorithms/index.ts';
import '../tasks/built-in.ts';
import { UsageError } from '../core/errors.ts';
import { resumeStoredStudy, sqliteStore } from '../store/index.ts';
import type { StudyThreadReply, StudyThreadRequest, StudyThreadSetup } from './study-threads.ts';

const setup = workerData as StudyThreadSetup;
const store = sqliteStore({ path: setup.db });
const controller = new AbortController();
const port = parentPort!;

port.on('message', (request: StudyThreadRequest) => {
  if (request.kind === 'stop') controller.abort();
  else if (request.kind === 'close') {
    store.close();
    port.close();
  } else void run(request.name);
});

async function run(name: string): Promise<void> {
  let reply: StudyThreadReply;
  try {
    const study = resumeStoredStudy(store, name, { signal: controller.signal, ...(setup.syncBatch === undefined ? {} : { syncBatch: setup.syncBatch }) });
    const summary = await study.run();
    store.flush();
    reply = { kind: 'ended', name, aborted: summary.stopReason === 'aborted' };
  } catch (error) {
    store.flush();
    reply = { kind: 'failed', name, message: error instanceof Error ? error.message : String(error), usage: error instanceof UsageError };
  }
  port.postMessage(reply);
}
