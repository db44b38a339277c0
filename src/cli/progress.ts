import cliProgress from 'cli-progress';
import type { Study, Trial } from '../core/index.ts';

/** How to show a running study: a live line on a terminal, plain lines otherwise, or nothing. */
export interface ProgressOptions {
  readonly quiet?: boolean;
  /** Trials budget, for the bar and the ETA. */
  readonly budgetTrials?: number | undefined;
  /** Describes the best trial so far in a few characters, e.g. `R² 0.9973, 7 ops`. */
  readonly describeBest: (best: Trial<unknown>) => string;
  /** Seconds between plain lines when stderr is not a terminal. */
  readonly plainIntervalSeconds?: number;
  readonly stream?: NodeJS.WriteStream;
}

/**
 * Follows a study's trials and reports trials done / budget, trials/s, the best so far, the
 * FEC hit rate and an ETA. Returns a function that prints the last state and stops.
 */
export function showProgress<G>(study: Study<G>, options: ProgressOptions): () => void {
  if (options.quiet) return () => {};
  const stream = options.stream ?? process.stderr;
  const total = options.budgetTrials ?? 0;
  const describe = (): string => {
    const s = study.summary();
    const best = study.best();
    const rate = s.trialsPerSecond >= 1000 ? `${(s.trialsPerSecond / 1000).toFixed(1)}k` : s.trialsPerSecond.toFixed(0);
    const cache = s.cache ? ` | FEC hits ${(100 * s.cache.hitRate).toFixed(0)}%` : '';
    const eta = total > 0 && s.trialsPerSecond > 0 ? ` | ETA ${formatSeconds((total - s.trials) / s.trialsPerSecond)}` : '';
    return `${rate} trials/s | best ${best ? options.describeBest(best as Trial<unknown>) : '—'}${cache}${eta}`;
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: total > 0 ? '{bar} {value}/{total} | {status}' : '{value} trials | {status}', stream, barsize: 20, hideCursor: true, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { status: '' });
    const timer = setInterval(() => bar.update(study.summary().trials, { status: describe() }), 200);
    return () => {
      clearInterval(timer);
      bar.update(study.summary().trials, { status: describe() });
      bar.stop();
    };
  }
  const intervalMs = (options.plainIntervalSeconds ?? 5) * 1000;
  const line = () => stream.write(`[amoeba] ${study.summary().trials}${total > 0 ? `/${total}` : ''} trials | ${describe()}\n`);
  const timer = setInterval(line, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    line();
  };
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
