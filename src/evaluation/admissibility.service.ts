import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isSealed } from '../applications/application-access.js';
import { applicationError } from '../applications/application.errors.js';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { LotEngine } from '../lots/lot-engine.service.js';
import { LotFactsRegistry } from '../lots/lot-facts.js';
import { Lot } from '../lots/lot.entity.js';
import { lotError } from '../lots/lot.errors.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { AdmissibilityDecision } from './admissibility-decision.entity.js';
import { admissibilityError } from './commission.errors.js';
import { CommissionService } from './commission.service.js';
import type {
  AdmissibilityCompletionView,
  AdmissibilityEntryView,
  AdmissibilityRequest,
  AdmissibilityView,
} from './dto/admissibility.dto.js';

export interface AdmittedApplication {
  applicationId: string;
  ngoId: string;
  submittedAt: Date;
  requestedAmount: number;
}

/** The stage in which admissibility is decided (round 1 only). */
const ADMISSIBILITY_STATE = 'evaluation.admissibility';

/**
 * The admissibility check: the round 1 secretary (the chair, when the commission has none or the
 * secretary is recused for the application) admits or rejects each submitted application, a rejection with a reason the NGO is told; the
 * secretary or the chair then completes the check (ADMISSIBILITY_DONE), which the engine refuses
 * while any submitted application is undecided.
 */
