import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Jurisdiction } from '../../workflows/index.js';
import type { CallAnnouncement } from '../calls/call-announcement.entity.js';
import { enquiryPeriodEnd } from '../calls/call-periods.js';
import { lotCalendarOf } from '../deadlines/deadline-calendar.js';
import { minorUnits } from '../common/money.js';
import { queryBatch, textLiteral, uuidLiteral } from '../database/statement-batch.js';
import type { HearingDocument } from '../hearings/hearing.entity.js';
import type { Territory } from '../lots/lot.entity.js';

/**
 * Everything a lot's release says, read from the database in one transaction: the builder
 * (release-builder.ts) turns it into OCDS without any I/O. Only what is public is read; an
 * application's sealed content never is.
 */

export interface PartyFacts {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  registrationNumber: string | null;
}

export interface HearingFacts {
  id: string;
  heldAt: Date;
  place: string | null;
  onlineUrl: string | null;
  description: string | null;
  documents: HearingDocument[];
  publishedAt: Date;
  decision: 'openCall' | 'revise' | null;
  approvedAt: Date | null;
  protocolSha256: string | null;
}

export interface CallFacts {
  /** The announcement's versions, the first (call opened) to the latest (last amendment). */
  versions: CallAnnouncement[];
  /** The callClose deadline: the end of the tender period. */
  closesAt: Date | null;
  enquiriesCloseAt: Date | null;
  hasEnquiries: boolean;
}

export interface BidFacts {
  applicationId: string;
  ngo: PartyFacts;
  submittedAt: Date;
  decision: 'admitted' | 'rejected' | null;
}

export interface ProtocolFacts {
  id: string;
  round: number;
  sequence: number;
  hash: string;
  closedAt: Date;
  supersededAt: Date | null;
}

export interface AwardFacts {
  id: string;
  applicationId: string;
  ngo: PartyFacts;
  rank: number;
  amount: number;
  currency: string;
  status: 'pending' | 'active' | 'declined' | 'annulled' | 'cancelled';
  decidedAt: Date;
  statusReason: string | null;
}

export interface AgreementFacts {
  id: string;
  awardId: string;
  ngoId: string;
  amount: number;
  currency: string;
  /** YYYY-MM-DD. */
  periodStart: string | null;
  periodEnd: string | null;
  status: 'draft' | 'signed' | 'terminated' | 'closed';
  signedByBuyerAt: Date | null;
  signedByGranteeAt: Date | null;
  terminatedAt: Date | null;
  terminationReason: string | null;
}

export interface ReportFacts {
  id: string;
  agreementId: string;
  seq: number;
  kind: 'interim' | 'final';
  dueAt: Date | null;
  status: 'pending' | 'submitted' | 'returned' | 'accepted';
  submittedAt: Date | null;
  acceptedAt: Date | null;
}

export interface TrancheFacts {
  id: string;
  agreementId: string;
  seq: number;
  amount: number;
  currency: string;
  paidAt: Date | null;
}

export interface ClosureFacts {
  actHash: string;
  closedAt: Date;
}

/** A process's releases so far: how many, the latest's date, and the database clock now. */
export interface PreviousReleases {
  seq: number;
  lastDate: Date | null;
  now: Date;
}

export interface ReleaseFacts {
  lot: {
    id: string;
    number: string;
    theme: string;
    recipients: string | null;
    goals: string | null;
    tasks: string | null;
    territories: Territory[];
    maxAmount: number;
    currency: string;
    eligibility: string[];
    profileId: string;
    state: string;
    cancellationReason: string | null;
  };
  programme: { id: string; title: string; jurisdiction: Jurisdiction; timeZone: string };
  buyer: PartyFacts;
  /** The unsuccessful lot this one re-announces. */
  reannouncedFrom: { id: string; number: string; theme: string } | null;
  /** The lot's hearings, oldest first; the registration deadline belongs to the latest. */
  hearings: HearingFacts[];
  registrationClosesAt: Date | null;
  call: CallFacts | null;
  /** When the lot's transitions happened that make things public (from the audit trail). */
  callClosedAt: Date | null;
  admissibilityDoneAt: Date | null;
  cancelledAt: Date | null;
  /** Due instants of the lot's deadlines by kind. */
  deadlines: Partial<Record<string, Date>>;
  /** Applications submitted on time; empty until the call has closed. */
  bids: BidFacts[];
  protocols: ProtocolFacts[];
  awards: AwardFacts[];
  agreements: AgreementFacts[];
  reports: ReportFacts[];
  tranches: TrancheFacts[];
  closure: ClosureFacts | null;
}

