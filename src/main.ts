import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory.js';
import { ConfigurationError, loadEnvironment } from './config/environment.js';
import { startRuntime } from './config/start-runtime.js';
import { WorkerModule } from './worker.module.js';

const say = (message: string) => process.stdout.write(`soczakaz: ${message}\n`);

async function main(): Promise<void> {
  // A .env file in the working directory, if present; the real environment wins.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const environment = loadEnvironment();
  const started = await startRuntime(environment, say);
  say(`role: ${environment.ROLE}`);
  const app = await (async () => {
    try {
      if (environment.ROLE === 'worker') {
        const worker = await NestFactory.createApplicationContext(
          WorkerModule.forRoot(environment, started.runtime),
          { bufferLogs: true },
        );
        worker.useLogger(worker.get(Logger));
        return await worker.init();
      }
      const api = await createApp(environment, started.runtime);
      await api.listen(environment.PORT, '0.0.0.0');
      say(`listening on http://localhost:${environment.PORT} (API docs at /docs)`);
      return api;
    } catch (error) {
      await started.stop();
      throw error;
    }
  })();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down`);
    await app.close();
    await started.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // One clear line for a configuration mistake; the stack only for the unexpected.
  const message =
    error instanceof ConfigurationError ||
    (error as { name?: string }).name === 'RedisServerNotFoundError'
      ? (error as Error).message
      : ((error as Error).stack ?? String(error));
  process.stderr.write(`soczakaz: cannot start: ${message}\n`);
  process.exit(1);
});
