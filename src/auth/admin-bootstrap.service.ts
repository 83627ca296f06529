import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

/** Arbitrary, fixed: two instances starting on an empty database create one admin, not two. */
const FIRST_ADMIN_LOCK = 7_301_974_222;

/**
 * The first start of an empty database creates an administrator from ADMIN_EMAIL and
 * ADMIN_PASSWORD, or with a generated password printed once.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly environment: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
      if ((await manager.count(User)) > 0) return undefined;
      return this.users.createInTransaction(
        manager,
        {
          email: this.environment.ADMIN_EMAIL ?? 'admin@soczakaz.local',
          fullName: 'Administrator',
          locale: 'en',
          password: this.environment.ADMIN_PASSWORD,
          isAdmin: true,
        },
        [],
      );
    });
    if (!created) return;
    if (created.initialPassword) {
      // Printed once, on purpose: nobody else knows it and it is not stored in clear.
      process.stdout.write(
        `\n  First administrator created: ${created.email} / ${created.initialPassword}\n` +
          '  (shown once; change it with POST /me/password)\n\n',
      );
    } else {
      this.logger.log(`first administrator created: ${created.email}`);
    }
  }
}
