import type { EntityManager } from 'typeorm';
import type { Lot } from '../lots/lot.entity.js';
import type { Agreement } from './agreement.entity.js';
import { ClosureAct } from './closure-act.entity.js';
import type { AgreementView } from './dto/agreement.dto.js';
import type {
  ClosureActView,
  MonitoringVisitView,
  TranchePaymentView,
} from './dto/implementation.dto.js';
import type { ReportView } from './dto/report.dto.js';
import { MonitoringVisit } from './monitoring-visit.entity.js';
import { Report } from './report.entity.js';
import { TranchePayment } from './tranche-payment.entity.js';
import { databaseNow } from '../common/database-clock.js';

/** How the reporting records are shown: the agreement with its schedule, payments and visits. */

/** A report is overdue once its due time has passed while it is still pending or returned. */
export function isOverdue(report: Pick<Report, 'status' | 'dueAt'>, now: Date): boolean {
  return (
    (report.status === 'pending' || report.status === 'returned') &&
    report.dueAt.getTime() < now.getTime()
  );
}

export function reportView(report: Report, now: Date): ReportView {
  return {
    id: report.id,
    seq: report.seq,
    kind: report.kind,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    dueAt: report.dueAt,
    overdue: isOverdue(report, now),
    status: report.status,
    narrative: report.narrative,
    financialLines: report.financialLines,
    indicatorActuals: report.indicatorActuals,
    updatedAt: report.updatedAt,
    submittedAt: report.submittedAt,
    reviewedAt: report.reviewedAt,
    reviewedBy: report.reviewedBy,
    reviewComment: report.reviewComment,
    reviews: report.reviews,
    acceptedAt: report.acceptedAt,
  };
}

export function paymentView(
  payment: TranchePayment,
  reports: readonly Report[],
): TranchePaymentView {
  return {
    id: payment.id,
    seq: payment.seq,
    amount: payment.amount,
    currency: payment.currency,
    reportSeq: reports.find((report) => report.id === payment.reportId)?.seq ?? null,
    paidAt: payment.paidAt,
    recordedBy: payment.recordedBy,
  };
}

export function visitView(visit: MonitoringVisit): MonitoringVisitView {
  return {
    id: visit.id,
    visitedOn: visit.visitedOn,
    findings: visit.findings,
    recordedBy: visit.recordedBy,
    recordedAt: visit.recordedAt,
  };
}

function closureView(act: ClosureAct): ClosureActView {
  return {
    id: act.id,
    assessment: act.assessment as unknown as Record<string, unknown>,
    actHash: act.actHash,
    closedAt: act.closedAt,
    closedBy: act.closedBy,
  };
}

export async function agreementView(
  manager: EntityManager,
  lot: Lot,
  agreement: Agreement,
): Promise<AgreementView> {
  const reports = await manager.find(Report, {
    where: { agreementId: agreement.id },
    order: { seq: 'ASC' },
  });
  const payments = await manager.find(TranchePayment, {
    where: { agreementId: agreement.id },
    order: { seq: 'ASC' },
  });
  const visits = await manager.find(MonitoringVisit, {
    where: { agreementId: agreement.id },
    order: { visitedOn: 'ASC', recordedAt: 'ASC' },
  });
  const closure = await manager.findOneBy(ClosureAct, { agreementId: agreement.id });
  const [{ name }] = (await manager.query(`SELECT name FROM organisations WHERE id = $1`, [
    agreement.ngoId,
  ])) as [{ name: string }];
  const now = await databaseNow(manager);
  return {
    id: agreement.id,
    lotId: agreement.lotId,
    lotState: lot.state,
    awardId: agreement.awardId,
    ngoId: agreement.ngoId,
    ngoName: name,
    amount: agreement.amount,
    currency: agreement.currency,
    periodStart: agreement.periodStart,
    periodEnd: agreement.periodEnd,
    status: agreement.status,
    indicatorTargets: agreement.indicatorTargets,
    tranchePlan: agreement.tranchePlan.map((tranche) => {
      const payment = payments.find((candidate) => candidate.seq === tranche.seq);
      return { ...tranche, payment: payment ? paymentView(payment, reports) : null };
    }),
    schedule: agreement.schedule,
    signedByBuyerAt: agreement.signedByBuyerAt,
    signedByBuyer: agreement.signedByBuyer,
    signedByGranteeAt: agreement.signedByGranteeAt,
    signedByGrantee: agreement.signedByGrantee,
    terminatedAt: agreement.terminatedAt,
    terminationReason: agreement.terminationReason,
    createdAt: agreement.createdAt,
    reports: reports.map((report) => reportView(report, now)),
    paid: payments.reduce((sum, payment) => sum + payment.amount, 0),
    monitoringVisits: visits.map(visitView),
    closure: closure ? closureView(closure) : null,
  };
}
