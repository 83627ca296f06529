import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OcdsService } from '../ocds/ocds.service.js';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { localDateOf } from '../common/calendar/index.js';
import { Programme } from '../programmes/programme.entity.js';
import type {
  MonitoringVisitView,
  NewMonitoringVisit,
  NewTranchePayment,
  TranchePaymentView,
} from './dto/implementation.dto.js';
import { MonitoringVisit } from './monitoring-visit.entity.js';
import { Report } from './report.entity.js';
import { agreementOf, lotFor, requireBuyer, requireRunning } from './reporting-access.js';
import { reportingError } from './reporting.errors.js';
import { paymentView, visitView } from './reporting-views.js';
import { TranchePayment } from './tranche-payment.entity.js';
import { databaseNow } from '../common/database-clock.js';

/**
 * What the buyer records while the grant is implemented: tranche payments, each once, against
 * the plan (a tranche due after a report only once that report is accepted, and never beyond
 * the agreement's value), and the monitoring officer's visits.
 */
@Injectable()
export class ImplementationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ocds: OcdsService,
  ) {}

  /**
   * Records a tranche as paid. Also after the lot closed (the last tranche usually waits for the
   * final report) or the agreement was terminated (what was earned before stays due).
   */
  async recordPayment(
    lotId: string,
    request: NewTranchePayment,
    actor: Actor,
  ): Promise<TranchePaymentView> {
    return this.dataSource.transaction(async (manager) => {
      // Locked: two payments recorded at once cannot both fit under the agreement's value.
      const lot = await lotFor(manager, lotId, actor, true);
      requireBuyer(actor, lot);
      const agreement = await agreementOf(manager, lotId);
      if (agreement.status === 'draft') throw reportingError.agreementNotSigned(agreement.status);
      const tranche = agreement.tranchePlan.find((candidate) => candidate.seq === request.seq);
      if (!tranche) throw reportingError.unknownTranche(request.seq, agreement.tranchePlan.length);
      if (await manager.existsBy(TranchePayment, { agreementId: agreement.id, seq: tranche.seq })) {
        throw reportingError.tranchePaid(tranche.seq);
      }
      const dueAfter = tranche.due === 'afterReport' ? (tranche.reportSeq ?? null) : null;
      if (request.reportSeq !== undefined && request.reportSeq !== dueAfter) {
        throw reportingError.trancheReportMismatch(tranche.seq, dueAfter);
      }
      let reportId: string | null = null;
      if (dueAfter !== null) {
        const report = await manager.findOneByOrFail(Report, {
          agreementId: agreement.id,
          seq: dueAfter,
        });
        if (report.status !== 'accepted') {
          throw reportingError.reportNotAccepted(tranche.seq, dueAfter, report.status);
        }
        reportId = report.id;
      }
      const payments = await manager.findBy(TranchePayment, { agreementId: agreement.id });
      const paid = payments.reduce((sum, payment) => sum + payment.amount, 0);
      if (paid + request.amount > agreement.amount) {
        throw reportingError.agreementOverpaid(request.amount, paid, agreement.amount);
      }
      const { identifiers } = await manager.insert(TranchePayment, {
        agreementId: agreement.id,
        lotId,
        seq: tranche.seq,
        amount: request.amount,
        currency: agreement.currency,
        reportId,
        recordedBy: actor.userId,
      });
      const payment = await manager.findOneByOrFail(TranchePayment, {
        id: String(identifiers[0]?.id),
      });
      // A payment is published as a transaction of the contract's implementation.
      await this.ocds.publish(manager, lotId, 'implementation');
      const reports = await manager.findBy(Report, { agreementId: agreement.id });
      return paymentView(payment, reports);
    });
  }

  /** The monitoring officer records a visit that has taken place, while the agreement runs. */
  async recordVisit(
    lotId: string,
    request: NewMonitoringVisit,
    actor: Actor,
  ): Promise<MonitoringVisitView> {
    return this.dataSource.transaction(async (manager) => {
      const lot = await lotFor(manager, lotId, actor, true);
      requireBuyer(actor, lot);
      const agreement = await agreementOf(manager, lotId);
      requireRunning(lot, agreement);
      const programme = await manager.findOneByOrFail(Programme, { id: lot.programmeId });
      const today = localDateOf(await databaseNow(manager), programme.timeZone);
      if (request.visitedOn > today) throw reportingError.visitInFuture(request.visitedOn, today);
      const { identifiers } = await manager.insert(MonitoringVisit, {
        agreementId: agreement.id,
        lotId,
        visitedOn: request.visitedOn,
        findings: request.findings,
        recordedBy: actor.userId,
      });
      return visitView(
        await manager.findOneByOrFail(MonitoringVisit, { id: String(identifiers[0]?.id) }),
      );
    });
  }
}
