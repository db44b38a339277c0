import cliProgress from 'cli-progress';

/** A progress callback for long loads, and the function that ends its display. */
export interface TerminalProgress {
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  stop(): void;
}

/**
 * A progress bar on stderr for a load measured in bytes, shown only when stderr is a
 * terminal (logs and pipes stay clean); elsewhere `onProgress` is undefined.
 */
export function terminalProgress(label: string, stream: NodeJS.WriteStream = process.stderr): TerminalProgress {
  if (!stream.isTTY) return { onProgress: undefined, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} {bar} {percentage}% | {value}/{total} MB | ETA {eta_formatted}`, stream, barsize: 30, hideCursor: true, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const megabytes = (bytes: number): number => Math.round(bytes / 1e6);
  return {
    onProgress: (done, total) => {
      if (!started) {
        bar.start(megabytes(total), 0);
        started = true;
      }
      bar.update(megabytes(done));
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
