import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.ts';

/** Runs `amoeba <args>` in-process and returns its exit code and everything it wrote. */
export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** The installed command, as a user runs it. */
export const AMOEBA_BIN = join(import.meta.dirname, '../../bin/amoeba.js');

/** A running `amoeba` process: what it wrote so far, a way to wait for a line, and its end. */
export interface RunningCli {
  readonly child: ChildProcess;
  readonly out: () => string;
  readonly err: () => string;
  /** Resolves once standard error holds a line matching `pattern`; rejects if the process ends first. */
  waitForErr(pattern: RegExp): Promise<void>;
  /** Resolves when the process has exited, with its exit code and everything it wrote. */
  readonly exited: Promise<{ code: number | null; out: string; err: string }>;
}

/** Starts `amoeba <args>` through the real binary, as a separate process. */
export function spawnCli(args: readonly string[], cwd?: string): RunningCli {
  const child = spawn(process.execPath, [AMOEBA_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
  let out = '';
  let err = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (text: string) => void (out += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    err += text;
    for (const w of watchers.splice(0)) {
      if (w.pattern.test(err)) w.resolve();
      else watchers.push(w);
    }
  });
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  return {
    child,
    out: () => out,
    err: () => err,
    waitForErr: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(err)) return resolve();
        watchers.push({ pattern, resolve });
        void exited.then(({ code }) => reject(new Error(`amoeba ${args.join(' ')} exited (${code}) before writing ${pattern}:\n${err}`)));
      }),
    exited,
  };
}

/**
 * Starts `amoeba <args>` through the real binary and SIGKILLs it as soon as standard error
 * holds a line matching `pattern` (its first progress line, say); resolves with the signal it
 * ended by and what it wrote to standard error.
 */
export function killWhenErr(args: readonly string[], pattern: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<{ signal: NodeJS.Signals | null; err: string }> {
  const child = spawn(process.execPath, [AMOEBA_BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    err += text;
    if (pattern.test(err)) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve({ signal, err })));
}
