import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { LotEngine, SYSTEM_ACTOR } from '../lots/lot-engine.service.js';
import { LotFactsRegistry } from '../lots/lot-facts.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { Complaint } from './complaint.entity.js';
import { awardError } from './awards.errors.js';
import type {
  ComplaintDecisionRequest,
  ComplaintView,
  DecidedComplaintView,
  NewComplaint,
} from './dto/complaint.dto.js';

/**
 * Complaints against a lot's award: filed by an applicant during the standstill (the database
 * clock decides), decided by the buyer's staff acting as the review body. An open complaint
 * against an award that still holds keeps the lot in its standstill; the last one dismissed after
 * the window lets the award become final, one upheld annuls it.
 */
@Injectable()
export class ComplaintsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly facts: LotFactsRegistry,
  ) {}

  onModuleInit(): void {
    this.facts.register({
      events: ['STANDSTILL_ENDS', 'COMPLAINTS_RESOLVED'],
      facts: async (lot, _event, manager) => ({
        openComplaints: await this.countOpen(manager, lot.id),
      }),
    });
  }

  async file(lotId: string, request: NewComplaint, actor: Actor): Promise<ComplaintView> {
    const id = await this.dataSource.transaction(async (manager) => {
      // FOR SHARE: STANDSTILL_ENDS waits for this complaint and counts it, or this finds it ended.
      const lot = await manager.findOne(Lot, {
        where: { id: lotId },
        lock: { mode: 'pessimistic_read' },
      });
      if (!lot || lot.state === 'draft') throw lotError.notFound(lotId);
      const ngoId = await this.complainingNgo(manager, lotId, actor, request.ngoId);
      const [{ dueAt, clock }] = (await manager.query(
        `SELECT clock_timestamp() AS clock,
                (SELECT due_at FROM lot_deadlines
                 WHERE lot_id = $1 AND kind = 'standstill' AND cancelled_at IS NULL) AS "dueAt"`,
        [lotId],
      )) as [{ dueAt: Date | null; clock: Date }];
      if (lot.state !== 'award.standstill' || !dueAt || clock >= dueAt) {
        throw awardError.standstillClosed(lot.state, dueAt, clock);
      }
      const [award] = (await manager.query(
        `SELECT id FROM awards WHERE lot_id = $1 AND status = 'pending'
         ORDER BY rank, decided_at LIMIT 1`,
        [lotId],
      )) as { id: string }[];
      const { identifiers } = await manager.insert(Complaint, {
        lotId,
        awardId: award?.id ?? null,
        ngoId,
        filedBy: actor.userId,
        text: request.text,
      });
      return String(identifiers[0]?.id);
    });
    const [complaint] = await this.rows(this.dataSource.manager, lotId, { id });
    return complaint;
  }

  /** The buyer's staff and commission see every complaint; an NGO sees its own. */
  async list(lotId: string, actor: Actor): Promise<ComplaintView[]> {
    const lot = await this.dataSource.manager.findOneBy(Lot, { id: lotId });
    const buyerSide =
      lot !== null &&
      (actor.isAdmin ||
        actor.hasRole('buyer_staff', lot.buyerId) ||
        actor.hasRole('commission_member', lot.buyerId));
    if (!lot || (lot.state === 'draft' && !buyerSide)) throw lotError.notFound(lotId);
    if (buyerSide) return this.rows(this.dataSource.manager, lotId, {});
    const ngoIds = ngoIdsOf(actor);
    if (ngoIds.length === 0) {
      throw authError.roleRequired(['buyer_staff', 'commission_member', 'ngo_member']);
    }
    return this.rows(this.dataSource.manager, lotId, { ngoIds });
  }

  /**
   * The review body's decision (the buyer's staff act as it). Upheld: ANNUL_AWARD with the
   * decision as its reason, the lot goes back to the commission's meeting. Dismissed, with no
   * complaint left open and the standstill already over: COMPLAINTS_RESOLVED, the award stands.
   */
  async decide(
    lotId: string,
    complaintId: string,
    request: ComplaintDecisionRequest,
    actor: Actor,
  ): Promise<DecidedComplaintView> {
    const state = await this.dataSource.transaction(async (manager) => {
      // The engine takes the same lock; taken first, the open complaints counted below hold.
      const lot = await manager.findOne(Lot, {
        where: { id: lotId },
        lock: { mode: 'for_no_key_update' },
      });
      const buyer = lot !== null && actor.hasRole('buyer_staff', lot.buyerId);
      if (!lot || (lot.state === 'draft' && !buyer)) throw lotError.notFound(lotId);
      if (!buyer) {
        throw actor.hasRole('buyer_staff')
          ? authError.organisationNotYours(lot.buyerId)
          : authError.roleRequired(['buyer_staff']);
      }
      const complaint = await manager.findOneBy(Complaint, { id: complaintId, lotId });
      if (!complaint) throw awardError.complaintNotFound(complaintId);
      const [, decided] = (await manager.query(
        `UPDATE complaints SET status = $2, decision = $3, decided_by = $4, decided_at = now()
         WHERE id = $1 AND status = 'open'`,
        [complaintId, request.decision, request.text, actor.userId],
      )) as [unknown, number];
      if (decided !== 1) throw awardError.complaintDecided(complaintId, complaint.status);
      if (request.decision === 'upheld') {
        const payload = { reason: request.text };
        return (await this.engine.applyIn(manager, lotId, { type: 'ANNUL_AWARD', payload }, actor))
          .lot.state;
      }
      const elapsed = this.engine.snapshotOf(lot).context.standstillElapsed;
      if (
        lot.state === 'award.standstill' &&
        elapsed &&
        (await this.countOpen(manager, lotId)) === 0
      ) {
        const type = 'COMPLAINTS_RESOLVED';
        return (await this.engine.applyIn(manager, lotId, { type }, SYSTEM_ACTOR)).lot.state;
      }
      return lot.state;
    });
    const [complaint] = await this.rows(this.dataSource.manager, lotId, { id: complaintId });
    return { ...complaint, lotState: state };
  }

  /**
   * Open complaints against an award that still holds (or filed without one): a complaint
   * against an award since annulled or declined no longer holds the new award's standstill.
   */
  private async countOpen(manager: EntityManager, lotId: string): Promise<number> {
    const [{ count }] = (await manager.query(
      `SELECT count(*)::int AS count FROM complaints c LEFT JOIN awards w ON w.id = c.award_id
       WHERE c.lot_id = $1 AND c.status = 'open'
         AND (c.award_id IS NULL OR w.status IN ('pending', 'active'))`,
      [lotId],
    )) as [{ count: number }];
    return count;
  }

  /** The caller's NGO that submitted an application to the lot: named, or their only one. */
  private async complainingNgo(
    manager: EntityManager,
    lotId: string,
    actor: Actor,
    named: string | undefined,
  ): Promise<string> {
    const rows = (await manager.query(
      `SELECT ngo_id AS "ngoId" FROM applications
       WHERE lot_id = $1 AND status = 'submitted' AND ngo_id = ANY($2) ORDER BY ngo_id`,
      [lotId, ngoIdsOf(actor)],
    )) as { ngoId: string }[];
    const applicants = rows.map((row) => row.ngoId);
    if (named !== undefined) {
      if (!applicants.includes(named)) throw awardError.notAnApplicant();
      return named;
    }
    if (applicants.length === 0) throw awardError.notAnApplicant();
    if (applicants.length > 1) throw awardError.ngoRequired(applicants);
    return applicants[0];
  }

  private async rows(
    manager: EntityManager,
    lotId: string,
    filter: { id?: string; ngoIds?: string[] },
  ): Promise<ComplaintView[]> {
    return (await manager.query(
      `SELECT c.id, c.lot_id AS "lotId", c.award_id AS "awardId", c.ngo_id AS "ngoId",
              o.name AS "ngoName", c.text, c.filed_at AS "filedAt", c.status, c.decision,
              c.decided_at AS "decidedAt"
       FROM complaints c JOIN organisations o ON o.id = c.ngo_id
       WHERE c.lot_id = $1 AND ($2::uuid IS NULL OR c.id = $2)
         AND ($3::uuid[] IS NULL OR c.ngo_id = ANY($3))
       ORDER BY c.filed_at, c.id`,
      [lotId, filter.id ?? null, filter.ngoIds ?? null],
    )) as ComplaintView[];
  }
}

function ngoIdsOf(actor: Actor): string[] {
  return actor.memberships
    .filter((membership) => membership.role === 'ngo_member')
    .map((membership) => membership.organisationId);
}
