import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { definedFields } from '../common/objects.js';
import { page, type Page, type PageQuery } from '../common/pagination.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import type { ActorMembership } from './actor.js';
import { authError } from './auth.errors.js';
import type { MembershipGrant, NewUser, UserUpdate } from './dto/user.dto.js';
import { CreatedUser, UserView } from './dto/user.dto.js';
import { Membership, type MembershipRole } from './membership.entity.js';
import { Organisation, type OrganisationKind } from './organisation.entity.js';
import { generatePassword, hashPassword } from './password.js';
import { User, type Locale } from './user.entity.js';

/** Which kind of organisation each role belongs to: an NGO member cannot be a buyer's staff. */
const ROLE_ORGANISATION_KINDS: Record<MembershipRole, readonly OrganisationKind[]> = {
  buyer_staff: ['buyer'],
  operator_staff: ['operator'],
  commission_member: ['buyer', 'operator'],
  ngo_member: ['ngo'],
};

export interface UserFields {
  email: string;
  fullName: string;
  locale?: Locale;
  password?: string;
  isAdmin?: boolean;
}

@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Memberships of a user with their organisations, as the Actor and the views carry them. */
  async membershipsOf(userId: string, manager: EntityManager = this.dataSource.manager) {
    const rows = await manager
      .createQueryBuilder(Membership, 'm')
      .innerJoin(Organisation, 'o', 'o.id = m.organisationId')
      .select([
        'm.organisationId AS "organisationId"',
        'o.name AS "organisationName"',
        'o.kind AS "organisationKind"',
        'o.verificationStatus AS "verificationStatus"',
        'm.role AS "role"',
      ])
      .where('m.userId = :userId', { userId })
      .orderBy('o.name')
      .addOrderBy('m.role')
      .getRawMany<ActorMembership>();
    return rows;
  }

  /**
   * Creates a user and their memberships in the caller's transaction; a taken email (also when
   * two requests race) is a 409, never a 500.
   */
  async createInTransaction(
    manager: EntityManager,
    fields: UserFields,
    grants: readonly MembershipGrant[],
  ): Promise<CreatedUser> {
    const taken = await manager
      .createQueryBuilder(User, 'u')
      .where('lower(u.email) = lower(:email)', { email: fields.email })
      .getExists();
    if (taken) throw authError.emailTaken(fields.email);
    for (const grant of grants) await this.checkGrant(manager, grant);
    const initialPassword = fields.password ? undefined : generatePassword();
    let user: User;
    try {
      user = await manager.save(
        manager.create(User, {
          email: fields.email,
          fullName: fields.fullName,
          locale: fields.locale ?? 'ru',
          isAdmin: fields.isAdmin ?? false,
          active: true,
          passwordHash: await hashPassword(fields.password ?? initialPassword ?? ''),
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw authError.emailTaken(fields.email);
      throw error;
    }
    await this.grant(manager, user.id, grants);
    const view: CreatedUser = UserView.of(user, await this.membershipsOf(user.id, manager));
    if (initialPassword) view.initialPassword = initialPassword;
    return view;
  }

  async create(request: NewUser): Promise<CreatedUser> {
    return this.dataSource.transaction((manager) =>
      this.createInTransaction(manager, request, request.memberships ?? []),
    );
  }

  /** Adds memberships to an existing user (duplicates are ignored, the grant already holds). */
  async grant(manager: EntityManager, userId: string, grants: readonly MembershipGrant[]) {
    for (const grant of grants) {
      await this.checkGrant(manager, grant);
      await manager
        .createQueryBuilder()
        .insert()
        .into(Membership)
        .values({ userId, organisationId: grant.organisationId, role: grant.role })
        .orIgnore()
        .execute();
    }
  }

  async list(query: PageQuery): Promise<Page<UserView>> {
    const [users, total] = await this.dataSource.getRepository(User).findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.pageSize,
    });
    const views = await Promise.all(
      users.map(async (user) => UserView.of(user, await this.membershipsOf(user.id))),
    );
    return page(views, total, query);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw authError.userNotFound(id);
    return UserView.of(user, await this.membershipsOf(id));
  }

  async update(id: string, changes: UserUpdate): Promise<UserView> {
    const fields = definedFields(changes);
    if (Object.keys(fields).length > 0) {
      const result = await this.dataSource.getRepository(User).update({ id }, fields);
      if (result.affected === 0) throw authError.userNotFound(id);
    }
    return this.get(id);
  }

  private async checkGrant(manager: EntityManager, grant: MembershipGrant): Promise<void> {
    const organisation = await manager.findOneBy(Organisation, { id: grant.organisationId });
    if (!organisation) throw authError.organisationNotFound(grant.organisationId);
    if (!ROLE_ORGANISATION_KINDS[grant.role].includes(organisation.kind)) {
      throw authError.roleNotForOrganisation(grant.role, organisation.kind);
    }
  }
}
