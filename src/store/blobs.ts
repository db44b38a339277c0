import { createHash } from 'node:crypto';
import type { Json } from '../core/types.ts';

/**
 * Arrays and objects inside a study's spec whose JSON text is at least this long are kept
 * once per store, by content hash, and the spec holds a reference instead: a data set that
 * every study of a store carries in its task config is then stored once.
 */
export const BLOB_MIN_CHARS = 1024;

/** How a spec refers to a stored value: `{ "$blob": "sha256:<hex>" }`. */
const REFERENCE_KEY = '$blob';
const REFERENCE_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * `value` with every large array or object replaced by a reference, innermost first (so a
 * config keeps its small fields readable and each data column becomes one blob); `put`
 * receives each blob's hash and JSON text. The top level itself is never replaced.
 */
export function extractBlobs(value: Json, put: (hash: string, text: string) => void): Json {
  const walk = (node: Json, top: boolean): Json => {
    if (node === null || typeof node !== 'object') return node;
    const replaced: Json = Array.isArray(node)
      ? node.map((child) => walk(child, false))
      : Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child, false)]));
    if (top) return replaced;
    const text = JSON.stringify(replaced);
    if (text.length < BLOB_MIN_CHARS) return replaced;
    const hash = `sha256:${createHash('sha256').update(text).digest('hex')}`;
    put(hash, text);
    return { [REFERENCE_KEY]: hash };
  };
  return walk(value, true);
}

/** `value` with every reference replaced by the stored value that `get` returns for its hash. */
export function resolveBlobs(value: Json, get: (hash: string) => Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((child) => resolveBlobs(child, get));
  const hash = referenceOf(value);
  if (hash !== undefined) return resolveBlobs(get(hash), get);
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, resolveBlobs(child, get)]));
}

function referenceOf(node: { readonly [key: string]: Json }): string | undefined {
  const keys = Object.keys(node);
  const hash = node[REFERENCE_KEY];
  return keys.length === 1 && typeof hash === 'string' && REFERENCE_PATTERN.test(hash) ? hash : undefined;
}
