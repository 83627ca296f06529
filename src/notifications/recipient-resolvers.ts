import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecipientGroup } from '../../workflows/index.js';

/** A person to notify, and the organisation they are notified as a member of (for webhooks). */
export interface Recipient {
  userId: string;
  organisationId: string;
}

/** What a resolver knows of the lot. */
export interface RecipientLot {
  id: string;
  buyerId: string;
  programmeId: string;
}

/** Finds the members of one recipient group for a lot; only active users. */
export type RecipientResolver = (lot: RecipientLot, manager: EntityManager) => Promise<Recipient[]>;

/**
 * Who resolves which recipient group. The notifications module resolves the buyer's own
 * groups (buyerStaff, commission); the applications, hearings and awards modules register
 * theirs (ngoApplicants, hearingRegistrants, grantee) when they start (onModuleInit). A group
 * nobody resolves yet is skipped, not guessed.
 */
@Injectable()
export class RecipientResolvers {
  private readonly resolvers = new Map<RecipientGroup, RecipientResolver>();

  register(group: RecipientGroup, resolver: RecipientResolver): void {
    if (this.resolvers.has(group)) throw new Error(`Two recipient resolvers for ${group}`);
    this.resolvers.set(group, resolver);
  }

  resolverOf(group: RecipientGroup): RecipientResolver | undefined {
    return this.resolvers.get(group);
  }
}
