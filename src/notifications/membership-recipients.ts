import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MembershipRole } from '../auth/membership.entity.js';
import { RecipientResolvers, type Recipient, type RecipientLot } from './recipient-resolvers.js';

/** The buyer's own groups: its staff and its commission, by membership in the lot's buyer. */
@Injectable()
export class MembershipRecipients implements OnModuleInit {
  constructor(private readonly resolvers: RecipientResolvers) {}

  onModuleInit(): void {
    this.resolvers.register('buyerStaff', (lot, manager) =>
      this.members(lot, manager, 'buyer_staff'),
    );
    this.resolvers.register('commission', (lot, manager) =>
      this.members(lot, manager, 'commission_member'),
    );
  }

  private async members(
    lot: RecipientLot,
    manager: EntityManager,
    role: MembershipRole,
  ): Promise<Recipient[]> {
    return (await manager.query(
      `SELECT m.user_id AS "userId", m.organisation_id AS "organisationId"
       FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.organisation_id = $1 AND m.role = $2 AND u.active`,
      [lot.buyerId, role],
    )) as Recipient[];
  }
}
