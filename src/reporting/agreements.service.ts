import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReportingSchedule } from '../../workflows/index.js';
import { lotCalendarOf } from '../deadlines/deadline-calendar.js';
import { Application } from '../applications/application.entity.js';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { CALENDAR_COVERAGE, CalendarDataError } from '../common/calendar/index.js';
import { Award } from '../awards/award.entity.js';
import { DeadlinesService } from '../deadlines/deadlines.service.js';
import type { LotReportingFlags } from '../lots/dto/lot.dto.js';
import { LotEngine } from '../lots/lot-engine.service.js';
import { LotTransitionListeners, type LotTransitionContext } from '../lots/lot-facts.js';
import { LotViewSuppliers } from '../lots/lot-view-supplements.js';
import type { Lot } from '../lots/lot.entity.js';
import { Programme } from '../programmes/programme.entity.js';
import { Agreement, type AgreementSchedule } from './agreement.entity.js';
import {
  agreementIndicators,
  defaultTranches,
  planTranches,
  reportDeadlineKind,
  scheduleReports,
  tranchePlanProblems,
  type ScheduledReport,
} from './agreement-terms.js';
import { underTargetIndicators } from './assessment.js';
import type { AgreementView, NewAgreement, TerminationRequest } from './dto/agreement.dto.js';
import { Report } from './report.entity.js';
import {
  agreementOf,
  isBuyer,
  isGrantee,
  lotFor,
  requireBuyer,
  requireReader,
  requireRunning,
} from './reporting-access.js';
import { reportingError } from './reporting.errors.js';
import { agreementView, isOverdue } from './reporting-views.js';
import { databaseNow } from '../common/database-clock.js';

/** The longest agreement this service drafts (KZ grants run up to three years). */
const MAX_AGREEMENT_YEARS = 5;

/**
 * The grant agreement: drafted by the buyer at contracting with the award's value, the lot's
 * and the application's indicators, a tranche plan and the profile's reporting schedule; signed
 * by both sides, the second signature moving the lot to reporting and arming each report's
 * deadline; terminated by the buyer. Keeps the agreement in step with the lot's transitions and
 * supplies the reporting flags of GET /lots/{id}.
 */
