/**
 * The Redis queue executor on loopback: throughput with 1, 2 and 4 worker processes for a
 * 20 ms sleep-bound and a 20 ms CPU-bound evaluation (a fixed amount of arithmetic that takes
 * 20 ms alone on one core), as ratios against 1 worker, and the
 * cost per job of a no-op evaluation against the inline executor. Starts its own
 * redis-server; its worker processes are this file run as `bench/queue.ts worker <url>`.
 * Throughput is steady-state: from the trial that ends the warm-up to the last one.
 * Run: npx tsx bench/queue.ts
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { spaces, tasks } from '../src/core/registries.ts';
import type { Executor, Json, Task } from '../src/core/index.ts';
import { inlineExecutor } from '../src/executors/index.ts';
import { queueExecutor, startQueueWorker } from '../src/executors/queue/index.ts';
import { numbers, steadyRate } from './steady-rate.ts';


/**
 * `sleep` waits `ms` (the event loop is free), `work` runs a fixed number of `iterations` of
 * arithmetic (a fixed amount of CPU, however the processes share the cores), `noop` returns.
 */
function benchTask(config: Json): Task<number> {
  const { kind, ms = 0, iterations = 0 } = config as { kind: 'sleep' | 'work' | 'noop'; ms?: number; iterations?: number };
  return {
    id: 'bench-queue',
    objectives: [{ name: 'v', goal: 'min' }],
    evaluate(g) {
      if (kind === 'sleep') return new Promise((resolve) => setTimeout(() => resolve({ values: [g] }), ms));
      let x = g + 1;
      for (let i = 0; i < iterations; i++) x = (x * 1.0000001 + 0.5) % 1e6;
      return { values: [x] };
    },
  };
}

/** Iterations of the `work` loop that take about `ms` on this machine: the fastest of five probes. */
function calibrate(ms: number): number {
  const probe = benchTask({ kind: 'work', iterations: 2_000_000 });
  let fastest = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    probe.evaluate(1, { trialId: 0, seed: 0 });
    fastest = Math.min(fastest, performance.now() - start);
  }
  return Math.round((2_000_000 * ms) / fastest);
}

if (!tasks.has('bench-queue')) tasks.register('bench-queue', benchTask);
if (!spaces.has('bench-queue-numbers')) spaces.register('bench-queue-numbers', () => numbers);

const QUEUE = 'bench';


let studies = 0;
function onQueue(url: string, config: Json, capacity: number): Executor<number> {
  return queueExecutor({ redis: url, queue: QUEUE, study: `bench-${++studies}`, task: { id: 'bench-queue', config }, space: { id: 'bench-queue-numbers', config: null }, capacity });
}

async function main(): Promise<void> {
  const { url, server } = await startRedisServer();
  const workers: ChildProcess[] = [];
  try {
    const noop = { kind: 'noop' };
    const work = { kind: 'work', iterations: calibrate(20) };
    const inline = await steadyRate(inlineExecutor(), benchTask(noop), 200_000, 20_000);
    const results: { workers: number; sleep: number; spin: number; noop: number; noopLatency: number }[] = [];
    for (const count of [1, 2, 4]) {
      while (workers.length < count) workers.push(await startWorkerProcess(url));
      const sleep = await steadyRate(onQueue(url, { kind: 'sleep', ms: 20 }, 2 * count), benchTask({ kind: 'sleep', ms: 20 }), 150 * count, 10 * count);
      const spin = await steadyRate(onQueue(url, work, 2 * count), benchTask(work), 100 * count, 10 * count);
      const throughput = await steadyRate(onQueue(url, noop, 16 * count), benchTask(noop), 4000, 500);
      const latency = count === 1 ? await steadyRate(onQueue(url, noop, 1), benchTask(noop), 1500, 200) : NaN;
      results.push({ workers: count, sleep, spin, noop: throughput, noopLatency: latency });
    }
    const one = results[0]!;
    console.log(`queue executor on loopback (${process.platform}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} at the end), steady state:`);
    console.log('workers  sleep 20 ms: trials/s  vs 1 | cpu 20 ms: trials/s  vs 1 | no-op: jobs/s  µs/job');
    for (const r of results) {
      const cells = [
        `${r.sleep.toFixed(1).padStart(9)}  ${(r.sleep / one.sleep).toFixed(2).padStart(5)}x`,
        `${r.spin.toFixed(1).padStart(9)}  ${(r.spin / one.spin).toFixed(2).padStart(5)}x`,
        `${r.noop.toFixed(0).padStart(7)}  ${(1e6 / r.noop).toFixed(0).padStart(6)}`,
      ];
      console.log(`${String(r.workers).padStart(7)}  ${cells.join('          | ')}`);
    }
    console.log(`no-op per job, 1 worker: ${(1e6 / one.noop).toFixed(0)} µs with 16 in flight, ${(1e6 / one.noopLatency).toFixed(0)} µs one at a time (round trip); inline: ${(1e6 / inline).toFixed(2)} µs per trial (${(inline / one.noop).toFixed(0)}x the queue's rate)`);
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode === null ? w.once('exit', resolve) : resolve(null)))));
    server.kill('SIGTERM');
  }
}

function startWorkerProcess(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'worker', url], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`a worker exited with ${code}`)));
  });
}

async function startRedisServer(): Promise<{ url: string; server: ChildProcess }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address() as { port: number };
      probe.close(() => resolve(address.port));
    });
  });
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 20 });
  client.on('error', () => {});
  await client.ping();
  client.disconnect();
  return { url, server };
}

if (process.argv[2] === 'worker') {
  const worker = await startQueueWorker({ redis: process.argv[3]!, queue: QUEUE, log: () => {} });
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => void worker.close());
} else {
  await main();
}
