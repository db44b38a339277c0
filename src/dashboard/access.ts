import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** The cookie a browser keeps the access token in once it has opened the printed link. */
export const TOKEN_COOKIE = 'amoeba_dashboard_token';

/** True for a host name or address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** A fresh access token: 128 random bits as hex. */
export function newToken(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Decides whether a request may be answered. With a token (a dashboard served beyond this
 * machine), the request must carry it: as `?token=`, as a bearer `Authorization` header, or
 * in the cookie set by the first. Without one (loopback), the `Host` header must name a
 * loopback host, so that a web page elsewhere cannot reach the dashboard through a DNS name
 * it points at 127.0.0.1.
 */
export function allowed(request: IncomingMessage, url: URL, token: string | undefined): boolean {
  if (token === undefined) {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    return isLoopbackHost(host);
  }
  const offered = url.searchParams.get('token') ?? bearer(request.headers.authorization) ?? cookie(request.headers.cookie, TOKEN_COOKIE);
  return offered !== undefined && sameSecret(offered, token);
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
