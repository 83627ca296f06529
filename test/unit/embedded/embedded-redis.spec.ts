import { afterEach, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import {
  RedisServerNotFoundError,
  startEmbeddedRedis,
  type EmbeddedRedis,
} from '../../../src/queue/embedded-redis.js';

/** Resolves true when something accepts a TCP connection on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startEmbeddedRedis', () => {
  const savedBin = process.env.REDIS_SERVER_BIN;
  let running: EmbeddedRedis | undefined;

  afterEach(async () => {
    if (savedBin === undefined) delete process.env.REDIS_SERVER_BIN;
    else process.env.REDIS_SERVER_BIN = savedBin;
    await running?.stop();
    running = undefined;
  });

  it('starts a private redis-server that answers, and stops it', async () => {
    const lines: string[] = [];
    running = await startEmbeddedRedis({ log: (line) => lines.push(line) });
    expect(running.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(running.url).port);

    const client = new Redis(running.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      await client.set('soczakaz:probe', 'value');
      expect(await client.get('soczakaz:probe')).toBe('value');
      // Nothing is kept on disk.
      expect(await client.config('GET', 'save')).toEqual(['save', '']);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    } finally {
      client.disconnect();
    }
    expect(lines.some((line) => /ready to accept connections/i.test(line))).toBe(true);

    await running.stop();
    running = undefined;
    expect(await accepts(port)).toBe(false);
  });

  it('says how to get redis-server when REDIS_SERVER_BIN points nowhere', async () => {
    process.env.REDIS_SERVER_BIN = '/nonexistent/redis-server';
    const error = await startEmbeddedRedis().then(
      () => new Error('started without a redis-server'),
      (caught: unknown) => caught as Error,
    );
    expect(error).toBeInstanceOf(RedisServerNotFoundError);
    expect(error.name).toBe('RedisServerNotFoundError');
    expect(error.message).toContain('/nonexistent/redis-server');
    expect(error.message).toContain('apt-get install redis-server');
    expect(error.message).toContain('brew install redis');
    expect(error.message).toContain('docker compose up -d redis');
    expect(error.message).toContain('REDIS_URL=redis://127.0.0.1:6379');
  });
});
