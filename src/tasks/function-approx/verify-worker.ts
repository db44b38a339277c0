/*
 * Worker entry of `verifyFloat32Parallel`: verifies one slice of the float32 inputs and
 * posts its report. It rebuilds the program, ops and target from plain data, so only
 * built-in targets and standard ops can cross the thread boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { opSet } from '../../spaces/graph/op-set.ts';
import { builtInTarget } from './targets.ts';
import { verifyFloat32 } from './verify-float32.ts';
import type { Graph } from '../../spaces/graph/graph.ts';

const job = workerData as { program: Graph; ops: string[]; target: string; interval: [number, number] };
const report = verifyFloat32({ program: job.program, ops: opSet(job.ops), target: builtInTarget(job.target), interval: job.interval });
parentPort!.postMessage(report);
