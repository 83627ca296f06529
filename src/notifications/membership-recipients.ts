import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MembershipRole } from '../auth/membership.entity.js';
import { RecipientResolvers, type Recipient, type RecipientLot } from './recipient-resolvers.js';

/** The buyer's own groups: its staff, by membership in the lot's buyer, and the lot's commission. */
@Injectable()
export class MembershipRecipients implements OnModuleInit {
  constructor(private readonly resolvers: RecipientResolvers) {}

  onModuleInit(): void {
    this.resolvers.register('buyerStaff', (lot, manager) =>
      this.members(lot, manager, 'buyer_staff'),
    );
    this.resolvers.register('commission', (lot, manager) => this.commission(lot, manager));
  }

  /**
   * The lot's own commission once it is composed (every round's members), else everyone the
   * buyer has as a commission member: a reminder to score goes to those who score this lot.
   */
  private async commission(lot: RecipientLot, manager: EntityManager): Promise<Recipient[]> {
    const composed = (await manager.query(
      `SELECT DISTINCT c.user_id AS "userId", $2::uuid AS "organisationId"
       FROM commission_members c JOIN users u ON u.id = c.user_id
       WHERE c.lot_id = $1 AND u.active`,
      [lot.id, lot.buyerId],
    )) as Recipient[];
    return composed.length > 0 ? composed : this.members(lot, manager, 'commission_member');
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
