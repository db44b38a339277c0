import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { parseRedisUrl } from '../../../src/executors/queue/index.ts';
import { redact } from '../../../src/executors/queue/redis-target.ts';

describe('parseRedisUrl', () => {
  it('reads host, port, database and TLS, and prints host:port without the password', () => {
    assert.deepEqual(parseRedisUrl('redis://:s3cret@10.0.0.5:6380/2'), { url: 'redis://:s3cret@10.0.0.5:6380/2', host: '10.0.0.5', port: 6380, db: 2, tls: false, where: '10.0.0.5:6380' });
    const tls = parseRedisUrl('rediss://queue.internal');
    assert.deepEqual([tls.port, tls.db, tls.tls, tls.where], [6379, 0, true, 'queue.internal:6379']);
    assert.equal(parseRedisUrl('redis://[::1]:7000').where, '[::1]:7000');
  });

  it('refuses what is not a redis URL with one message naming the flag and the expected shape', () => {
    const refuses = (url: string, pattern: RegExp) => assert.throws(() => parseRedisUrl(url), (e: unknown) => e instanceof UsageError && pattern.test(e.message));
    refuses('localhost:6379', /--redis must start with redis:\/\/ or rediss:\/\/, got 'localhost:6379'/);
    refuses('http://10.0.0.5', /--redis must start with redis:\/\//);
    refuses('10.0.0.5', /--redis is not a URL: '10.0.0.5'; give --redis as redis:\/\/\[:password@\]host/);
    refuses('redis://10.0.0.5/zero', /database after the host must be a whole number like \/0, got '\/zero'/);
  });

  it('keeps a password out of its messages', () => {
    assert.throws(() => parseRedisUrl('redis//:hunter2@host'), (e: unknown) => e instanceof Error && !e.message.includes('hunter2'));
    assert.equal(redact('redis://:hunter2@host:1'), 'redis://***@host:1');
  });
});
