import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { answerClientErrorsWithProblems } from './common/client-errors.js';
import { ProblemFilter } from './common/problem.filter.js';
import { createValidationPipe } from './common/validation.js';
import { PLAN_MAX_BYTES, PLAN_MEDIA_TYPES } from './programmes/plan-media-types.js';
import { mountQueueDashboard, queueDashboardOpenApiPaths } from './queue/queue-dashboard.js';
import type { Environment } from './config/environment.js';
import type { Runtime } from './config/runtime.js';

export function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Soczakaz API')
    .setDescription(
      'State social order: programmes, lots and their lifecycle, NGO applications, commission ' +
        'evaluation. Every error is RFC 9457 problem+json.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
}

/** The configured HTTP application, as main.ts serves it and the e2e tests drive it. */
export async function createApp(
  environment: Environment,
  runtime: Runtime,
  options: { withWorker: boolean } = { withWorker: environment.ROLE === 'all' },
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(environment, runtime, options),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // Requests Node's parser refuses never reach the filter below: answered on the socket.
  answerClientErrorsWithProblems(app.getHttpServer());
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  // Its own Express app with its own admin check, ahead of Nest's routes and not-found handler.
  mountQueueDashboard(app);
  // Plan files arrive as the raw body (CSV or XLSX), not as JSON.
  app.useBodyParser('raw', { type: PLAN_MEDIA_TYPES, limit: PLAN_MAX_BYTES });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  const document = SwaggerModule.createDocument(app, openApiConfig());
  Object.assign(document.paths, queueDashboardOpenApiPaths);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
