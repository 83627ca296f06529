import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment.js';

/** Arbitrary, fixed: the advisory lock under which one process at a time migrates. */
const MIGRATION_LOCK = 7_301_974_221;

/**
 * Runs pending migrations at start (MIGRATIONS_RUN=false turns it off). An API instance and a
 * worker starting together take turns under an advisory lock.
 */
@Injectable()
export class MigrationsRunner implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly environment: Environment,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.environment.MIGRATIONS_RUN) {
      this.logger.log('MIGRATIONS_RUN=false: not running migrations');
      return;
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      this.logger.log(
        applied.length > 0
          ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`
          : 'schema is up to date',
      );
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }
}
