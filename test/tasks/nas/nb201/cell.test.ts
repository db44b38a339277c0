import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SpaceError } from '../../../../src/core/errors.ts';
import { NB201_CELL_COUNT, formatNb201Cell, nb201CellCode, nb201CellFromCode, parseNb201Cell } from '../../../../src/tasks/nas/nb201/cell.ts';

test('parses a cell string into op indices in edge order', () => {
  const cell = parseNb201Cell('|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|none~2|');
  assert.deepEqual(cell, [4, 2, 1, 2, 1, 0]);
});

test('formats, parses and numbers every cell consistently', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: NB201_CELL_COUNT - 1 }), (code) => {
      const cell = nb201CellFromCode(code);
      assert.equal(nb201CellCode(cell), code);
      assert.deepEqual(parseNb201Cell(formatNb201Cell(cell)), cell);
    }),
  );
});

test('rejects malformed cell strings with a message naming the problem', () => {
  const bad: [string, RegExp][] = [
    ['|none~0|+|none~0|none~1|', /expected 3 nodes/],
    ['|none~0|+|none~0|+|none~0|none~1|none~2|', /node 2 needs 2 inputs, got 1/],
    ['|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|', /unknown op 'conv'/],
    ['|none~1|+|none~0|none~1|+|none~0|none~1|none~2|', /input 0 of node 1 must be written 'none~0'/],
    ['none~0+|none~0|none~1|+|none~0|none~1|none~2|', /node 1 must look like/],
  ];
  for (const [text, message] of bad) assert.throws(() => parseNb201Cell(text), (e: unknown) => e instanceof SpaceError && message.test(e.message));
  assert.throws(() => nb201CellCode([0, 1, 2]), SpaceError);
  assert.throws(() => nb201CellCode([0, 1, 2, 3, 4, 5]), /whole number in \[0, 5\), got 5/);
  assert.throws(() => nb201CellFromCode(NB201_CELL_COUNT), SpaceError);
});
