import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Runtime } from '../config/runtime.js';
import { dataSourceOptions } from './data-source.options.js';
import { MigrationsRunner } from './migrations.runner.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Runtime],
      useFactory: (runtime: Runtime) => ({
        ...dataSourceOptions(runtime.databaseUrl, runtime.databasePoolSize, {
          prepareStatements: runtime.databaseMode === 'external',
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