/** States after which an agreement may exist. */
const CONTRACT_STATES = ['award.contracting', 'reporting', 'closed', 'terminated', 'cancelled'];

/** A bigint column read as text, checked to be a safe integer (see common/money.ts). */
const minor = (value: string): number => minorUnits.from(value) as number;

interface PartyRow {
  ngoId: string;
  ngoName: string;
  ngoCountry: string;
  ngoRegistration: string | null;
}

function ngoOf(row: PartyRow): PartyFacts {
  return {
    id: row.ngoId,
    name: row.ngoName,
    country: row.ngoCountry,
    registrationNumber: row.ngoRegistration,
  };
}

const NGO_COLUMNS = `o.id AS "ngoId", o.name AS "ngoName", o.country AS "ngoCountry",
  o.registration_number AS "ngoRegistration"`;

/**
 * Reads the facts of a lot's release in the caller's transaction, in one round trip: it runs
 * inside the transition that publishes, so every statement saved is saved on every change.
 */
@Injectable()
export class ReleaseFactsReader {
  async read(
    manager: EntityManager,
    lotId: string,
    ocid: string,
  ): Promise<{ previous: PreviousReleases; facts: ReleaseFacts }> {
    const id = uuidLiteral(lotId);
    const [
      [previous],
      [row],
      momentRows,
      hearings,
      versions,
      [{ hasEnquiries }],
      deadlineRows,
      bidRows,
      protocols,
      awardRows,
      agreementRows,
      reports,
      trancheRows,
      [closure],
    ] = (await queryBatch(manager, [
      `SELECT coalesce(max(seq), 0)::int AS seq, max(date) AS "lastDate",
              date_trunc('milliseconds', clock_timestamp()) AS now
       FROM ocds_releases WHERE ocid = ${textLiteral(ocid)}`,
      `SELECT l.id, l.number, l.theme, l.recipients, l.goals, l.tasks, l.territories,
              l.max_amount::text AS "maxAmount", l.currency, l.eligibility,
              l.profile_id AS "profileId", l.state,
              l.snapshot -> 'context' ->> 'cancellationReason' AS "cancellationReason",
              p.id AS "programmeId", p.title AS "programmeTitle", p.jurisdiction,
              p.time_zone AS "timeZone",
              o.id AS "buyerId", o.name AS "buyerName", o.country AS "buyerCountry",
              o.registration_number AS "buyerRegistration",
              f.id AS "fromId", f.number AS "fromNumber", f.theme AS "fromTheme"
       FROM lots l
       JOIN programmes p ON p.id = l.programme_id
       JOIN organisations o ON o.id = l.buyer_id
       LEFT JOIN lots f ON f.id = l.reannounced_from
       WHERE l.id = ${id}`,
      // When the call closed, the admissibility check ended and the lot was cancelled (latest).
      `SELECT event_type AS "eventType", max(occurred_at) AS at FROM audit_events
       WHERE lot_id = ${id} AND event_type IN ('CALL_DEADLINE', 'ADMISSIBILITY_DONE', 'CANCEL')
       GROUP BY event_type`,
      `SELECT h.id, h.held_at AS "heldAt", h.place, h.online_url AS "onlineUrl", h.description,
              h.documents, h.published_at AS "publishedAt", hl.decision,
              hl.approved_at AS "approvedAt", hl.protocol_sha256 AS "protocolSha256"
       FROM hearing_lots hl JOIN hearings h ON h.id = hl.hearing_id
       WHERE hl.lot_id = ${id}
       ORDER BY h.published_at, h.id`,
      `SELECT id, lot_id AS "lotId", version, call_period_days AS "callPeriodDays", description,
              criteria, tie_rule AS "tieRule", priority_criterion AS "priorityCriterion",
              thresholds, eligibility, required_documents AS "requiredDocuments",
              max_amount::text AS "maxAmount", currency, note, changed_fields AS "changedFields",
              extend_by_days AS "extendByDays", auto_extended_by_days AS "autoExtendedByDays",
              published_by AS "publishedBy", published_at AS "publishedAt"
       FROM call_announcements WHERE lot_id = ${id} ORDER BY version`,
      `SELECT EXISTS (SELECT 1 FROM call_questions WHERE lot_id = ${id}) AS "hasEnquiries"`,
      `SELECT kind, due_at AS "dueAt" FROM lot_deadlines WHERE lot_id = ${id}`,
      `SELECT a.id, a.submitted_at AS "submittedAt", d.decision, ${NGO_COLUMNS}
       FROM applications a
       JOIN organisations o ON o.id = a.ngo_id
       LEFT JOIN admissibility_decisions d ON d.application_id = a.id
       WHERE a.lot_id = ${id} AND a.status = 'submitted'
       ORDER BY a.submitted_at, a.id`,
      `SELECT id, round, sequence, protocol_hash AS hash, closed_at AS "closedAt",
              superseded_at AS "supersededAt"
       FROM evaluation_protocols WHERE lot_id = ${id} ORDER BY round, sequence`,
      `SELECT a.id, a.application_id AS "applicationId", a.rank, a.amount::text AS amount,
              a.currency, a.status, a.decided_at AS "decidedAt", a.status_reason AS "statusReason",
              ${NGO_COLUMNS}
       FROM awards a JOIN organisations o ON o.id = a.ngo_id
       WHERE a.lot_id = ${id} ORDER BY a.decided_at, a.rank, a.id`,
      `SELECT id, award_id AS "awardId", ngo_id AS "ngoId", amount::text AS amount, currency,
              period_start::date::text AS "periodStart", period_end::date::text AS "periodEnd",
              status, signed_by_buyer_at AS "signedByBuyerAt",
              signed_by_grantee_at AS "signedByGranteeAt", terminated_at AS "terminatedAt",
              termination_reason AS "terminationReason"
       FROM agreements WHERE lot_id = ${id} ORDER BY signed_by_buyer_at NULLS LAST, id`,
      `SELECT id, agreement_id AS "agreementId", seq, kind, due_at AS "dueAt", status,
              submitted_at AS "submittedAt", accepted_at AS "acceptedAt"
       FROM reports WHERE lot_id = ${id} ORDER BY agreement_id, seq`,
      `SELECT id, agreement_id AS "agreementId", seq, amount::text AS amount, currency,
              paid_at AS "paidAt"
       FROM tranche_payments WHERE lot_id = ${id} ORDER BY agreement_id, seq`,
      `SELECT act_hash AS "actHash", closed_at AS "closedAt" FROM closure_acts
       WHERE lot_id = ${id}`,
    ])) as [
      PreviousReleases[],
      LotRow[],
      { eventType: string; at: Date }[],
      HearingFacts[],
      (Omit<CallAnnouncement, 'maxAmount'> & { maxAmount: string })[],
      { hasEnquiries: boolean }[],
      { kind: string; dueAt: Date }[],
      (PartyRow & { id: string; submittedAt: Date; decision: BidFacts['decision'] })[],
      ProtocolFacts[],
      (PartyRow & Omit<AwardFacts, 'ngo' | 'amount'> & { amount: string })[],
      (Omit<AgreementFacts, 'amount'> & { amount: string })[],
      ReportFacts[],
      (Omit<TrancheFacts, 'amount'> & { amount: string })[],
      ClosureFacts[],
    ];
    if (!row) throw new Error(`No lot ${lotId} to publish`);
    const at = (type: string) => momentRows.find((moment) => moment.eventType === type)?.at ?? null;
    const callClosedAt = at('CALL_DEADLINE');
    // The agreement, its reports, tranches and closure act exist only from contracting on.
    const contracting = CONTRACT_STATES.includes(row.state);
    // Due instants by kind: the hearing's registration and the call's close among them.
    const deadlines: Partial<Record<string, Date>> = Object.fromEntries(
      deadlineRows.map((deadline) => [deadline.kind, deadline.dueAt]),
    );
    const closesAt = deadlines.callClose;
    const { profile, calendar } = lotCalendarOf(row.profileId, row.timeZone, row.jurisdiction);
    const facts: ReleaseFacts = {
      lot: {
        id: row.id,
        number: row.number,
        theme: row.theme,
        recipients: row.recipients,
        goals: row.goals,
        tasks: row.tasks,
        territories: row.territories,
        maxAmount: minor(row.maxAmount),
        currency: row.currency,
        eligibility: row.eligibility,
        profileId: row.profileId,
        state: row.state,
        cancellationReason: row.cancellationReason,
      },
      programme: {
        id: row.programmeId,
        title: row.programmeTitle,
        jurisdiction: row.jurisdiction,
        timeZone: row.timeZone,
      },
      buyer: {
        id: row.buyerId,
        name: row.buyerName,
        country: row.buyerCountry,
        registrationNumber: row.buyerRegistration,
      },
      reannouncedFrom: row.fromId
        ? { id: row.fromId, number: row.fromNumber ?? '', theme: row.fromTheme ?? '' }
        : null,
      hearings,
      registrationClosesAt: deadlines.hearingRegistration ?? null,
      call:
        versions.length === 0
          ? null
          : {
              versions: versions.map(
                (version) =>
                  ({ ...version, maxAmount: minor(version.maxAmount) }) as CallAnnouncement,
              ),
              closesAt: closesAt ?? null,
              enquiriesCloseAt: closesAt
                ? enquiryPeriodEnd(closesAt, profile.enquiriesCloseDaysBeforeCallClose, calendar)
                : null,
              hasEnquiries: closesAt !== undefined && hasEnquiries,
            },
      callClosedAt,
      admissibilityDoneAt: at('ADMISSIBILITY_DONE'),
      cancelledAt: at('CANCEL'),
      deadlines,
      // Applications are public once the call has closed, not before.
      bids: callClosedAt
        ? bidRows.map((bid) => ({
            applicationId: bid.id,
            ngo: ngoOf(bid),
            submittedAt: bid.submittedAt,
            decision: bid.decision,
          }))
        : [],
      protocols,
      awards: awardRows.map((award) => ({
        id: award.id,
        applicationId: award.applicationId,
        ngo: ngoOf(award),
        rank: award.rank,
        amount: minor(award.amount),
        currency: award.currency,
        status: award.status,
        decidedAt: award.decidedAt,
        statusReason: award.statusReason,
      })),
      agreements: contracting
        ? agreementRows.map((agreement) => ({ ...agreement, amount: minor(agreement.amount) }))
        : [],
      reports: contracting ? reports : [],
      tranches: contracting
        ? trancheRows.map((tranche) => ({ ...tranche, amount: minor(tranche.amount) }))
        : [],
      closure: contracting ? (closure ?? null) : null,
    };
    return { previous, facts };
  }
}

interface LotRow {
  id: string;
  number: string;
  theme: string;
  recipients: string | null;
  goals: string | null;
  tasks: string | null;
  territories: Territory[];
  maxAmount: string;
  currency: string;
  eligibility: string[];
  profileId: string;
  state: string;
  cancellationReason: string | null;
  programmeId: string;
  programmeTitle: string;
  jurisdiction: Jurisdiction;
  timeZone: string;
  buyerId: string;
  buyerName: string;
  buyerCountry: string;
  buyerRegistration: string | null;
  fromId: string | null;
  fromNumber: string | null;
  fromTheme: string | null;
}
