import { Redis } from 'ioredis';
import { UsageError } from '../../core/errors.ts';
import type { RedisTarget } from './redis-target.ts';

/** How a watched connection reports its outages. */
export interface WatchOptions {
  /** Starts every message: `'amoeba'` or `'amoeba worker'`. */
  readonly label: string;
  /** Where the one-line messages go (standard error in the CLI). */
  readonly log: (line: string) => void;
  /** Called each time the connection is back after an outage. */
  readonly onReconnect?: () => void;
}

/** An ioredis client that reconnects forever and says so once per outage. */
export interface WatchedRedis {
  readonly client: Redis;
  /**
   * Resolves once the first connection is up; waits (with one message) while Redis cannot be
   * reached, and rejects with a UsageError when Redis refuses the password or the host does
   * not exist, since waiting cannot fix either.
   */
  ready(): Promise<void>;
  /** True while the connection is up. */
  readonly up: boolean;
  /** Closes the connection without reporting it as lost. */
  close(): Promise<void>;
}

const RECONNECT_STEP_MS = 100;
const RECONNECT_MAX_MS = 2000;

/**
 * Connects to Redis as BullMQ needs (`maxRetriesPerRequest: null`: commands wait through an
 * outage instead of failing) and retries forever, printing `lost the connection ...; retrying…`
 * once when it drops and `reconnected ...` once when it is back.
 *
 * @example
 * const redis = watchedRedis(parseRedisUrl(url), { label: 'amoeba', log: (line) => process.stderr.write(line + '\n') });
 * await redis.ready();
 */
export function watchedRedis(target: RedisTarget, options: WatchOptions): WatchedRedis {
  const client = new Redis(target.url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * RECONNECT_STEP_MS, RECONNECT_MAX_MS),
    lazyConnect: true,
  });
  let state: 'starting' | 'up' | 'down' | 'closed' = 'starting';
  let everUp = false;
  let fatal: UsageError | undefined;
  const waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const settle = (error?: Error) => {
    for (const w of waiters.splice(0)) {
      if (error === undefined) w.resolve();
      else w.reject(error);
    }
  };

  client.on('ready', () => {
    if (state === 'closed') return;
    const wasDown = state === 'down';
    state = 'up';
    settle();
    if (wasDown) options.log(`${options.label}: ${everUp ? 'reconnected' : 'connected'} to Redis at ${target.where}`);
    if (wasDown && everUp) options.onReconnect?.();
    everUp = true;
  });
  client.on('error', (error: Error) => {
    if (state === 'closed') return;
    fatal ??= refusal(error, target);
    if (fatal !== undefined && !everUp) {
      settle(fatal);
      void client.disconnect();
      return;
    }
    reportLost(error.message);
  });
  client.on('close', () => reportLost(undefined));

  function reportLost(reason: string | undefined): void {
    if (state === 'starting') {
      if (reason === undefined) return;
      state = 'down';
      options.log(`${options.label}: cannot reach Redis at ${target.where} (${reason}); retrying…`);
    } else if (state === 'up') {
      state = 'down';
      options.log(`${options.label}: lost the connection to Redis at ${target.where}${reason === undefined ? '' : ` (${reason})`}; retrying…`);
    }
  }

  return {
    client,
    get up() {
      return state === 'up';
    },
    ready() {
      if (state === 'up') return Promise.resolve();
      if (fatal !== undefined) return Promise.reject(fatal);
      const waiting = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
      if (client.status === 'wait') client.connect().catch(() => {});
      return waiting;
    },
    async close() {
      state = 'closed';
      settle(new Error(`the connection to Redis at ${target.where} was closed`));
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}

/**
 * Connects once and pings, with no retry, so that a command fails at its start, with one
 * UsageError, when Redis cannot be reached (refused, wrong host, wrong password, untrusted
 * certificate, no answer within `timeoutMs`), instead of waiting for a server that may never come.
 */
export async function checkRedisReachable(target: RedisTarget, timeoutMs = 5000): Promise<void> {
  const client = new Redis(target.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    throw refusal(cause, target) ?? new UsageError(`cannot reach Redis at ${target.where} (${cause.message.split('\n')[0]}); start redis-server there or give the right --redis URL`);
  } finally {
    client.disconnect();
  }
}

/** A UsageError for a connection error that no retry can fix, else undefined. */
function refusal(error: Error, target: RedisTarget): UsageError | undefined {
  if (/WRONGPASS|NOAUTH|invalid password|AUTH failed/i.test(error.message)) {
    return new UsageError(`Redis at ${target.where} refused the connection: ${error.message.split('\n')[0]}; check the password in the URL (redis://:password@host:port)`);
  }
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new UsageError(`the TLS certificate of Redis at ${target.where} is not trusted: ${error.message}; if your own CA signed it, start with NODE_EXTRA_CA_CERTS=<ca.crt>`);
  }
  if (code === 'ENOTFOUND') {
    return new UsageError(`cannot find the Redis host '${target.host}': ${error.message}`);
  }
  return undefined;
}

/** True for the errors a lost or closed connection raises. */
export function isConnectionError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ECONNABORTED/.test(code + error.message) || /Connection is closed|connection .*closed|WRONGPASS|NOAUTH/i.test(error.message);
}
