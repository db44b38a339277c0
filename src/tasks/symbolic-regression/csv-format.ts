import { UsageError } from '../../core/errors.ts';

/** Delimiters tried, in order of preference, when a file's is not given. */
const CANDIDATES = [',', '\t', ';', '|'] as const;

/** The delimiter that splits on runs of spaces and tabs. */
export const WHITESPACE = 'whitespace';

/** Names a person may give for a delimiter (`--delimiter tab`). */
const SPELLINGS: ReadonlyMap<string, string> = new Map([
  ['tab', '\t'],
  ['\\t', '\t'],
  ['comma', ','],
  ['semicolon', ';'],
  ['pipe', '|'],
  ['space', WHITESPACE],
  [WHITESPACE, WHITESPACE],
]);

/** A delimiter as a person names it: one character, or tab, comma, semicolon, pipe, space or whitespace. */
export function parseDelimiter(raw: string): string {
  const named = SPELLINGS.get(raw.toLowerCase());
  if (named !== undefined) return named;
  if (raw.length === 1 && raw !== '"' && raw !== '\n' && raw !== '\r') return raw;
  throw new UsageError(`--delimiter must be one character or one of tab, comma, semicolon, pipe, space, whitespace; got '${raw}'`);
}

/**
 * Splits one line into trimmed cells. Cells may be quoted with `"` (a quoted cell may hold
 * the delimiter, and `""` stands for one quote).
 */
export function splitLine(line: string, delimiter: string): string[] {
  if (delimiter === WHITESPACE) return splitQuoted(line.trim(), (c) => c === ' ' || c === '\t', true);
  return splitQuoted(line, (c) => c === delimiter, false);
}

function splitQuoted(line: string, isDelimiter: (c: string) => boolean, collapse: boolean): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      wasQuoted = true;
      cell = '';
    } else if (isDelimiter(c)) {
      cells.push(wasQuoted ? cell : cell.trim());
      cell = '';
      wasQuoted = false;
      if (collapse) while (i + 1 < line.length && isDelimiter(line[i + 1]!)) i++;
    } else if (!wasQuoted) cell += c;
  }
  cells.push(wasQuoted ? cell : cell.trim());
  return cells;
}

/**
 * The delimiter of a table: the first of comma, tab, semicolon and pipe that splits the
 * header and the next lines into the same number (more than one) of cells, else runs of
 * whitespace when they do, else comma (a one-column file).
 */
export function detectDelimiter(lines: readonly string[]): string {
  const sample = lines.slice(0, 6);
  for (const delimiter of [...CANDIDATES, WHITESPACE]) {
    const counts = sample.map((line) => splitLine(line, delimiter).length);
    if (counts[0]! > 1 && counts.every((n) => n === counts[0])) return delimiter;
  }
  return ',';
}

/** A delimiter as messages show it. */
export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : delimiter === WHITESPACE ? 'whitespace' : `'${delimiter}'`;
}
