import { Rng } from '../../core/rng.ts';

/*
 * Text for the language-model proxy, generated from a small probabilistic grammar of English
 * sentences: shipped as code (no corpus to download or license), with structure at every scale
 * a character model can learn (spelling, agreement of articles and nouns, phrase order,
 * punctuation), and as long as a proxy asks for.
 */

const DETERMINERS = ['the', 'a', 'one', 'every', 'that', 'my', 'our'];
const ADJECTIVES = ['old', 'small', 'quiet', 'bright', 'green', 'heavy', 'little', 'clever', 'tired', 'happy'];
const NOUNS = ['cat', 'dog', 'farmer', 'river', 'teacher', 'bird', 'child', 'window', 'garden', 'boat', 'letter', 'horse'];
const VERBS = ['sees', 'finds', 'likes', 'carries', 'follows', 'watches', 'paints', 'opens', 'remembers', 'calls'];
const PLACES = ['near the river', 'in the garden', 'on the hill', 'at the market', 'under the bridge', 'by the window'];
const TIMES = ['today', 'at night', 'every morning', 'in the spring', 'after the rain'];
const JOINS = ['and', 'but', 'while', 'because'];

function noun(rng: Rng): string {
  const parts = [rng.pick(DETERMINERS)];
  if (rng.chance(0.5)) parts.push(rng.pick(ADJECTIVES));
  parts.push(rng.pick(NOUNS));
  return parts.join(' ');
}

function clause(rng: Rng): string {
  const parts = [noun(rng), rng.pick(VERBS), noun(rng)];
  if (rng.chance(0.4)) parts.push(rng.pick(PLACES));
  if (rng.chance(0.25)) parts.push(rng.pick(TIMES));
  return parts.join(' ');
}

function sentence(rng: Rng): string {
  let text = clause(rng);
  if (rng.chance(0.3)) text += `, ${rng.pick(JOINS)} ${clause(rng)}`;
  return `${text}. `;
}

/** `length` characters of grammar text drawn from `seed` (lower-case letters, space, comma, full stop). */
export function grammarText(length: number, seed: number): string {
  const rng = new Rng(seed);
  let text = '';
  while (text.length < length) text += sentence(rng);
  return text.slice(0, length);
}
