import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { ManagedProcess, waitUntilReady } from '../common/child-process.js';

/**
 * Embedded PostgreSQL for `npm start` without DATABASE_URL: PGlite (Postgres in WASM) served
 * over the wire protocol by @electric-sql/pglite-socket, in a child Node process (PGlite blocks
 * its event loop while a query runs), with its data in a directory that survives restarts.
 *
 * The child is a small program (CHILD_PROGRAM below) rather than the package's `pglite-server`
 * CLI, because the CLI lacks three things this needs:
 * - a lock: two processes opening the same data directory would corrupt it;
 * - a parent watch: it exits when this process dies, even by SIGKILL (stdin closes);
 * - a fix to the connection multiplexer: pglite-socket queues protocol messages one by one and
 *   only keeps a connection's messages together inside a transaction block. An extended-query
 *   pipeline (Parse/Bind/Describe/Execute ... Sync) that arrives in more than one TCP read (any
 *   parameter of ~64 KB or more) gets another connection's Parse between its Parse and Bind:
 *   "bind message supplies 2 parameters, but prepared statement "" requires 1", or worse, a
 *   statement bound to another connection's parameters. The program reports a connection as
 *   "in a transaction" to the multiplexer from its Parse until its Sync.
 *
 * Limits (PGlite is a single backend): statements run one at a time; an open transaction holds
 * every other connection until it ends, so code must never wait, inside a transaction, for a
 * query on another connection (it would hang forever, where real Postgres would answer); session
 * state (SET, advisory locks, LISTEN) is shared by all connections.
 */
export interface EmbeddedPostgres {
  /** postgres://postgres:postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** The most connections a client pool may open (the pool size must not exceed it). */
  maxConnections: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 or undefined: the OS picks a free port. */
  port?: number;
  log?: (line: string) => void;
  /** The pool size this server admits (default 10). */
  maxConnections?: number;
  /** Overall time allowed for the start (default 60 s; the first start, initdb, takes 3–7 s). */
  startTimeoutMs?: number;
}

const DEFAULT_MAX_CONNECTIONS = 10;
/**
 * Connections the server admits beyond `maxConnections`: it counts a closed connection until a
 * tick later, so a pool that drops a connection and opens another at once could be refused.
 */
const CONNECTION_HEADROOM = 2;
const READY_MARKER = '@@pglite-ready ';
const HOST = '127.0.0.1';

interface ChildConfig {
  pglite: string;
  socket: string;
  dataDir: string;
  lockFile: string;
  host: string;
  port: number;
  maxConnections: number;
}

/**
 * The child process: plain JavaScript (ESM) run with `node --input-type=module -e`, so that it
 * works the same from the compiled app and from the TypeScript sources under jest. Its one
 * argument is a ChildConfig in JSON.
 */
