import { Global, Logger, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Runtime } from '../config/runtime.js';

/**
 * The app's Redis client for commands (throttling, readiness). Commands fail fast while Redis
 * is away instead of queueing, so a request answers instead of hanging.
 */
@Global()
@Module({
  providers: [
    {
      provide: Redis,
      inject: [Runtime],
      useFactory: async (runtime: Runtime) => {
        const logger = new Logger('Redis');
        const redis = new Redis(runtime.redisUrl, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2000,
          retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        });
        redis.on('error', (error: Error) => logger.warn(`redis: ${error.message}`));
        // Wait briefly for the first connection so that early requests find it ready.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5000);
          redis.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        return redis;
      },
    },
  ],
  exports: [Redis],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(Redis) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
