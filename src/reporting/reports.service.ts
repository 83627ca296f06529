import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { canonicalJson } from '../common/canonical-json.js';
import { DeadlinesService } from '../deadlines/deadlines.service.js';
import { OcdsService } from '../ocds/ocds.service.js';
import { LotEngine } from '../lots/lot-engine.service.js';
import type { Lot } from '../lots/lot.entity.js';
import type { Agreement } from './agreement.entity.js';
import { reportDeadlineKind } from './agreement-terms.js';
import { assessFinances, assessIndicators, type Assessment } from './assessment.js';
import { ClosureAct } from './closure-act.entity.js';
import type {
  ReportDraft,
  ReportReview,
  ReportView,
  ReviewedReportView,
} from './dto/report.dto.js';
import { MonitoringVisit } from './monitoring-visit.entity.js';
import { Report, type IndicatorActual } from './report.entity.js';
import {
  agreementOf,
  lotFor,
  requireBuyer,
  requireGrantee,
  requireRunning,
} from './reporting-access.js';
import { reportingError } from './reporting.errors.js';
import { reportView } from './reporting-views.js';
import { TranchePayment } from './tranche-payment.entity.js';
import { databaseNow } from '../common/database-clock.js';

/**
 * The grantee's reports and their review: drafted and submitted by the grantee's members (a
 * submission cancels the report's deadline), accepted or returned by the buyer's monitoring
 * officer. Accepting the final report, once every earlier one is accepted, writes the closure
 * act and closes the lot (FINAL_REPORT_ACCEPTED) in the same transaction.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly deadlines: DeadlinesService,
    private readonly ocds: OcdsService,
  ) {}

  /** Replaces the fields given; indicators are named as the agreement names them. */
  async save(lotId: string, seq: number, draft: ReportDraft, actor: Actor): Promise<ReportView> {
    return this.dataSource.transaction(async (manager) => {
      const { agreement, report } = await this.editable(manager, lotId, seq, actor);
      const problems: string[] = [];
      const changes: Partial<Pick<Report, 'narrative' | 'financialLines' | 'indicatorActuals'>> =
        {};
      if (draft.narrative !== undefined) changes.narrative = draft.narrative;
      if (draft.financialLines !== undefined) {
        changes.financialLines = draft.financialLines.map(({ budgetItem, planned, spent }) => ({
          budgetItem,
          planned,
          spent,
        }));
        problems.push(
          ...duplicates(
            changes.financialLines.map((line) => line.budgetItem),
            'budget item',
          ),
        );
      }
      if (draft.indicatorActuals !== undefined) {
        const { actuals, unknown } = matchIndicators(agreement, draft.indicatorActuals);
        changes.indicatorActuals = actuals;
        problems.push(
          ...unknown.map((name) => `"${name}" is not an indicator of the agreement`),
          ...duplicates(
            actuals.map((actual) => actual.description),
            'indicator',
          ),
        );
      }
      if (problems.length > 0) throw reportingError.reportContentInvalid(problems);
      await manager.update(Report, { id: report.id }, { ...changes, updatedAt: () => 'now()' });
      return reportView(
        await manager.findOneByOrFail(Report, { id: report.id }),
        await databaseNow(manager),
      );
    });
  }

  /** Submits a complete report (again, once returned); its deadline no longer runs. */
  async submit(lotId: string, seq: number, actor: Actor): Promise<ReportView> {
    return this.dataSource.transaction(async (manager) => {
      const { agreement, report } = await this.editable(manager, lotId, seq, actor);
      const missing = [
        ...(report.narrative.trim() === '' ? ['a narrative'] : []),
        ...(report.financialLines.length === 0 ? ['financial lines'] : []),
        ...agreement.indicatorTargets
          .filter(
            (target) => !report.indicatorActuals.some((a) => a.description === target.description),
          )
          .map((target) => `the actual of "${target.description}"`),
      ];
      if (missing.length > 0) throw reportingError.reportIncomplete(missing);
      await manager.query(
        `UPDATE reports SET status = 'submitted', submitted_at = now(), submitted_by = $2,
           updated_at = now()
         WHERE id = $1`,
        [report.id, actor.userId],
      );
      await this.deadlines.cancelIn(manager, lotId, reportDeadlineKind(seq));
      return reportView(
        await manager.findOneByOrFail(Report, { id: report.id }),
        await databaseNow(manager),
      );
    });
  }

  /**
   * The buyer's monitoring officer accepts a submitted report or returns it with a comment.
   * The final report is accepted only after every earlier one: then the closure act is written
   * and the lot closes, in this transaction.
   */
  async review(
    lotId: string,
    seq: number,
    request: ReportReview,
    actor: Actor,
  ): Promise<ReviewedReportView> {
    return this.dataSource.transaction(async (manager) => {
      let lot = await lotFor(manager, lotId, actor, true);
      requireBuyer(actor, lot);
      const agreement = await agreementOf(manager, lotId);
      requireRunning(lot, agreement);
      const report = await reportOf(manager, agreement, seq);
      if (report.status !== 'submitted') {
        throw reportingError.reportNotSubmitted(seq, report.status);
      }
      const accepted = request.decision === 'accept';
      if (accepted && report.kind === 'final') {
        const pending = (await manager.query(
          `SELECT seq FROM reports WHERE agreement_id = $1 AND seq < $2 AND status <> 'accepted'
           ORDER BY seq`,
          [agreement.id, seq],
        )) as { seq: number }[];
        if (pending.length > 0) {
          throw reportingError.earlierReportsPending(pending.map((row) => row.seq));
        }
      }
      await manager.query(
        `UPDATE reports SET status = $2, reviewed_at = now(), reviewed_by = $3, review_comment = $4,
           accepted_at = CASE WHEN $2 = 'accepted' THEN now() END,
           reviews = reviews || jsonb_build_array(jsonb_build_object(
             'decision', $2::text, 'comment', $4::text, 'reviewedBy', $3::uuid,
             'reviewedAt', now(), 'submittedAt', submitted_at))
         WHERE id = $1`,
        [report.id, accepted ? 'accepted' : 'returned', actor.userId, request.comment ?? null],
      );
      if (accepted && report.kind === 'final') {
        await this.close(manager, lot, agreement, report.id, actor);
        const closed = { type: 'FINAL_REPORT_ACCEPTED' };
        lot = (await this.engine.applyIn(manager, lotId, closed, actor)).lot;
      } else if (accepted) {
        // An accepted interim report is news of the contract's implementation, not a transition.
        await this.ocds.publish(manager, lotId, 'implementation');
      }
      const reviewed = await manager.findOneByOrFail(Report, { id: report.id });
      return { ...reportView(reviewed, await databaseNow(manager)), lotState: lot.state };
    });
  }

  /** A report the grantee may still change: the agreement runs, the report is pending or returned. */
  private async editable(manager: EntityManager, lotId: string, seq: number, actor: Actor) {
    const lot = await lotFor(manager, lotId, actor, true);
    const agreement = await agreementOf(manager, lotId);
    requireGrantee(actor, agreement);
    requireRunning(lot, agreement);
    const report = await reportOf(manager, agreement, seq);
    if (report.status !== 'pending' && report.status !== 'returned') {
      throw reportingError.reportNotEditable(seq, report.status);
    }
    return { agreement, report };
  }

  /**
   * The closure act: the final report's indicators against the agreement's targets and its
   * spending against the budget, with every report's dates, locked with the sha-256 of its
   * canonical JSON.
   */
  private async close(
    manager: EntityManager,
    lot: Lot,
    agreement: Agreement,
    finalReportId: string,
    actor: Actor,
  ): Promise<void> {
    const reports = await manager.find(Report, {
      where: { agreementId: agreement.id },
      order: { seq: 'ASC' },
    });
    const final = reports.find((report) => report.id === finalReportId);
    if (!final) throw new Error(`Report ${finalReportId} is not of agreement ${agreement.id}`);
    const payments = await manager.findBy(TranchePayment, { agreementId: agreement.id });
    const visits = await manager.countBy(MonitoringVisit, { agreementId: agreement.id });
    const closedAt = await databaseNow(manager);
    const indicators = assessIndicators(agreement.indicatorTargets, final.indicatorActuals);
    const assessment: Assessment = {
      lotId: lot.id,
      agreementId: agreement.id,
      finalReportId,
      closedBy: actor.userId,
      closedAt: closedAt.toISOString(),
      agreement: {
        amount: agreement.amount,
        currency: agreement.currency,
        periodStart: agreement.periodStart,
        periodEnd: agreement.periodEnd,
      },
      indicators,
      underTargetCount: indicators.filter((indicator) => indicator.underTarget).length,
      finances: assessFinances(
        final.financialLines,
        agreement.amount,
        payments.reduce((sum, payment) => sum + payment.amount, 0),
      ),
      reports: reports.map((report) => ({
        seq: report.seq,
        kind: report.kind,
        dueAt: report.dueAt.toISOString(),
        submittedAt: report.submittedAt?.toISOString() ?? null,
        acceptedAt: report.acceptedAt?.toISOString() ?? null,
        onTime: report.submittedAt !== null && report.submittedAt <= report.dueAt,
      })),
      monitoringVisits: visits,
    };
    await manager.insert(ClosureAct, {
      lotId: lot.id,
      agreementId: agreement.id,
      assessment,
      actHash: createHash('sha256').update(canonicalJson(assessment), 'utf8').digest('hex'),
      closedAt,
      closedBy: actor.userId,
    });
  }
}

async function reportOf(
  manager: EntityManager,
  agreement: Agreement,
  seq: number,
): Promise<Report> {
  const report = await manager.findOneBy(Report, { agreementId: agreement.id, seq });
  if (!report) throw reportingError.reportNotFound(seq);
  return report;
}

/**
 * The stated actuals with the agreement's wording, target and unit (matched without regard to
 * case or surrounding spaces), and the names that match none of its indicators.
 */
function matchIndicators(
  agreement: Agreement,
  stated: readonly { description: string; actual: number }[],
): { actuals: IndicatorActual[]; unknown: string[] } {
  const actuals: IndicatorActual[] = [];
  const unknown: string[] = [];
  for (const { description, actual } of stated) {
    const key = description.trim().toLowerCase();
    const indicator = agreement.indicatorTargets.find(
      (target) => target.description.toLowerCase() === key,
    );
    if (!indicator) unknown.push(description);
    else actuals.push({ ...indicator, actual });
  }
  return { actuals, unknown };
}

function duplicates(names: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key)) twice.add(name);
    seen.add(key);
  }
  return [...twice].map((name) => `the ${what} "${name}" is given twice`);
}
