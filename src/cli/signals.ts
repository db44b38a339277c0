import { constants } from 'node:os';
import type { CliIo } from './command.ts';

/** The signals that stop a search: Ctrl-C, `kill`, and a closed terminal. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A search's stop switch, thrown by the first of `STOP_SIGNALS`. */
export interface SearchInterrupt {
  /** Aborted by the first signal: the search stops after the evaluations in flight. */
  readonly signal: AbortSignal;
  /** The signal that stopped the search, if one did. */
  readonly received: NodeJS.Signals | undefined;
  /** Removes the handlers (the default behaviour of each signal comes back). */
  dispose(): void;
}

let interruptedBy: NodeJS.Signals | undefined;

/**
 * Turns SIGINT, SIGTERM and SIGHUP into an abort, so the command stops its search, prints
 * what it found and writes its files; a second signal exits at once. The command then exits
 * with 128 + the signal's number (130 for Ctrl-C), as a shell expects of an interrupted job.
 */
export function stopOnSignals(io: CliIo): SearchInterrupt {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    if (received !== undefined) {
      io.err(`amoeba: ${signal} again: stopping now\n`);
      process.exit(exitCodeOf(signal));
    }
    received = signal;
    interruptedBy = signal;
    io.err(`amoeba: ${signal}: stopping the search after the evaluations in flight, then printing what it found (send it again to stop at once)\n`);
    controller.abort();
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose: () => {
      for (const s of STOP_SIGNALS) process.off(s, handler);
    },
  };
}

/** The exit code of the last command a signal interrupted (128 + its number), then forgets it. */
export function takeInterruptExitCode(): number | undefined {
  const signal = interruptedBy;
  interruptedBy = undefined;
  return signal === undefined ? undefined : exitCodeOf(signal);
}

function exitCodeOf(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}
