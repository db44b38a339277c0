/**
 * Functional hashing and the FEC cache against the obvious baseline: a string key built
 * from each value rounded to 7 significant digits, in a plain Map.
 * Run: npx tsx bench/functional-hash.ts
 */
import { Rng } from '../src/core/rng.ts';
import { fecCache, functionalHash } from '../src/hashing/index.ts';

const FINGERPRINT_LENGTH = 64;
const DISTINCT = 2_000;
const LOOKUPS = 100_000;

const rng = new Rng(1);
const fingerprints = Array.from({ length: DISTINCT }, () => Float64Array.from({ length: FINGERPRINT_LENGTH }, () => rng.normal() * 100));

function stringKey(fp: Float64Array): string {
  let key = '';
  for (let i = 0; i < fp.length; i++) key += (fp[i] as number).toPrecision(7) + ',';
  return key;
}

/** Best of three runs of `body`, in operations per second. */
function rate(operations: number, body: () => void): number {
  let bestMs = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    body();
    bestMs = Math.min(bestMs, performance.now() - start);
  }
  return (operations * 1000) / bestMs;
}

let sink = 0;
const hashRate = rate(LOOKUPS, () => {
  for (let i = 0; i < LOOKUPS; i++) sink += functionalHash(fingerprints[i % DISTINCT]!).length;
});
const stringRate = rate(LOOKUPS, () => {
  for (let i = 0; i < LOOKUPS; i++) sink += stringKey(fingerprints[i % DISTINCT]!).length;
});

const cacheRate = rate(LOOKUPS, () => {
  const cache = fecCache({ capacity: DISTINCT });
  for (let i = 0; i < LOOKUPS; i++) {
    const lookup = cache.lookup(fingerprints[i % DISTINCT]!);
    if (lookup.measurement === undefined) cache.record(lookup.hash, { values: [i] });
  }
});
const mapRate = rate(LOOKUPS, () => {
  const map = new Map<string, { values: number[] }>();
  for (let i = 0; i < LOOKUPS; i++) {
    const key = stringKey(fingerprints[i % DISTINCT]!);
    if (map.get(key) === undefined) map.set(key, { values: [i] });
  }
});

const show = (r: number) => `${(r / 1000).toFixed(0)}k/s`;
console.log(`fingerprints of ${FINGERPRINT_LENGTH} float64s, ${DISTINCT} distinct, ${LOOKUPS} operations (best of 3)`);
console.log(`hash:   functionalHash ${show(hashRate)}  vs toPrecision(7) string key ${show(stringRate)}  ratio ${(hashRate / stringRate).toFixed(2)}x`);
console.log(`lookup: fecCache       ${show(cacheRate)}  vs Map of string keys       ${show(mapRate)}  ratio ${(cacheRate / mapRate).toFixed(2)}x`);
if (sink === -1) console.log(sink);
