import { Redis } from 'ioredis';
import { ProblemException } from './problem.js';

/** Counts one hit and starts the window on the first, atomically. */
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits`;

export interface RateLimit {
  /** Allowed hits per window. */
  limit: number;
  windowMs: number;
}

const unavailable = () =>
  new ProblemException(
    503,
    'dependency-unavailable',
    'This is unavailable for a moment (the attempt counter cannot be reached); try again',
  );

/**
 * Fixed-window counters in Redis, so that every API instance counts the same attempts.
 * Over the limit: 429 with the seconds to wait. Redis away: 503, never a 500.
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly rate: RateLimit,
  ) {}

  /** Refuses with 429 when the key has used up its window. */
  async check(key: string): Promise<void> {
    let hits: string | null;
    let ttlMs: number;
    try {
      [hits, ttlMs] = await Promise.all([
        this.redis.get(this.key(key)),
        this.redis.pttl(this.key(key)),
      ]);
    } catch {
      throw unavailable();
    }
    if (Number(hits ?? 0) < this.rate.limit) return;
    const waitSeconds = Math.max(1, Math.ceil(ttlMs / 1000));
    throw new ProblemException(
      429,
      'too-many-requests',
      `Too many attempts; try again in ${waitSeconds} s`,
      {
        retryAfterSeconds: waitSeconds,
      },
    );
  }

  async hit(key: string): Promise<void> {
    try {
      await this.redis.eval(HIT, 1, this.key(key), this.rate.windowMs);
    } catch {
      throw unavailable();
    }
  }

  private key(key: string): string {
    return `rate:${this.name}:${key}`;
  }
}
