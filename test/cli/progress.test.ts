import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etaSeconds, formatSeconds, progressDisplay } from '../../src/cli/progress.ts';

/** A stream that is not a terminal and keeps what is written to it. */
function plainStream(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  let text = '';
  const stream = { isTTY: false, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, lines: () => text.split('\n').filter((l) => l !== '') };
}

describe('etaSeconds', () => {
  it('takes the sooner of the rate and the time limit', () => {
    assert.equal(etaSeconds(100, 1000, 10, undefined), 90);
    assert.equal(etaSeconds(100, 1000, 10, 30), 20);
    assert.equal(etaSeconds(100, 1000, 10, 500), 90);
  });

  it('counts down the time limit alone when there is no budget, and never goes below zero', () => {
    assert.equal(etaSeconds(100, undefined, 10, 60), 50);
    assert.equal(etaSeconds(100, undefined, 70, 60), 0);
  });

  it('knows nothing before the first unit or without a budget and a limit', () => {
    assert.equal(etaSeconds(0, 1000, 0, undefined), undefined);
    assert.equal(etaSeconds(100, undefined, 10, undefined), undefined);
  });
});

describe('progressDisplay off a terminal', () => {
  it('writes a line at the first update, none until the interval passes, and the last state at stop', () => {
    const { stream, lines } = plainStream();
    const display = progressDisplay({ unit: 'trials', total: 50, stream, plainIntervalSeconds: 3600 });
    display.update(1, () => 'first');
    display.update(2, () => 'second');
    display.update(3, () => 'third');
    display.stop();
    assert.deepEqual(lines(), ['[amoeba] 1/50 trials | first', '[amoeba] 3/50 trials | third']);
  });

  it('writes nothing when quiet, or when asked to show itself on terminals only', () => {
    for (const options of [{ quiet: true }, { plain: false }]) {
      const { stream, lines } = plainStream();
      const display = progressDisplay({ unit: 'MB', stream, ...options });
      display.update(1, () => 'x');
      display.stop();
      assert.deepEqual(lines(), []);
    }
  });
});

describe('formatSeconds', () => {
  it('reads as seconds, minutes or hours', () => {
    assert.deepEqual([formatSeconds(42), formatSeconds(187), formatSeconds(7500), formatSeconds(Infinity)], ['42s', '3m07s', '2h05m', '?']);
  });
});
