import { UsageError } from '../../../core/errors.ts';

/** One step of a key path: an object key or an array index. */
export type KeySegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Appends one segment to a key path: `a` + `b` is `a.b`, `a` + 2 is `a[2]`, and a key that is
 * not an identifier is quoted (`a["x y"]`), so every path parses back to its segments.
 */
export function joinPath(path: string, segment: KeySegment): string {
  if (typeof segment === 'number') return `${path}[${segment}]`;
  if (!IDENTIFIER.test(segment)) return `${path}[${JSON.stringify(segment)}]`;
  return path === '' ? segment : `${path}.${segment}`;
}

/** Formats segments as a key path (`['layers', 2, 'width']` is `layers[2].width`). */
export function formatPath(segments: readonly KeySegment[]): string {
  let path = '';
  for (const s of segments) path = joinPath(path, s);
  return path;
}

/** How a key path shows in a message: the root (empty path) reads `<root>`. */
export function showPath(path: string): string {
  return path === '' ? '<root>' : `'${path}'`;
}

/**
 * Parses a key path (`layers[2].width`, `a["x y"]`) into segments; throws a UsageError that
 * points at the first character it cannot read.
 */
export function parsePath(path: string): KeySegment[] {
  const segments: KeySegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new UsageError(`bad key path '${path}' at character ${i + 1}: ${why}`);
  };
  while (i < path.length) {
    if (path[i] === '[') {
      const close = path[i + 1] === '"' ? closingQuote(path, i + 2) + 1 : path.indexOf(']', i);
      if (close <= 0 || path[close] !== ']') fail("'[' is never closed");
      const inside = path.slice(i + 1, close);
      if (/^\d+$/.test(inside)) segments.push(Number(inside));
      else if (inside.startsWith('"')) segments.push(parseQuoted(inside, fail));
      else fail('expected an index or a quoted key inside [ ]');
      i = close + 1;
    } else {
      if (segments.length > 0) {
        if (path[i] !== '.') fail("expected '.' or '['");
        i++;
      }
      const match = /^[A-Za-z_$][\w$]*/.exec(path.slice(i));
      if (match === null) fail('expected a key name');
      segments.push(match![0]);
      i += match![0].length;
    }
  }
  return segments;
}

/** Index of the quote closing a JSON string whose body starts at `from`, or -1. */
function closingQuote(path: string, from: number): number {
  for (let i = from; i < path.length; i++) {
    if (path[i] === '\\') i++;
    else if (path[i] === '"') return i;
  }
  return -1;
}

function parseQuoted(text: string, fail: (why: string) => never): string {
  try {
    const key: unknown = JSON.parse(text);
    if (typeof key === 'string') return key;
  } catch {
    // fall through to the message below
  }
  return fail('a quoted key must be a JSON string');
}
