import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpaceError, UsageError } from '../../src/core/index.ts';
import type { Space } from '../../src/core/index.ts';
import { SnapshotReader, lossToJson, memberToJson } from '../../src/algorithms/snapshot-json.ts';
import { integerSpace } from '../helpers/toy.ts';

const strictIntegers: Space<number> = {
  ...integerSpace,
  fromJSON: (j) => {
    if (typeof j !== 'number') throw new SpaceError('a genotype must be a number');
    return j;
  },
};

const reader = (json: unknown) => new SnapshotReader('demo', json, 'demo-algorithm');

describe('SnapshotReader', () => {
  it('round-trips members with infinite and NaN losses through JSON text', () => {
    const json = JSON.parse(
      JSON.stringify({ algorithm: 'demo-algorithm', version: 1, population: [memberToJson(strictIntegers, { genotype: 4, loss: [Infinity, -Infinity, NaN, 2] })] }),
    );
    const [member] = reader(json).members('population', strictIntegers);
    assert.deepEqual(member, { genotype: 4, loss: [Infinity, -Infinity, NaN, 2] });
    assert.deepEqual(lossToJson([1, Infinity]), [1, 'Infinity']);
  });

  it('names the snapshot field that is wrong', () => {
    const message = (json: unknown, read: (r: SnapshotReader) => unknown) => {
      try {
        read(reader(json));
      } catch (error) {
        assert.ok(error instanceof UsageError);
        return error.message;
      }
      return 'no error';
    };
    const ok = { algorithm: 'demo-algorithm', version: 1 };
    assert.equal(message([], () => 0), 'demo: snapshot must be an object');
    assert.equal(message({ ...ok, algorithm: 'nsga2' }, () => 0), `demo: snapshot.algorithm must be 'demo-algorithm', got "nsga2"`);
    assert.equal(message({ ...ok, version: 2 }, () => 0), 'demo: snapshot.version must be 1, got 2');
    assert.equal(message({ ...ok, proposals: -1 }, (r) => r.count('proposals')), 'demo: snapshot.proposals must be a whole number >= 0');
    assert.equal(message(ok, (r) => r.members('population', strictIntegers)), 'demo: snapshot.population must be an array');
    assert.equal(
      message({ ...ok, population: [{ genotype: 1, loss: [1] }, { genotype: 2, loss: ['constructor'] }] }, (r) => r.members('population', strictIntegers)),
      "demo: snapshot.population[1].loss must be an array of numbers (or 'Infinity', '-Infinity', 'NaN')",
    );
    assert.equal(
      message({ ...ok, pending: [3, 'x'] }, (r) => r.genotypes('pending', strictIntegers)),
      'demo: snapshot.pending[1]: a genotype must be a number',
    );
  });

  it('reads a null member as absent', () => {
    assert.equal(reader({ algorithm: 'demo-algorithm', version: 1, best: null }).optionalMember('best', strictIntegers), undefined);
  });
});
