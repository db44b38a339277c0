import cliProgress from 'cli-progress';
import type { Study, Trial } from '../core/index.ts';

/** How a long piece of work is shown on standard error. */
export interface ProgressDisplayOptions {
  /** Show nothing. */
  readonly quiet?: boolean;
  /** The count that ends the work (trials, seeds, megabytes), for the bar; none draws no bar. */
  readonly total?: number | undefined;
  /** What is counted: `trials`, `individuals`, `seeds`, `MB`. */
  readonly unit: string;
  /** Starts each plain line and the bar (default `[amoeba]`). */
  readonly label?: string;
  /**
   * Plain lines when the stream is not a terminal (default true): the first at the first
   * update, then one every `plainIntervalSeconds`. False shows the work on terminals only.
   */
  readonly plain?: boolean;
  readonly plainIntervalSeconds?: number;
  readonly stream?: NodeJS.WriteStream;
}

/** A live progress line: `update` as the work goes (cheap to call often), `stop` at the end. */
export interface ProgressDisplay {
  /** Reports `done` units; `status` is called only when the line is drawn. */
  update(done: number, status: () => string): void;
  /** Draws the last state (when anything was drawn or would be) and ends the display. */
  stop(): void;
}

const BAR_REDRAW_MS = 200;

/**
 * The one progress display of the command line: a bar redrawn in place on a terminal, a plain
 * line every few seconds otherwise (logs and pipes stay readable), nothing with `quiet`.
 */
export function progressDisplay(options: ProgressDisplayOptions): ProgressDisplay {
  const stream = options.stream ?? process.stderr;
  if (options.quiet === true || (!stream.isTTY && options.plain === false)) return { update: () => {}, stop: () => {} };
  const total = options.total ?? 0;
  const label = options.label ?? '[amoeba]';
  let last: { done: number; status: () => string } | undefined;
  let drawnAt = -Infinity;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} ${total > 0 ? '{bar} {value}/{total}' : '{value}'} ${options.unit} | {status}`, stream, barsize: 20, hideCursor: true, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const draw = (): void => {
      if (last === undefined) return;
      if (!started) bar.start(total, 0, { status: '' });
      started = true;
      bar.update(last.done, { status: last.status() });
    };
    return {
      update(done, status) {
        last = { done, status };
        if (performance.now() - drawnAt < BAR_REDRAW_MS) return;
        drawnAt = performance.now();
        draw();
      },
      stop() {
        draw();
        if (started) bar.stop();
      },
    };
  }
  const intervalMs = (options.plainIntervalSeconds ?? 5) * 1000;
  const draw = (): void => {
    if (last !== undefined) stream.write(`${label} ${last.done}${total > 0 ? `/${total}` : ''} ${options.unit} | ${last.status()}\n`);
  };
  return {
    update(done, status) {
      last = { done, status };
      if (performance.now() - drawnAt < intervalMs) return;
      drawnAt = performance.now();
      draw();
    },
    stop: draw,
  };
}

/**
 * Seconds left: the sooner of the work's end at its present rate and its time limit (both
 * optional). Undefined when neither is known yet.
 */
export function etaSeconds(done: number, total: number | undefined, elapsedSeconds: number, timeLimitSeconds: number | undefined): number | undefined {
  const byRate = total !== undefined && total > 0 && done > 0 && elapsedSeconds > 0 ? ((total - done) * elapsedSeconds) / done : undefined;
  const byTime = timeLimitSeconds === undefined ? undefined : Math.max(0, timeLimitSeconds - elapsedSeconds);
  if (byRate === undefined) return byTime;
  return byTime === undefined ? byRate : Math.min(byRate, byTime);
}

/** ` | ETA 1m05s`, or nothing when the time left is unknown. */
export function etaText(seconds: number | undefined): string {
  return seconds === undefined ? '' : ` | ETA ${formatSeconds(seconds)}`;
}

/** How to show a running study. */
export interface StudyProgressOptions {
  readonly quiet?: boolean;
  /** Trials budget, for the bar and the ETA. */
  readonly budgetTrials?: number | undefined;
  /** Time limit, for the ETA: the study stops then, whatever its trial budget. */
  readonly budgetSeconds?: number | undefined;
  /** Describes the best trial so far in a few characters, e.g. `R² 0.9973, 7 ops`. */
  readonly describeBest: (best: Trial<unknown>) => string;
  readonly plainIntervalSeconds?: number;
  readonly stream?: NodeJS.WriteStream;
}

/**
 * Follows a study: trials done / budget, trials/s, the best so far, the FEC hit rate and an
 * ETA that honours both the trial budget and the time limit. The first plain line comes with
 * the first finished trial. Returns a function that draws the last state and stops.
 */
export function showProgress<G>(study: Study<G>, options: StudyProgressOptions): () => void {
  if (options.quiet === true) return () => {};
  const display = progressDisplay({
    unit: 'trials',
    total: options.budgetTrials,
    ...(options.plainIntervalSeconds === undefined ? {} : { plainIntervalSeconds: options.plainIntervalSeconds }),
    ...(options.stream === undefined ? {} : { stream: options.stream }),
  });
  const status = (): string => {
    const s = study.summary();
    const best = study.best();
    const rate = s.trialsPerSecond >= 1000 ? `${(s.trialsPerSecond / 1000).toFixed(1)}k` : s.trialsPerSecond.toFixed(0);
    const cache = s.cache ? ` | FEC hits ${(100 * s.cache.hitRate).toFixed(0)}%` : '';
    const eta = etaText(etaSeconds(s.trials, options.budgetTrials, s.elapsedMs / 1000, options.budgetSeconds));
    return `${rate} trials/s | best ${best ? options.describeBest(best as Trial<unknown>) : '—'}${cache}${eta}`;
  };
  const tick = (): void => display.update(study.summary().trials, status);
  let first = true;
  study.on('trial', () => {
    if (!first) return;
    first = false;
    tick();
  });
  const timer = setInterval(tick, BAR_REDRAW_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    display.update(study.summary().trials, status);
    display.stop();
  };
}

/** A progress callback for a load measured in bytes, shown on a terminal only. */
export function loadProgress(label: string, stream?: NodeJS.WriteStream): { readonly onProgress: (doneBytes: number, totalBytes: number) => void; stop(): void } {
  const started = performance.now();
  let display: ProgressDisplay | undefined;
  const megabytes = (bytes: number): number => Math.round(bytes / 1e6);
  return {
    onProgress: (done, total) => {
      display ??= progressDisplay({ unit: 'MB', total: megabytes(total), label, plain: false, ...(stream === undefined ? {} : { stream }) });
      display.update(megabytes(done), () => `${((100 * done) / Math.max(1, total)).toFixed(0)}%${etaText(etaSeconds(done, total, (performance.now() - started) / 1000, undefined))}`);
    },
    stop: () => display?.stop(),
  };
}

/** `42s`, `3m07s`, `2h05m`. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
