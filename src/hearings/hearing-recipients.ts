import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  RecipientResolvers,
  type Recipient,
  type RecipientLot,
} from '../notifications/recipient-resolvers.js';

/**
 * The 'hearingRegistrants' group: confirmed registrants of the lot's latest hearing who have an
 * account (an active user with the same email). Registrants without one have no inbox; they
 * heard from us by email when they registered. Each is notified as a member of their NGO when
 * they have one (its webhooks hear of it), else of their first other organisation; a user with
 * no membership at all is left out, as a recipient is always someone's member.
 */
@Injectable()
export class HearingRecipients implements OnModuleInit {
  constructor(private readonly resolvers: RecipientResolvers) {}

  onModuleInit(): void {
    this.resolvers.register('hearingRegistrants', (lot, manager) => this.registrants(lot, manager));
  }

  private async registrants(lot: RecipientLot, manager: EntityManager): Promise<Recipient[]> {
    return (await manager.query(
      `SELECT DISTINCT ON (u.id) u.id AS "userId", m.organisation_id AS "organisationId"
       FROM hearing_registrations r
       JOIN users u ON lower(u.email) = r.email AND u.active
       JOIN memberships m ON m.user_id = u.id
       JOIN organisations o ON o.id = m.organisation_id
       WHERE r.confirmed_at IS NOT NULL
         AND r.hearing_id = (
           SELECT hl.hearing_id FROM hearing_lots hl JOIN hearings h ON h.id = hl.hearing_id
           WHERE hl.lot_id = $1 ORDER BY h.published_at DESC, h.id DESC LIMIT 1)
       ORDER BY u.id, (m.role = 'ngo_member' AND o.kind = 'ngo') DESC, m.organisation_id`,
      [lot.id],
    )) as Recipient[];
  }
}
