import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { withTimeout } from '../common/timeout.js';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key: 'redis', timeoutMs = 1000) {
    const indicator = this.health.check(key);
    try {
      const started = Date.now();
      await withTimeout(this.redis.ping(), timeoutMs, 'no answer');
      return indicator.up({ responseTimeMs: Date.now() - started });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
