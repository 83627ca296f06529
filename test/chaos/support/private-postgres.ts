import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreePort } from '../../../src/common/free-port.js';

const run = promisify(execFile);

/** The newest installed PostgreSQL's bin directory (PG_BIN overrides). */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('No PostgreSQL in /usr/lib/postgresql; set PG_BIN');
  return join('/usr/lib/postgresql', versions[0], 'bin');
}

/** initdb and the server refuse to run as root: as root, run them as the postgres user. */
const asRoot = process.getuid?.() === 0;

async function pgTool(tool: string, args: string[]): Promise<string> {
  const binary = join(postgresBin(), tool);
  const [command, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', binary, ...args]]
    : [binary, args];
  try {
    const { stdout } = await run(command, argv, { timeout: 60_000 });
    return stdout;
  } catch (error) {
    const failed = error as Error & { stderr?: string; stdout?: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${failed.stderr || failed.message}`, {
      cause: error,
    });
  }
}

export interface PrivatePostgres {
  port: number;
  /** The application's database on this cluster. */
  url: string;
  /** A query through a short-lived connection (survives the server's restarts). */
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  /** A connected client of the test's own, e.g. to hold locks; the caller ends it. */
  connect(): Promise<pg.Client>;
  /** pg_ctl stop -m fast: every connection is cut, the data stays. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of one test file: initdb in a temporary directory, a free port, fsync
 * off. Stopping and restarting it disturbs no one else (the machine's shared server is never
 * touched).
 */
export async function startPrivatePostgres(database = 'soczakaz'): Promise<PrivatePostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'soczakaz-chaos-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  let port = 0;
  const startServer = async () => {
    await pgTool('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off ` +
        '-c synchronous_commit=off -c full_page_writes=off -c max_connections=200',
      'start',
    ]);
  };
  const stopServer = async (mode = 'fast') => {
    await pgTool('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  };
  const destroy = async () => {
    await stopServer('immediate').catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await pgTool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '-N']);
    // Another process may take the free port before the server binds it: try another.
    for (let attempt = 1; ; attempt++) {
      port = await findFreePort();
      try {
        await startServer();
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    const admin = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      database: 'postgres',
    });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
  } catch (error) {
    await destroy();
    throw error;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/${database}`;
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  return {
    port,
    url,
    query: async <T>(sql: string, parameters: unknown[] = []) => {
      const client = await connect();
      try {
        return (await client.query(sql, parameters)).rows as T[];
      } finally {
        await client.end();
      }
    },
    connect,
    stopServer: () => stopServer(),
    startServer,
    destroy,
  };
}