const CHILD_PROGRAM = `
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
const config = JSON.parse(process.argv[1]);
const say = (line) => process.stdout.write(line + '\\n');

let locked = false;
function takeLock() {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(config.lockFile, 'wx');
      writeSync(fd, String(process.pid) + '\\n');
      closeSync(fd);
      locked = true;
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(config.lockFile, 'utf8'), 10);
      let alive = false;
      if (holder > 0 && holder !== process.pid) {
        try { process.kill(holder, 0); alive = true; } catch (e) { alive = e.code === 'EPERM'; }
      }
      if (alive) {
        say('the data directory ' + config.dataDir + ' is in use by process ' + holder +
          ' (lock file ' + config.lockFile + '). One process at a time can use an embedded database:' +
          ' run api and worker in one process (ROLE=all), or give them a shared PostgreSQL in DATABASE_URL.');
        process.exit(75);
      }
      say('removing the stale lock file of process ' + holder);
      try { unlinkSync(config.lockFile); } catch {}
    }
  }
  throw new Error('cannot take the lock ' + config.lockFile);
}
function releaseLock() {
  if (!locked) return;
  locked = false;
  try { unlinkSync(config.lockFile); } catch {}
}
process.on('exit', releaseLock);

let db;
let opening;
let server;
let stopping = false;
async function shutdown(reason, code) {
  if (stopping) return;
  stopping = true;
  say('stopping (' + reason + ')');
  setTimeout(() => { say('stop timed out'); process.exit(code || 1); }, 12000).unref();
  try { if (server) await server.stop(); } catch (error) { say('server stop: ' + error); }
  try { await opening; } catch {}
  try { if (db) await db.close(); } catch (error) { say('database close: ' + error); }
  releaseLock();
  say('stopped');
  process.exit(code || 0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGHUP', () => shutdown('SIGHUP'));
// The parent never writes to stdin: end-of-file means that it has died.
process.stdin.on('end', () => shutdown('parent process gone'));
process.stdin.on('error', () => shutdown('parent process gone'));
process.stdin.resume();

try {
  takeLock();
  const { PGlite } = await import(config.pglite);
  const { PGLiteSocketServer } = await import(config.socket);
  opening = (async () => {
    const started = Date.now();
    say('opening ' + config.dataDir);
    const instance = new PGlite(config.dataDir);
    db = instance;
    await instance.waitReady;
    say('database ready in ' + (Date.now() - started) + ' ms');
  })();
  await opening;
  if (stopping) await new Promise(() => {});

  // Keep each connection's extended-query pipeline (Parse ... Sync) together: the multiplexer
  // keeps a connection's messages together only while isInTransaction() is true.
  const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
  let midPipeline = false;
  const execStream = db.execProtocolRawStream.bind(db);
  db.execProtocolRawStream = async (message, options) => {
    try {
      return await execStream(message, options);
    } finally {
      midPipeline = EXTENDED.has(message[0]);
    }
  };
  const inTransaction = db.isInTransaction.bind(db);
  db.isInTransaction = () => midPipeline || inTransaction();

  server = new PGLiteSocketServer({
    db,
    host: config.host,
    port: config.port,
    maxConnections: config.maxConnections,
  });
  server.addEventListener('listening', (event) => {
    say('${READY_MARKER}' + JSON.stringify(event.detail));
  });
  server.addEventListener('error', (event) => say('socket server error: ' + event.detail));
  await server.start();
} catch (error) {
  say('cannot start: ' + (error && error.stack ? error.stack : error));
  await shutdown('start failed', 1);
}
`;

/** Starts PGlite in a child process and waits until it answers `SELECT 1`. */
export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const dataDir = resolve(opts.dataDir);
  const maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  await mkdir(dataDir, { recursive: true });
  const config: ChildConfig = {
    pglite: import.meta.resolve('@electric-sql/pglite'),
    socket: import.meta.resolve('@electric-sql/pglite-socket'),
    dataDir,
    lockFile: `${dataDir}.lock`,
    host: HOST,
    port: opts.port ?? 0,
    maxConnections: maxConnections + CONNECTION_HEADROOM,
  };

  let port: number | undefined;
  const child = new ManagedProcess({
    name: 'embedded PostgreSQL (pglite-socket)',
    command: process.execPath,
    args: ['--input-type=module', '-e', CHILD_PROGRAM, '--', JSON.stringify(config)],
    stopTimeoutMs: 15_000,
    onLine: (line) => {
      if (line.startsWith(READY_MARKER)) {
        const detail = JSON.parse(line.slice(READY_MARKER.length)) as { port?: number };
        port = detail.port;
        log(`listening on ${HOST}:${port}`);
      } else {
        log(line);
      }
    },
  });

  const url = () => `postgres://postgres:postgres@${HOST}:${port}/postgres`;
  try {
    await waitUntilReady(
      child,
      async () => {
        if (port === undefined) return false;
        const client = new pg.Client({ connectionString: url(), connectionTimeoutMillis: 5000 });
        client.on('error', () => undefined);
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      opts.startTimeoutMs ?? 60_000,
    );
  } catch (error) {
    await child.stop();
    throw error;
  }

  return {
    url: url(),
    maxConnections,
    stop: () => child.stop(),
  };
}
