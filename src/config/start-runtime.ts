import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { startEmbeddedRedis } from '../queue/embedded-redis.js';
import type { Environment } from './environment.js';
import { Runtime } from './runtime.js';

export interface StartedRuntime {
  runtime: Runtime;
  /** Stops the embedded servers this process started (none when all are external). */
  stop(): Promise<void>;
}

/** A JWT secret kept beside the embedded data, so that tokens survive a restart in development. */
async function localJwtSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'jwt-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(48).toString('base64url');
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}

export async function startRuntime(
  environment: Environment,
  log: (message: string) => void,
): Promise<StartedRuntime> {
  const dataDir = resolve(environment.DATA_DIR);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    let databaseUrl: string;
    let poolSize = environment.DATABASE_POOL_SIZE;
    if (environment.DATABASE_URL) {
      databaseUrl = environment.DATABASE_URL;
      log('database: external PostgreSQL from DATABASE_URL');
    } else {
      await mkdir(dataDir, { recursive: true });
      const postgres = await startEmbeddedPostgres({
        dataDir: join(dataDir, 'pg'),
        log: (line) => log(`[embedded postgres] ${line}`),
      });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.url;
      poolSize = Math.min(poolSize, postgres.maxConnections);
      log(`database: embedded PostgreSQL (PGlite) with data in ${join(dataDir, 'pg')}`);
    }

    let redisUrl: string;
    if (environment.REDIS_URL) {
      redisUrl = environment.REDIS_URL;
      log('redis: external Redis from REDIS_URL');
    } else {
      const redis = await startEmbeddedRedis({
        // redis-server's own start-up chatter (pid:role timestamp …) is not worth showing.
        log: (line) => /^\d+:[CMSX] /.test(line) || log(`[embedded redis] ${line}`),
      });
      stops.push(() => redis.stop());
      redisUrl = redis.url;
      log(`redis: private redis-server at ${redis.url} (nothing kept on disk)`);
    }

    let jwtSecret = environment.JWT_SECRET;
    if (!jwtSecret) {
      await mkdir(dataDir, { recursive: true });
      jwtSecret = await localJwtSecret(dataDir);
      log(`auth: JWT_SECRET not set; using the generated secret in ${join(dataDir, 'jwt-secret')}`);
    }
    const runtime = new Runtime(
      databaseUrl,
      poolSize,
      environment.DATABASE_URL ? 'external' : 'embedded',
      redisUrl,
      environment.REDIS_URL ? 'external' : 'embedded',
      jwtSecret,
    );
    return { runtime, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
