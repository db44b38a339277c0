/**
 * Bounded samples of long streams, for plots: a chart 360 pixels wide shows no more from a
 * million points than from a few thousand chosen well, and a vega spec of a million points
 * would not fit in memory.
 */

/** Points a sample keeps at most (about; see `evenSample`); smaller streams are kept whole. */
export const PLOT_POINTS = 2000;

/** A deterministic sample spread evenly over a stream of unknown length. */
export interface EvenSample<T> {
  /** Offers the next item of the stream. */
  add(item: T): void;
  /** How many items were offered. */
  readonly seen: number;
  /** The items kept, in stream order; the last item offered is always among them. */
  items(): T[];
}

/**
 * Keeps every `stride`-th item of a stream, doubling the stride whenever more than
 * `capacity` are kept, so it holds between capacity / 2 and capacity items (plus the last)
 * however long the stream. A stream of at most `capacity` items is kept whole.
 */
export function evenSample<T>(capacity = PLOT_POINTS): EvenSample<T> {
  let stride = 1;
  let kept: { readonly index: number; readonly item: T }[] = [];
  let seen = 0;
  let last: T | undefined;
  return {
    add(item: T): void {
      if (seen % stride === 0) {
        kept.push({ index: seen, item });
        if (kept.length > capacity) {
          stride *= 2;
          kept = kept.filter((k) => k.index % stride === 0);
        }
      }
      last = item;
      seen++;
    },
    get seen() {
      return seen;
    },
    items(): T[] {
      const items = kept.map((k) => k.item);
      if (seen > 0 && kept[kept.length - 1]!.index !== seen - 1) items.push(last as T);
      return items;
    },
  };
}

/**
 * The items of several samples of one stream, each once, in stream order: `position` says
 * where an item stood in the stream.
 */
export function mergeSamples<T>(position: (item: T) => number, ...samples: readonly (readonly T[])[]): T[] {
  const byPosition = new Map<number, T>();
  for (const sample of samples) for (const item of sample) byPosition.set(position(item), item);
  return [...byPosition.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
}