@Injectable()
export class AgreementsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly deadlines: DeadlinesService,
    private readonly listeners: LotTransitionListeners,
    private readonly supplements: LotViewSuppliers,
  ) {}

  onModuleInit(): void {
    this.listeners.register((context) => this.keepInStep(context));
    this.supplements.register('reporting', (lot) => this.flags(lot));
  }

  /**
   * Drafts (or, while neither side has signed, redrafts) the agreement of a lot in contracting
   * for its active award.
   */
  async draft(lotId: string, request: NewAgreement, actor: Actor): Promise<AgreementView> {
    return this.dataSource.transaction(async (manager) => {
      const lot = await lotFor(manager, lotId, actor, true);
      requireBuyer(actor, lot);
      if (lot.state !== 'award.contracting') throw reportingError.lotNotContracting(lot.state);
      const awards = await manager.findBy(Award, { lotId, status: 'active' });
      if (awards.length === 0) throw reportingError.noActiveAward(lotId);
      if (awards.length > 1) throw reportingError.severalAwards(awards.map((award) => award.id));
      const [award] = awards;
      const existing = await manager.findOneBy(Agreement, { lotId });
      if (existing) {
        const signedBy = [
          ...(existing.signedByBuyerAt ? ['buyer'] : []),
          ...(existing.signedByGranteeAt ? ['grantee'] : []),
        ];
        if (signedBy.length > 0) throw reportingError.signingStarted(signedBy);
        await manager.delete(Agreement, { id: existing.id });
      }

      const programme = await manager.findOneByOrFail(Programme, { id: lot.programmeId });
      const { profile, calendar } = lotCalendarOf(
        lot.profileId,
        programme.timeZone,
        programme.jurisdiction,
      );
      const schedule = scheduleOf(lot, profile.reporting, request.reporting);
      const problems = periodProblems(request.periodStart, request.periodEnd);
      if (problems.length > 0) throw reportingError.agreementTermsInvalid(problems);
      const reports = reportsOrRefusal(
        { start: request.periodStart, end: request.periodEnd },
        schedule,
        calendar,
      );
      const tranches = request.tranchePlan ?? defaultTranches(reports.length);
      const trancheProblems = tranchePlanProblems(tranches, reports.length);
      if (trancheProblems.length > 0) throw reportingError.agreementTermsInvalid(trancheProblems);

      const application = await manager.findOneByOrFail(Application, {
        id: award.applicationId,
      });
      const agreement = await manager.save(
        manager.create(Agreement, {
          lotId,
          awardId: award.id,
          ngoId: award.ngoId,
          amount: award.amount,
          currency: award.currency,
          periodStart: request.periodStart,
          periodEnd: request.periodEnd,
          indicatorTargets: agreementIndicators(
            lot.indicatorTargets,
            application.indicatorCommitments,
          ),
          tranchePlan: planTranches(award.amount, tranches),
          schedule,
          createdBy: actor.userId,
        }),
      );
      await manager.insert(
        Report,
        reports.map((report) => ({ ...report, agreementId: agreement.id, lotId })),
      );
      return agreementView(manager, lot, await manager.findOneByOrFail(Agreement, { lotId }));
    });
  }

  /**
   * Signs for the caller's side: the buyer's staff for the buyer, a member of the grantee for
   * it. The second signature sends AGREEMENT_SIGNED (lot → reporting) and arms the deadline of
   * every report, in the same transaction.
   */
  async sign(lotId: string, actor: Actor): Promise<AgreementView> {
    return this.dataSource.transaction(async (manager) => {
      let lot = await lotFor(manager, lotId, actor, true);
      const agreement = await agreementOf(manager, lotId);
      const side = isBuyer(actor, lot) ? 'buyer' : isGrantee(actor, agreement) ? 'grantee' : null;
      if (!side) {
        throw actor.hasRole('ngo_member')
          ? reportingError.notAParty(agreement.ngoId)
          : authError.roleRequired(['buyer_staff', 'ngo_member']);
      }
      if (lot.state !== 'award.contracting') throw reportingError.lotNotContracting(lot.state);
      const signedAt = side === 'buyer' ? agreement.signedByBuyerAt : agreement.signedByGranteeAt;
      if (signedAt) throw reportingError.alreadySigned(side);
      await manager.query(
        side === 'buyer'
          ? `UPDATE agreements SET signed_by_buyer_at = now(), signed_by_buyer = $2 WHERE id = $1`
          : `UPDATE agreements SET signed_by_grantee_at = now(), signed_by_grantee = $2 WHERE id = $1`,
        [agreement.id, actor.userId],
      );
      const other = side === 'buyer' ? agreement.signedByGranteeAt : agreement.signedByBuyerAt;
      if (other) {
        await manager.update(Agreement, { id: agreement.id }, { status: 'signed' });
        lot = (await this.engine.applyIn(manager, lotId, { type: 'AGREEMENT_SIGNED' }, actor)).lot;
        await this.armReportDeadlines(manager, lot, agreement);
      }
      return agreementView(manager, lot, await agreementOf(manager, lotId));
    });
  }

  /** The buyer ends a running agreement early, with a reason (TERMINATE_AGREEMENT). */
  async terminate(
    lotId: string,
    request: TerminationRequest,
    actor: Actor,
  ): Promise<AgreementView> {
    return this.dataSource.transaction(async (manager) => {
      const lot = await lotFor(manager, lotId, actor, true);
      requireBuyer(actor, lot);
      requireRunning(lot, await agreementOf(manager, lotId));
      const { lot: terminated } = await this.engine.applyIn(
        manager,
        lotId,
        { type: 'TERMINATE_AGREEMENT', payload: { reason: request.reason } },
        actor,
      );
      return agreementView(manager, terminated, await agreementOf(manager, lotId));
    });
  }

  async view(lotId: string, actor: Actor): Promise<AgreementView> {
    const manager = this.dataSource.manager;
    const lot = await lotFor(manager, lotId, actor, false);
    const agreement = await agreementOf(manager, lotId);
    requireReader(actor, lot, agreement);
    return agreementView(manager, lot, agreement);
  }

  /** Each report's due date as a deadline of the lot, with reminders to the grantee before it. */
  private async armReportDeadlines(
    manager: EntityManager,
    lot: Lot,
    agreement: Agreement,
  ): Promise<void> {
    const reports = await manager.find(Report, {
      where: { agreementId: agreement.id },
      order: { seq: 'ASC' },
    });
    for (const report of reports) {
      await this.deadlines.armOwn(manager, lot, {
        kind: reportDeadlineKind(report.seq),
        event: 'REPORT_OVERDUE',
        dueAt: report.dueAt,
        reminders: agreement.schedule.reminders.map((daysBefore) => ({
          daysBefore,
          notification: { name: 'lot.reportReminder', recipients: ['grantee'] },
        })),
      });
    }
  }

  /**
   * Runs in every accepted transition's transaction. A draft whose award lapses (the winner
   * declines, the lot is cancelled) is discarded; a running agreement closes with the lot, or is
   * terminated with the reason of its termination or cancellation, and its reports' deadlines
   * are cancelled.
   */
  private async keepInStep({ manager, lot, event, transition }: LotTransitionContext) {
    const from = lot.state;
    const to = transition.stateName;
    if (from === to) return;
    if (from === 'award.contracting' && to !== 'reporting') {
      await manager.delete(Agreement, { lotId: lot.id, status: 'draft' });
      return;
    }
    if (from !== 'reporting') return;
    const agreement = await manager.findOneBy(Agreement, { lotId: lot.id, status: 'signed' });
    if (!agreement) return;
    if (to === 'closed') {
      await manager.update(Agreement, { id: agreement.id }, { status: 'closed' });
    } else {
      const reason = typeof event.reason === 'string' ? event.reason : event.type;
      await manager.query(
        `UPDATE agreements SET status = 'terminated', terminated_at = now(), termination_reason = $2
         WHERE id = $1`,
        [agreement.id, reason],
      );
    }
    const reports = await manager.findBy(Report, { agreementId: agreement.id });
    for (const report of reports) {
      await this.deadlines.cancelIn(manager, lot.id, reportDeadlineKind(report.seq));
    }
  }

  /**
   * The reporting flags of a lot whose agreement was signed: reports overdue while it runs,
   * and the indicators below what the time elapsed calls for in the last accepted report.
   */
  private async flags(lot: Lot): Promise<LotReportingFlags | null> {
    const manager = this.dataSource.manager;
    const agreement = await manager.findOneBy(Agreement, { lotId: lot.id });
    if (!agreement || agreement.status === 'draft') return null;
    const reports = await manager.find(Report, {
      where: { agreementId: agreement.id },
      order: { seq: 'ASC' },
    });
    const now = await databaseNow(manager);
    const overdue =
      agreement.status === 'signed' ? reports.filter((report) => isOverdue(report, now)) : [];
    const lastAccepted = reports.filter((report) => report.status === 'accepted').at(-1);
    return {
      overdueReports: overdue.map(({ seq, kind, dueAt, status }) => ({ seq, kind, dueAt, status })),
      underTargetIndicators: lastAccepted ? underTargetIndicators(agreement, lastAccepted) : [],
    };
  }
}