@Injectable()
export class AdmissibilityService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly facts: LotFactsRegistry,
    private readonly commission: CommissionService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    // In the engine's transaction, under the lot's lock: a decision cannot slip in meanwhile.
    this.facts.register({
      events: ['ADMISSIBILITY_DONE'],
      facts: async (lot, _event, manager) => {
        const entries = await this.entriesOf(manager, lot.id);
        const undecided = entries.filter((entry) => entry.decision === null);
        if (undecided.length > 0) {
          throw admissibilityError.undecided(undecided.map((entry) => entry.applicationId));
        }
        return {
          admittedCount: entries.filter((entry) => entry.decision === 'admitted').length,
        };
      },
    });
  }

  /** Submitted applications the commission admitted, in order of submission. */
  async admittedOf(manager: EntityManager, lotId: string): Promise<AdmittedApplication[]> {
    const rows = (await manager.query(
      `SELECT a.id, a.ngo_id, a.submitted_at, a.requested_amount
       FROM applications a
       JOIN admissibility_decisions d ON d.application_id = a.id
       WHERE a.lot_id = $1 AND a.status = 'submitted' AND d.decision = 'admitted'
       ORDER BY a.submitted_at, a.id`,
      [lotId],
    )) as { id: string; ngo_id: string; submitted_at: Date; requested_amount: string }[];
    return rows.map((row) => ({
      applicationId: row.id,
      ngoId: row.ngo_id,
      submittedAt: row.submitted_at,
      requestedAmount: Number(row.requested_amount),
    }));
  }

  /**
   * Admits or rejects one submitted application. The decider must have declared and not be
   * linked to the applicant. An admission may still become a rejection while the check runs; a
   * rejection is final, since its NGO is told at once (repeating it only repeats the notice,
   * which reaches each person once).
   */
  async decide(
    lotId: string,
    applicationId: string,
    request: AdmissibilityRequest,
    actor: Actor,
  ): Promise<AdmissibilityEntryView> {
    const entry = await this.dataSource.transaction(async (manager) => {
      // FOR SHARE: the check cannot complete (a transition) while a decision is written.
      const lot = await this.lotOf(manager, lotId, 'pessimistic_read');
      const members = await this.commission.membersOf(manager, lot.id, 1);
      const mine = members.find((member) => member.userId === actor.userId);
      if (
        !mine ||
        !['secretary', 'chair'].includes(mine.office) ||
        !actor.hasRole('commission_member', lot.buyerId)
      ) {
        throw admissibilityError.notDecider(['secretary', 'chair']);
      }
      if (lot.state !== ADMISSIBILITY_STATE) throw admissibilityError.notInAdmissibility(lot.state);
      const [application] = (await manager.query(
        `SELECT ngo_id AS "ngoId" FROM applications
         WHERE id = $1 AND lot_id = $2 AND status = 'submitted'`,
        [applicationId, lotId],
      )) as { ngoId: string }[];
      if (!application) throw admissibilityError.notSubmitted(applicationId);
      const recusals = (await this.commission.recusalsOf(manager, lotId, 1)).get(applicationId);
      const secretary = members.find((member) => member.office === 'secretary');
      // The chair stands in where there is no secretary, or the secretary is recused for it.
      const decider = secretary && !recusals?.includes(secretary.userId) ? 'secretary' : 'chair';
      if (recusals?.includes(actor.userId)) throw applicationError.recused();
      if (mine.office !== decider) throw admissibilityError.notDecider([decider]);
      if (!(await this.commission.hasDeclared(manager, lotId, 1, actor.userId))) {
        throw applicationError.declarationRequired();
      }
      const rejected = request.decision === 'rejected';
      if (rejected && (!request.reasonCode || !request.reason)) {
        throw admissibilityError.reasonRequired();
      }
      if (!rejected && (request.reasonCode !== undefined || request.reason !== undefined)) {
        throw admissibilityError.reasonWithAdmission();
      }
      const decision = {
        decision: request.decision,
        reasonCode: request.reasonCode ?? null,
        reason: request.reason ?? null,
      };
      const existing = await manager.findOne(AdmissibilityDecision, {
        where: { applicationId },
        lock: { mode: 'pessimistic_write' },
      });
      const same =
        existing?.decision === decision.decision &&
        existing.reasonCode === decision.reasonCode &&
        existing.reason === decision.reason;
      if (existing?.decision === 'rejected' && !same) {
        throw admissibilityError.rejectionFinal(applicationId);
      }
      if (!same) {
        // A rejection written meanwhile by a concurrent request is not overwritten either.
        const written = (await manager.query(
          `INSERT INTO admissibility_decisions
             (application_id, lot_id, decision, reason_code, reason, decided_by)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (application_id) DO UPDATE SET
             decision = EXCLUDED.decision, reason_code = EXCLUDED.reason_code,
             reason = EXCLUDED.reason, decided_by = EXCLUDED.decided_by, decided_at = now()
           WHERE admissibility_decisions.decision <> 'rejected'
           RETURNING application_id`,
          [
            applicationId,
            lotId,
            decision.decision,
            decision.reasonCode,
            decision.reason,
            actor.userId,
          ],
        )) as unknown[];
        if (written.length === 0) throw admissibilityError.rejectionFinal(applicationId);
      }
      const entries = await this.entriesOf(manager, lotId, applicationId);
      return entries[0];
    });
    if (entry.decision === 'rejected') {
      // After commit: the NGO hears only of a rejection that stands.
      await this.notifications.notify({
        lotId,
        name: 'application.rejected',
        recipients: [],
        organisations: [entry.ngoId],
        dedupeKey: `application-rejected-${applicationId}`,
        data: { applicationId, reasonCode: entry.reasonCode, reason: entry.reason },
      });
    }
    return entry;
  }

  /** Completes the check: ADMISSIBILITY_DONE with the count of admitted applications. */
  async complete(
    lotId: string,
    actor: Actor,
    expectedVersion: number | undefined,
  ): Promise<AdmissibilityCompletionView> {
    return this.dataSource.transaction(async (manager) => {
      const lot = await this.lotOf(manager, lotId, 'for_no_key_update');
      const members = await this.commission.membersOf(manager, lot.id, 1);
      const mine = members.find((member) => member.userId === actor.userId);
      if (
        !mine ||
        !['secretary', 'chair'].includes(mine.office) ||
        !actor.hasRole('commission_member', lot.buyerId)
      ) {
        throw admissibilityError.notDecider(['secretary', 'chair']);
      }
      if (lot.state !== ADMISSIBILITY_STATE) throw admissibilityError.notInAdmissibility(lot.state);
      const { lot: after } = await this.engine.applyIn(
        manager,
        lotId,
        { type: 'ADMISSIBILITY_DONE' },
        actor,
        expectedVersion,
      );
      const entries = await this.entriesOf(manager, lotId);
      return {
        lotId,
        state: after.state,
        version: after.version,
        admittedCount: entries.filter((entry) => entry.decision === 'admitted').length,
        rejectedCount: entries.filter((entry) => entry.decision === 'rejected').length,
      };
    });
  }

  /** Every submitted application with its decision, once the call has closed. */
  async view(lotId: string, actor: Actor): Promise<AdmissibilityView> {
    const manager = this.dataSource.manager;
    const lot = await this.lotOf(manager, lotId);
    if (!actor.hasRole('buyer_staff', lot.buyerId)) {
      const [{ member }] = (await manager.query(
        `SELECT EXISTS (SELECT 1 FROM commission_members WHERE lot_id = $1 AND user_id = $2)
           AS member`,
        [lotId, actor.userId],
      )) as [{ member: boolean }];
      if (!member || !actor.hasRole('commission_member', lot.buyerId)) {
        throw authError.roleRequired(['buyer_staff', 'commission_member']);
      }
    }
    if (isSealed(lot.state)) throw applicationError.sealed();
    const applications = await this.entriesOf(manager, lotId);
    const count = (decision: string | null) =>
      applications.filter((entry) => entry.decision === decision).length;
    return {
      lotId,
      lotState: lot.state,
      admitted: count('admitted'),
      rejected: count('rejected'),
      undecided: count(null),
      applications,
    };
  }

  private async entriesOf(
    manager: EntityManager,
    lotId: string,
    applicationId?: string,
  ): Promise<AdmissibilityEntryView[]> {
    return (await manager.query(
      `SELECT a.id AS "applicationId", a.ngo_id AS "ngoId", o.name AS "ngoName",
              a.submitted_at AS "submittedAt", d.decision, d.reason_code AS "reasonCode",
              d.reason, d.decided_by AS "decidedBy", d.decided_at AS "decidedAt"
       FROM applications a
       JOIN organisations o ON o.id = a.ngo_id
       LEFT JOIN admissibility_decisions d ON d.application_id = a.id
       WHERE a.lot_id = $1 AND a.status = 'submitted' AND ($2::uuid IS NULL OR a.id = $2)
       ORDER BY a.submitted_at, a.id`,
      [lotId, applicationId ?? null],
    )) as AdmissibilityEntryView[];
  }

  private async lotOf(
    manager: EntityManager,
    lotId: string,
    lock?: 'pessimistic_read' | 'for_no_key_update',
  ): Promise<Lot> {
    const lot = await manager.findOne(Lot, {
      where: { id: lotId },
      ...(lock ? { lock: { mode: lock } } : {}),
    });
    if (!lot) throw lotError.notFound(lotId);
    return lot;
  }
}
