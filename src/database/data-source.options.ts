import type { DataSourceOptions } from 'typeorm';
import { Membership } from '../auth/membership.entity.js';
import { Organisation } from '../auth/organisation.entity.js';
import { User } from '../auth/user.entity.js';
import { InitialSchema1795373000000 } from '../../migrations/1795373000000-InitialSchema.js';
import { ProgrammesLotsAudit1795373900000 } from '../../migrations/1795373900000-ProgrammesLotsAudit.js';
import { LotDeadlines1795375900000 } from '../../migrations/1795375900000-LotDeadlines.js';
import { Notifications1795376500000 } from '../../migrations/1795376500000-Notifications.js';
import { Hearings1795380100000 } from '../../migrations/1795380100000-Hearings.js';
import { Calls1795380200000 } from '../../migrations/1795380200000-Calls.js';
import { CallAnnouncement } from '../calls/call-announcement.entity.js';
import { CallQuestion } from '../calls/call-question.entity.js';
import { Applications1795380300000 } from '../../migrations/1795380300000-Applications.js';
import { Evaluation1795380400000 } from '../../migrations/1795380400000-Evaluation.js';
import { CommissionRecords1795380500000 } from '../../migrations/1795380500000-CommissionRecords.js';
import { ProtocolSupersession1795380600000 } from '../../migrations/1795380600000-ProtocolSupersession.js';
import { Reporting1795380700000 } from '../../migrations/1795380700000-Reporting.js';
import { OcdsReleases1795380800000 } from '../../migrations/1795380800000-OcdsReleases.js';
import { LotListIndexes1795381200000 } from '../../migrations/1795381200000-LotListIndexes.js';
import { OcdsRelease } from '../ocds/ocds-release.entity.js';
import { Award } from '../awards/award.entity.js';
import { Complaint } from '../awards/complaint.entity.js';
import { AdmissibilityDecision } from '../evaluation/admissibility-decision.entity.js';
import { CommissionDraw } from '../evaluation/commission-draw.entity.js';
import { CommissionMember } from '../evaluation/commission-member.entity.js';
import { ConflictDeclarationHistoryEntry } from '../evaluation/conflict-declaration-history.entity.js';
import { ConflictDeclaration } from '../evaluation/conflict-declaration.entity.js';
import { EvaluationProtocol } from '../evaluation/evaluation-protocol.entity.js';
import { ScoreSheetRow } from '../evaluation/score-sheet.entity.js';
import { ApplicationDocument } from '../applications/application-document.entity.js';
import { ApplicationRead } from '../applications/application-read.entity.js';
import { ApplicationRevision } from '../applications/application-revision.entity.js';
import { Application } from '../applications/application.entity.js';
import { LotDeadline } from '../deadlines/lot-deadline.entity.js';
import { HearingComment } from '../hearings/hearing-comment.entity.js';
import { HearingLot } from '../hearings/hearing-lot.entity.js';
import { HearingRegistration } from '../hearings/hearing-registration.entity.js';
import { Hearing } from '../hearings/hearing.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Lot } from '../lots/lot.entity.js';
import { EmailDelivery } from '../notifications/email-delivery.entity.js';
import { NotificationPreference } from '../notifications/notification-preference.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { WebhookDelivery } from '../notifications/webhook-delivery.entity.js';
import { WebhookSubscription } from '../notifications/webhook-subscription.entity.js';
import { OutboxMessage } from '../outbox/outbox-message.entity.js';
import { Programme } from '../programmes/programme.entity.js';
import { Agreement } from '../reporting/agreement.entity.js';
import { ClosureAct } from '../reporting/closure-act.entity.js';
import { MonitoringVisit } from '../reporting/monitoring-visit.entity.js';
import { Report } from '../reporting/report.entity.js';
import { TranchePayment } from '../reporting/tranche-payment.entity.js';
import { preparingClient } from './prepared-statements.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** Entities and migrations are listed as classes (no globs), for the app and the CLI alike. */
export const ENTITIES = [
  Organisation,
  User,
  Membership,
  Programme,
  Lot,
  AuditEvent,
  OutboxMessage,
  LotDeadline,
  Notification,
  NotificationPreference,
  WebhookSubscription,
  WebhookDelivery,
  EmailDelivery,
  Hearing,
  HearingLot,
  HearingRegistration,
  HearingComment,
  CallAnnouncement,
  CallQuestion,
  Application,
  ApplicationRevision,
  ApplicationDocument,
  ApplicationRead,
  CommissionMember,
  ConflictDeclaration,
  AdmissibilityDecision,
  ScoreSheetRow,
  EvaluationProtocol,
  CommissionDraw,
  ConflictDeclarationHistoryEntry,
  Award,
  Complaint,
  Agreement,
  Report,
  TranchePayment,
  MonitoringVisit,
  ClosureAct,
  OcdsRelease,
];
export const MIGRATIONS = [
  InitialSchema1795373000000,
  ProgrammesLotsAudit1795373900000,
  LotDeadlines1795375900000,
  Notifications1795376500000,
  Hearings1795380100000,
  Calls1795380200000,
  Applications1795380300000,
  Evaluation1795380400000,
  CommissionRecords1795380500000,
  ProtocolSupersession1795380600000,
  Reporting1795380700000,
  OcdsReleases1795380800000,
  LotListIndexes1795381200000,
];

/**
 * The options of every DataSource. `prepareStatements`: each connection prepares the statements
 * it runs (a server of its own per connection only; see prepared-statements.ts).
 */
export function dataSourceOptions(
  url: string,
  poolSize: number,
  { prepareStatements = false } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+, and PGlite refuses uuid-ossp.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize, ...(prepareStatements ? { Client: preparingClient() } : {}) },
  };
}
