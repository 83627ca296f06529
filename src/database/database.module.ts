import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment.js';
import { Runtime } from '../config/runtime.js';
import { dataSourceOptions } from './data-source.options.js';
import { MigrationsRunner } from './migrations.runner.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Runtime, Environment],
      useFactory: (runtime: Runtime, environment: Environment) => ({
        ...dataSourceOptions(runtime.databaseUrl, runtime.databasePoolSize, {
          prepareStatements:
            runtime.databaseMode === 'external' && environment.DATABASE_PREPARE_STATEMENTS,
        }),
        // Start even when the database is down for a moment; readiness reports it.
        retryAttempts: 10,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [MigrationsRunner],
})
export class DatabaseModule {}
