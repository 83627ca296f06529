import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigModule } from './config/config.module.js';
import type { Environment } from './config/environment.js';
import type { Runtime } from './config/runtime.js';
import { DatabaseModule } from './database/database.module.js';
import { RedisModule } from './queue/redis.module.js';

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** A caller's X-Request-Id is kept when sane, so that one id follows a request across services. */
function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('x-request-id', id);
  return id;
}

/** What every process role needs: configuration, logs, the database and Redis. */
@Module({})
export class CoreModule {
  static forRoot(environment: Environment, runtime: Runtime): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(environment, runtime),
        LoggerModule.forRoot({
          pinoHttp: {
            level: environment.LOG_LEVEL,
            genReqId: requestId,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
          },
        }),
        DatabaseModule,
        RedisModule,
      ],
    };
  }
}
