import { UsageError } from '../../core/errors.ts';

/** A checked Redis URL and the parts of it that are safe to print. */
export interface RedisTarget {
  /** The URL as given, password included: hand it to ioredis, never print it. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The database number from the URL's path (`/2`), 0 by default. */
  readonly db: number;
  /** True for `rediss://`: the connection uses TLS. */
  readonly tls: boolean;
  /** `host:port`, without the password: what messages name. */
  readonly where: string;
}

/**
 * Checks a Redis URL (`redis://[:password@]host[:port][/db]`, or `rediss://` for TLS) and
 * returns its printable parts; anything else is a UsageError naming `flag`.
 *
 * @example
 * parseRedisUrl('redis://:s3cret@10.0.0.5:6379/0').where // '10.0.0.5:6379'
 */
export function parseRedisUrl(url: string, flag = 'redis'): RedisTarget {
  const shape = `give --${flag} as redis://[:password@]host[:port][/db] or rediss://... for TLS`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--${flag} is not a URL: '${redact(url)}'; ${shape}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`--${flag} must start with redis:// or rediss://, got '${redact(url)}'; ${shape}`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new UsageError(`--${flag} names no host; ${shape}`);
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const path = parsed.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!(Number.isInteger(db) && db >= 0 && /^\d+$/.test(path || '0'))) {
    throw new UsageError(`--${flag}: the database after the host must be a whole number like /0, got '/${path}'`);
  }
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { url, host, port, db, tls: parsed.protocol === 'rediss:', where };
}

/** The URL with any password replaced by `***`, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^/@]*)@/, '//***@');
}
