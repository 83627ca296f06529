import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { RateLimiter } from '../common/rate-limiter.js';
import { Environment } from '../config/environment.js';
import { Actor } from './actor.js';
import { authError } from './auth.errors.js';
import type {
  AccessToken,
  NgoRegistration,
  PasswordChange,
  ProfileUpdate,
} from './dto/auth.dto.js';
import { OrganisationView } from './dto/organisation.dto.js';
import { NgoRegistered, UserView } from './dto/user.dto.js';
import { Organisation } from './organisation.entity.js';
import { hashPassword, verifyPassword } from './password.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

export interface AccessTokenClaims {
  sub: string;
}

/** Compared against when the email is unknown, so that timing does not reveal which emails exist. */
const UNKNOWN_USER_HASH = await hashPassword('no such user');

@Injectable()
export class AuthService {
  /** Failed logins per client address and email: guessing is slowed without locking out others. */
  private readonly failedLogins: RateLimiter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly environment: Environment,
    redis: Redis,
  ) {
    this.failedLogins = new RateLimiter(redis, 'failed-login', {
      limit: environment.LOGIN_THROTTLE_LIMIT,
      windowMs: environment.LOGIN_THROTTLE_TTL_SECONDS * 1000,
    });
  }

  async login(email: string, password: string, clientAddress: string): Promise<AccessToken> {
    const attemptKey = `${clientAddress}|${email.toLowerCase()}`;
    await this.failedLogins.check(attemptKey);
    const user = await this.findWithPassword(email);
    const matches = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches || !user.active) {
      await this.failedLogins.hit(attemptKey);
      throw authError.invalidCredentials();
    }
    const claims: AccessTokenClaims = { sub: user.id };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.environment.JWT_TTL_SECONDS,
    };
  }

  /** The caller of a request; null when the token's user no longer exists or is deactivated. */
  async actorOf(userId: string): Promise<Actor | null> {
    // A subject that is no user id (a token signed for something else) names nobody.
    if (!isUUID(userId)) return null;
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user || !user.active) return null;
    const memberships = await this.users.membershipsOf(user.id);
    return new Actor(user.id, user.email, user.locale, user.isAdmin, memberships);
  }

  async me(actor: Actor): Promise<UserView> {
    return this.users.get(actor.userId);
  }

  async updateProfile(actor: Actor, changes: ProfileUpdate): Promise<UserView> {
    return this.users.update(actor.userId, { fullName: changes.fullName, locale: changes.locale });
  }

  async changePassword(actor: Actor, change: PasswordChange): Promise<void> {
    const user = await this.findWithPassword(actor.email);
    if (!user || !(await verifyPassword(change.currentPassword, user.passwordHash))) {
      throw authError.wrongPassword();
    }
    await this.dataSource
      .getRepository(User)
      .update({ id: user.id }, { passwordHash: await hashPassword(change.newPassword) });
  }

  /** An NGO signs itself up; it stays pending until a buyer's staff or an admin verifies it. */
  async registerNgo(registration: NgoRegistration): Promise<NgoRegistered> {
    return this.dataSource.transaction(async (manager) => {
      const organisation = await manager.save(
        manager.create(Organisation, {
          ...registration.organisation,
          registrationNumber: registration.organisation.registrationNumber ?? null,
          kind: 'ngo',
          verificationStatus: 'pending',
        }),
      );
      const user = await this.users.createInTransaction(manager, registration.user, [
        { organisationId: organisation.id, role: 'ngo_member' },
      ]);
      return { organisation: OrganisationView.of(organisation), user };
    });
  }

  private async findWithPassword(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }
}
