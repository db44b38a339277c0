// Types of the page's chart specs (study-charts.js is plain browser JavaScript), for the tests.
interface ChartObjective {
  readonly name: string;
  readonly goal: string;
}

/** Best-so-far as a vega-lite step curve against trials or seconds, carried on to `end`. */
export function progressSpec(curve: readonly { trials: number; seconds: number; best: number }[], objective: ChartObjective | undefined, axis: 'trials' | 'seconds', end: number): object;

/** The front as a vega-lite spec: a scatter for two objectives, parallel coordinates for more. */
export function frontSpec(front: readonly { id: number; values: readonly number[] }[], objectives: readonly ChartObjective[], hrefOf: (id: number) => string): object;
