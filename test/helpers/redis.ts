/** Starts a throwaway redis-server for a test file, on a free loopback port, and stops it by PID. */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';

/** Why Redis tests cannot run here, or undefined when `redis-server` is on the PATH. */
export const redisMissing: string | undefined = (() => {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0 ? undefined : 'redis-server not installed: apt-get install redis-server';
})();

/** Why TLS Redis tests cannot run here (no openssl to make certificates), or undefined. */
export const opensslMissing: string | undefined = (() => {
  const probe = spawnSync('openssl', ['version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0 ? undefined : 'openssl not installed: apt-get install openssl';
})();

/** A running redis-server that keeps nothing on disk. */
export interface TestRedis {
  /** `redis://[:password@]127.0.0.1:port`, or `rediss://[:password@]localhost:port` with TLS. */
  readonly url: string;
  readonly port: number;
  /** With TLS: the CA certificate that signed the server's, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string | undefined;
  /** Stops the server (SIGTERM to its PID) and waits for it to exit; its data is gone. */
  stop(): Promise<void>;
  /** Stops the server and starts a fresh, empty one on the same port. */
  restart(): Promise<void>;
}

/**
 * The Redis server CI starts for the suite (`AMOEBA_TEST_REDIS`, see `.ci/run`) when there is
 * one, else a throwaway server of this test file's own. Tests that restart Redis or need a
 * password or TLS start their own with `startRedis`.
 */
export async function sharedRedis(): Promise<TestRedis> {
  const url = process.env['AMOEBA_TEST_REDIS'];
  if (url === undefined || url === '') return startRedis();
  return {
    url,
    port: Number(new URL(url).port),
    caFile: undefined,
    stop: async () => {},
    restart: () => Promise.reject(new Error('the shared test Redis cannot be restarted; use startRedis()')),
  };
}

/**
 * Starts redis-server on a free port of 127.0.0.1, with `requirepass` when a password is given,
 * and TLS only (a throwaway CA and a certificate for localhost) when `tls` is true.
 */
export async function startRedis(options: { password?: string; tls?: boolean } = {}): Promise<TestRedis> {
  const port = await freePort();
  const certificates = options.tls === true ? makeCertificates() : undefined;
  const listen = certificates === undefined ? ['--port', String(port)] : ['--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no', '--tls-cert-file', certificates.cert, '--tls-key-file', certificates.key, '--tls-ca-cert-file', certificates.ca];
  const args = [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'];
  if (options.password !== undefined) args.push('--requirepass', options.password);
  const tls = certificates !== undefined;
  let server = await launch(args, port, tls);
  // A test process that dies before its after-hook must not leave the server behind.
  process.once('exit', () => server.kill('SIGKILL'));
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    process.kill(server.pid!, 'SIGTERM');
    await exited;
  };
  return {
    url: tls ? `rediss://${auth}localhost:${port}` : `redis://${auth}127.0.0.1:${port}`,
    port,
    caFile: certificates?.ca,
    stop,
    async restart() {
      await stop();
      server = await launch(args, port, tls);
    },
  };
}

/** A CA and a server certificate for localhost and 127.0.0.1 that it signed, in a temporary folder. */
function makeCertificates(): { ca: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'amoeba-tls-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => join(dir, name);
  writeFileSync(file('san.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  const run = (...args: string[]) => {
    const result = spawnSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=amoeba test CA', '-keyout', file('ca.key'), '-out', file('ca.crt'));
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost', '-keyout', file('redis.key'), '-out', file('redis.csr'));
  run('x509', '-req', '-days', '1', '-in', file('redis.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-extfile', file('san.cnf'), '-out', file('redis.crt'));
  return { ca: file('ca.crt'), cert: file('redis.crt'), key: file('redis.key') };
}

async function launch(args: string[], port: number, tls: boolean): Promise<ChildProcess> {
  const server = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const failed = new Promise<never>((_, reject) => {
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before answering on port ${port}`)));
  });
  failed.catch(() => {});
  for (let tries = 0; ; tries++) {
    if (await Promise.race([answers(port, tls), failed])) return server;
    // Up to about 20 s: a loaded machine can take seconds to start a server.
    if (tries > 1000) throw new Error(`redis-server did not answer on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True when something on the port answers a PING (a NOAUTH error counts: the server is up). */
function answers(port: number, tls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls ? tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false }) : createConnection({ port, host: '127.0.0.1' });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
    socket.once('data', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

/** A loopback port that nothing listens on (it was free a moment ago). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
