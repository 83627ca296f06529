import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { ManagedProcess, waitUntilReady } from '../common/child-process.js';
import { findFreePort } from '../common/free-port.js';

/**
 * A private Redis for `npm start` without REDIS_URL: a `redis-server` from PATH (or from
 * REDIS_SERVER_BIN) on 127.0.0.1 and a free port, keeping nothing on disk.
 *
 * redis-server has no way to notice that its parent died, so it runs under a tiny Node watchdog
 * (WATCHDOG below) that stops it when this process's pipe closes, even after a SIGKILL.
 */
export interface EmbeddedRedis {
  /** redis://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedRedisOptions {
  /** 0 or undefined: a free port. */
  port?: number;
  log?: (line: string) => void;
  /** Default 15 s. */
  startTimeoutMs?: number;
}

export class RedisServerNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `${detail}. Without REDIS_URL the app starts a private Redis from a redis-server binary. ` +
        'Get one with `apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS) ' +
        '(or point REDIS_SERVER_BIN at a redis-server binary); or run `docker compose up -d redis` ' +
        '(docker-compose.yml wants JWT_SECRET set, e.g. in .env) and set ' +
        'REDIS_URL=redis://127.0.0.1:6379; or set REDIS_URL to an existing Redis server.',
    );
    this.name = 'RedisServerNotFoundError';
  }
}

const HOST = '127.0.0.1';
const ATTEMPTS_ON_PORT_RACE = 3;

/**
 * Runs the command in its arguments, forwards SIGTERM/SIGINT to it, exits as it exits, and
 * stops it when stdin reaches end-of-file (the parent died).
 */
const WATCHDOG = `
import { spawn } from 'node:child_process';
const [command, ...args] = process.argv.slice(1);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let killer;
const stop = (signal) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  killer ??= setTimeout(() => child.kill('SIGKILL'), 10000);
  killer.unref();
};
child.on('error', (error) => { process.stderr.write(String(error) + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGTERM'));
process.on('SIGHUP', () => stop('SIGTERM'));
process.stdin.on('end', () => stop('SIGTERM'));
process.stdin.on('error', () => stop('SIGTERM'));
process.stdin.resume();
`;

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** REDIS_SERVER_BIN, else `redis-server` on PATH (or where Homebrew puts it). */
export async function findRedisServer(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const configured = env.REDIS_SERVER_BIN?.trim();
  if (configured) {
    if (await isExecutable(configured)) return configured;
    throw new RedisServerNotFoundError(
      `REDIS_SERVER_BIN=${configured} is not an executable redis-server`,
    );
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of [...dirs, '/usr/local/bin', '/opt/homebrew/bin', '/usr/bin', '/usr/sbin']) {
    const candidate = join(dir, 'redis-server');
    if (await isExecutable(candidate)) return candidate;
  }
  throw new RedisServerNotFoundError('No redis-server found on PATH');
}

/** True once a RESP PING on host:port answers +PONG. */
function ping(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** Starts a private redis-server and waits until it answers PING. */
export async function startEmbeddedRedis(opts: EmbeddedRedisOptions = {}): Promise<EmbeddedRedis> {
  const log = opts.log ?? (() => undefined);
  const binary = await findRedisServer();
  const attempts = opts.port ? 1 : ATTEMPTS_ON_PORT_RACE;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = opts.port || (await findFreePort(HOST));
    // A PONG counts only after its own "Ready to accept connections": another server could
    // have taken the port in between.
    let announced = false;
    const child = new ManagedProcess({
      name: `redis-server (${binary})`,
      command: process.execPath,
      args: [
        '--input-type=module',
        '-e',
        WATCHDOG,
        '--',
        binary,
        '--bind',
        HOST,
        '--port',
        String(port),
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--dir',
        tmpdir(),
        '--logfile',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      stopTimeoutMs: 10_000,
      onLine: (line) => {
        if (/ready to accept connections/i.test(line)) announced = true;
        log(line);
      },
    });
    try {
      await waitUntilReady(
        child,
        async () => announced && (await ping(port)),
        opts.startTimeoutMs ?? 15_000,
      );
      log(`ready on ${HOST}:${port}`);
      return { url: `redis://${HOST}:${port}`, stop: () => child.stop() };
    } catch (error) {
      lastError = error;
      await child.stop();
      // Someone took the free port between the check and the bind: try another.
      if (!/address already in use/i.test(child.output())) break;
    }
  }
  throw lastError;
}
