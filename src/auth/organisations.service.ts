import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { page, type Page } from '../common/pagination.js';
import { ProblemException } from '../common/problem.js';
import type { Actor } from './actor.js';
import { authError } from './auth.errors.js';
import {
  OrganisationView,
  type NewMember,
  type NewOrganisation,
  type OrganisationQuery,
  type VerificationDecision,
} from './dto/organisation.dto.js';
import type { CreatedUser, UserView } from './dto/user.dto.js';
import { Membership } from './membership.entity.js';
import { Organisation } from './organisation.entity.js';
import { UsersService } from './users.service.js';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  /** Created by an admin, so vouched for: verified at once. */
  async create(request: NewOrganisation, actor: Actor): Promise<OrganisationView> {
    const repository = this.dataSource.getRepository(Organisation);
    const organisation = await repository.save(
      repository.create({
        ...request,
        registrationNumber: request.registrationNumber ?? null,
        verificationStatus: 'verified',
        verifiedAt: new Date(),
        verifiedBy: actor.userId,
      }),
    );
    return OrganisationView.of(organisation);
  }

  async list(query: OrganisationQuery): Promise<Page<OrganisationView>> {
    const [organisations, total] = await this.dataSource.getRepository(Organisation).findAndCount({
      where: {
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.verificationStatus ? { verificationStatus: query.verificationStatus } : {}),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return page(organisations.map(OrganisationView.of), total, query);
  }

  async get(id: string): Promise<OrganisationView> {
    return OrganisationView.of(await this.find(id));
  }

  /** A buyer's or operator's staff (or an admin) verifies or rejects a registered NGO. */
  async decideVerification(
    id: string,
    decision: VerificationDecision,
    actor: Actor,
  ): Promise<OrganisationView> {
    const organisation = await this.find(id);
    if (organisation.kind !== 'ngo') throw authError.notAnNgo(id);
    if (decision.decision === 'rejected' && !decision.note) {
      throw new ProblemException(400, 'validation-failed', 'A rejection needs a note saying why', {
        errors: [{ field: 'note', messages: ['note is required when rejecting'] }],
      });
    }
    await this.dataSource.getRepository(Organisation).update(
      { id },
      {
        verificationStatus: decision.decision,
        verificationNote: decision.note ?? null,
        verifiedAt: new Date(),
        verifiedBy: actor.userId,
      },
    );
    return this.get(id);
  }

  async members(id: string): Promise<UserView[]> {
    await this.find(id);
    const memberships = await this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .select('DISTINCT m.userId', 'userId')
      .where('m.organisationId = :id', { id })
      .getRawMany<{ userId: string }>();
    return Promise.all(memberships.map(({ userId }) => this.users.get(userId)));
  }

  /** Staff add colleagues to their own organisation; the new account's password is shown once. */
  async addMember(id: string, member: NewMember): Promise<CreatedUser> {
    await this.find(id);
    const { role, ...fields } = member;
    return this.dataSource.transaction((manager) =>
      this.users.createInTransaction(manager, fields, [{ organisationId: id, role }]),
    );
  }

  private async find(id: string): Promise<Organisation> {
    const organisation = await this.dataSource.getRepository(Organisation).findOneBy({ id });
    if (!organisation) throw authError.organisationNotFound(id);
    return organisation;
  }
}