/** The profile's reporting schedule with the buyer's changes; without a profile's, the buyer's own. */
function scheduleOf(
  lot: Lot,
  profile: ReportingSchedule | undefined,
  override: NewAgreement['reporting'],
): AgreementSchedule {
  const interimEveryMonths = override?.interimEveryMonths ?? profile?.interimEveryMonths;
  const dueDaysAfterPeriod = override?.dueDaysAfterPeriod ?? profile?.dueDaysAfterPeriod;
  if (interimEveryMonths === undefined || dueDaysAfterPeriod === undefined) {
    throw reportingError.noReportingSchedule(lot.profileId);
  }
  return { interimEveryMonths, dueDaysAfterPeriod, reminders: [...(profile?.reminders ?? [])] };
}

/** The schedule, or a refusal when a due date falls in a year the holiday calendar lacks. */
function reportsOrRefusal(...args: Parameters<typeof scheduleReports>): ScheduledReport[] {
  try {
    return scheduleReports(...args);
  } catch (error) {
    if (!(error instanceof CalendarDataError)) throw error;
    const { country } = args[2];
    const { from, to } = CALENDAR_COVERAGE[country];
    throw reportingError.agreementTermsInvalid([
      `a report would fall due beyond the ${country} holiday calendar's years (${from}–${to})`,
    ]);
  }
}

function periodProblems(start: string, end: string): string[] {
  if (end < start) return [`the period ends (${end}) before it starts (${start})`];
  const longest = `${Number(start.slice(0, 4)) + MAX_AGREEMENT_YEARS}${start.slice(4)}`;
  if (end >= longest) return [`the period runs ${MAX_AGREEMENT_YEARS} years or more`];
  return [];
}
