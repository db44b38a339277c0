import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng, UsageError } from '../../../src/core/index.ts';
import { parseCsv, regressionData, splitRows } from '../../../src/tasks/symbolic-regression/dataset.ts';

const good = 'x,y,z\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14,15\n16,17,18\n';

describe('CSV data sets', () => {
  it('parses a header and numeric columns', () => {
    const table = parseCsv(good);
    assert.deepEqual(table.names, ['x', 'y', 'z']);
    assert.equal(table.rows, 6);
    assert.deepEqual([...table.columns[1]!], [2, 5, 8, 11, 14, 17]);
  });

  it('accepts scientific notation, signs and CRLF line ends', () => {
    const table = parseCsv('a,b\r\n-1e-3,+2.5\r\n.5,3E2\r\n');
    assert.deepEqual([...table.columns[0]!], [-0.001, 0.5]);
    assert.deepEqual([...table.columns[1]!], [2.5, 300]);
  });

  it('rejects a file without a header, naming the first row', () => {
    assert.throws(() => parseCsv('1,2\n3,4\n', 'd.csv'), (e: unknown) => e instanceof UsageError && /no header/.test(e.message));
  });

  it('rejects a non-numeric cell, naming line and column', () => {
    assert.throws(() => parseCsv('x,y\n1,2\n3,abc\n', 'd.csv'), /d\.csv, line 3: the cell 'abc' in column 'y' is not a finite number/);
  });

  it('rejects an empty cell, naming line and column', () => {
    assert.throws(() => parseCsv('x,y\n1,\n', 'd.csv'), /line 2: the cell in column 'y' is empty/);
  });

  it('rejects a ragged row', () => {
    assert.throws(() => parseCsv('x,y\n1,2,3\n', 'd.csv'), /expected 2 cells, found 3/);
  });

  it('rejects an unknown target, listing the columns', () => {
    assert.throws(() => regressionData(parseCsv(good), 'w', 'd.csv'), /unknown target column 'w' in d\.csv; its columns are: x, y, z/);
  });

  it('rejects too few rows', () => {
    assert.throws(() => regressionData(parseCsv('x,y\n1,2\n3,4\n'), 'y', 'd.csv'), /2 data rows; at least 5/);
  });

  it('splits rows by seed, the same way for the same seed, with both parts non-empty', () => {
    const data = regressionData(parseCsv(good), 'z');
    const a = splitRows(data, 0.25, new Rng(1));
    const b = splitRows(data, 0.25, new Rng(1));
    assert.deepEqual([...a.validation.target], [...b.validation.target]);
    assert.equal(a.train.rows + a.validation.rows, 6);
    assert.ok(a.validation.rows >= 1 && a.train.rows >= 1);
    assert.deepEqual([...a.train.target, ...a.validation.target].sort((p, q) => p - q), [3, 6, 9, 12, 15, 18]);
  });

  it('detects comma, tab, semicolon, pipe and whitespace delimiters', () => {
    for (const sep of [',', '\t', ';', '|']) assert.deepEqual(parseCsv(`a${sep}b c\n1${sep}2\n3${sep}4\n`).names, ['a', 'b c'], JSON.stringify(sep));
    assert.deepEqual(parseCsv('a  b\n1  2\n').columns.map((c) => [...c]), [[1], [2]]);
  });

  it('reads quoted names holding the delimiter, spaces and quotes', () => {
    const table = parseCsv('"m, kg","say ""hi""", v (m/s)\n1,2,3\n');
    assert.deepEqual(table.names, ['m, kg', 'say "hi"', 'v (m/s)']);
    assert.deepEqual(table.columns.map((c) => c[0]), [1, 2, 3]);
  });

  it('reads missing cells as NaN when allowed, and drops their rows on request with a count', () => {
    const text = 'x,y\n1,2\nNA,3\n4,\n5,6\n7,8\n9,10\n11,12\n';
    assert.throws(() => parseCsv(text), /line 3: the cell 'NA' in column 'x' is a missing value; give --drop-missing/);
    const table = parseCsv(text, 'd.csv', { allowMissing: true });
    assert.ok(Number.isNaN(table.columns[0]![1]!));
    assert.throws(() => regressionData(table, 'y', 'd.csv'), /row 2 has no finite value in column 'x'/);
    const data = regressionData(table, 'y', 'd.csv', { dropMissing: true });
    assert.equal(data.dropped, 2);
    assert.deepEqual([...data.target], [2, 6, 8, 10, 12]);
  });
});
