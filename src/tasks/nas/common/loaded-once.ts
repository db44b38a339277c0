import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { LruMap } from '../../../core/lru-map.ts';

/**
 * `load(path)` memoised by the file's absolute path, size and modification time: a comparison
 * rebuilds its task once per member study from the same file, and parsing a whole benchmark
 * table each time would cost more than the searches. A file changed on disk is read again.
 */
export function loadedOnce<T>(load: (path: string) => T, keep = 2): (path: string) => T {
  const loaded = new LruMap<string, T>(keep);
  return (path) => {
    const absolute = resolve(path);
    let stamp = '';
    try {
      const stats = statSync(absolute);
      stamp = `${stats.size}:${stats.mtimeMs}`;
    } catch {
      return load(path); // the loader reports the missing file in its own words
    }
    const key = `${absolute}\n${stamp}`;
    const hit = loaded.get(key);
    if (hit !== undefined) return hit;
    const value = load(absolute);
    loaded.set(key, value);
    return value;
  };
}
