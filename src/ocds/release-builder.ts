import { getProfile, type Jurisdiction, type ReleaseTag } from '../../workflows/index.js';
import type { Locale } from '../auth/user.entity.js';
import type { CallAnnouncement, LocalizedText } from '../calls/call-announcement.entity.js';
import { addDays, endOfLocalDay } from '../common/calendar/index.js';
import { minorDigitsOf } from '../common/money.js';
import type {
  Amendment,
  Award,
  AwardStatus,
  Bid,
  Bids,
  BidStatus,
  Contract,
  ContractStatus,
  Document,
  Implementation,
  Milestone,
  MilestoneStatus,
  Organization,
  OrganizationReference,
  PartyRole,
  Planning,
  RelatedProcess,
  Release,
  Tender,
  TenderStatus,
  Value,
} from './ocds-types.js';
import type {
  AgreementFacts,
  AwardFacts,
  CallFacts,
  HearingFacts,
  PartyFacts,
  ProtocolFacts,
  ReleaseFacts,
} from './release-facts.js';

/**
 * A lot's OCDS release from its facts, pure. Every release states the whole process as it
 * stands (planning, tender, bids, awards, contracts), so that any one of them reads alone and
 * their merge is the latest state. One lot is one contracting process (ocid) with one OCDS lot.
 */

export interface ReleaseHeader {
  ocid: string;
  id: string;
  date: Date;
  tag: readonly ReleaseTag[];
  /** The ocid prefix, for the processes this one links to. */
  prefix: string;
  /** PUBLIC_BASE_URL without a trailing slash: documents link to the public pages when set. */
  publicBaseUrl: string | null;
}

export function ocidOf(prefix: string, lotId: string): string {
  return `${prefix}-${lotId}`;
}

/**
 * Minor units as OCDS wants an amount: a number in the currency's major units, exactly as
 * its decimal digits say (847570000 tyiyn is 8475700 som; 12345 kopiyky is 123.45 hryvnia).
 */
export function majorUnits(minor: number, currency: string): number {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount ${minor} is not a safe integer`);
  const digits = minorDigitsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const text = Math.abs(minor)
    .toString()
    .padStart(digits + 1, '0');
  const integer = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return Number(`${sign}${integer}${fraction ? `.${fraction}` : ''}`);
}

function value(minor: number, currency: string): Value {
  return { amount: majorUnits(minor, currency), currency };
}

/** The lot's state as the tender's (and its one OCDS lot's) status. */
export function tenderStatusOf(state: string): TenderStatus {
  const stage = state.split('.')[0];
  switch (stage) {
    case 'draft':
    case 'publicHearing':
      return 'planning';
    case 'callForBids':
    case 'evaluation':
      return 'active';
    case 'award':
      // The award stays open to complaints (and annulment) until the standstill is over.
      return state === 'award.standstill' ? 'active' : 'complete';
    case 'reporting':
    case 'closed':
    case 'terminated':
      return 'complete';
    case 'unsuccessful':
      return 'unsuccessful';
    case 'cancelled':
      return 'cancelled';
    default:
      throw new RangeError(`No tender status for lot state ${state}`);
  }
}

/** A declined award could not be made (unsuccessful); an annulled one was cancelled. */
export function awardStatusOf(status: AwardFacts['status']): AwardStatus {
  switch (status) {
    case 'pending':
      return 'pending';
    case 'active':
      return 'active';
    case 'declined':
      return 'unsuccessful';
    case 'annulled':
    case 'cancelled':
      return 'cancelled';
  }
}

/** A closed agreement ended by completion, a terminated one early: both are "terminated". */
export function contractStatusOf(status: AgreementFacts['status']): ContractStatus {
  switch (status) {
    case 'draft':
      return 'pending';
    case 'signed':
      return 'active';
    case 'terminated':
    case 'closed':
      return 'terminated';
  }
}

/** Admissibility decides a bid's validity; until the check is done every bid is pending. */
export function bidStatusOf(decision: 'admitted' | 'rejected' | null, checked: boolean): BidStatus {
  if (!checked || decision === null) return 'pending';
  return decision === 'admitted' ? 'valid' : 'disqualified';
}

/** The language of the texts the buyer writes, by jurisdiction. */
export function languageOf(jurisdiction: Jurisdiction): Locale {
  return jurisdiction === 'UA' ? 'uk' : 'ru';
}

function localized(text: LocalizedText, language: Locale): string {
  return text[language] ?? text.en ?? Object.values(text).find((t) => t !== undefined) ?? '';
}

const iso = (date: Date): string => date.toISOString();

/** Drops the fields that are undefined (JSON would drop them too; tests compare objects). */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, field]) => field !== undefined)) as T;
}

/** The first instant of a local day in the zone. */
function startOfLocalDay(date: string, zone: string): Date {
  return new Date(endOfLocalDay(addDays(date, -1), zone).getTime() + 1);
}

function reference(party: PartyFacts): OrganizationReference {
  return { id: party.id, name: party.name };
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** Party roles in codelist order, so that the same facts always give the same release. */
const ROLE_ORDER: readonly PartyRole[] = [
  'buyer',
  'procuringEntity',
  'supplier',
  'tenderer',
  'payer',
  'payee',
];

class Parties {
  private readonly parties = new Map<string, { party: PartyFacts; roles: Set<PartyRole> }>();

  add(party: PartyFacts, role: PartyRole): OrganizationReference {
    const entry = this.parties.get(party.id) ?? { party, roles: new Set<PartyRole>() };
    entry.roles.add(role);
    this.parties.set(party.id, entry);
    return reference(party);
  }

  list(): Organization[] {
    return [...this.parties.values()].map(({ party, roles }) =>
      defined({
        id: party.id,
        name: party.name,
        identifier: party.registrationNumber
          ? { id: party.registrationNumber, legalName: party.name }
          : undefined,
        address: { countryName: REGION_NAMES.of(party.country) ?? party.country },
        roles: ROLE_ORDER.filter((role) => roles.has(role)),
      }),
    );
  }
}

interface Context {
  facts: ReleaseFacts;
  header: ReleaseHeader;
  language: Locale;
  lotId: string;
  /** The lot reached an end (closed, terminated, unsuccessful, cancelled). */
  final: boolean;
  parties: Parties;
  publicUrl: (path: string) => string | undefined;
}

export function buildRelease(facts: ReleaseFacts, header: ReleaseHeader): Release {
  const parties = new Parties();
  const context: Context = {
    facts,
    header,
    language: languageOf(facts.programme.jurisdiction),
    lotId: facts.lot.id,
    final: ['closed', 'terminated', 'unsuccessful', 'cancelled'].includes(facts.lot.state),
    parties,
    publicUrl: (path) =>
      header.publicBaseUrl === null ? undefined : `${header.publicBaseUrl}${path}`,
  };
  const buyer = parties.add(facts.buyer, 'buyer');
  parties.add(facts.buyer, 'procuringEntity');
  const planning = planningOf(context);
  const tender = tenderOf(context, buyer);
  const bids = bidsOf(context);
  const awards = facts.awards.map((award) => awardOf(context, award));
  const contracts = facts.agreements.map((agreement) => contractOf(context, agreement));
  return defined({
    ocid: header.ocid,
    id: header.id,
    date: iso(header.date),
    tag: [...header.tag],
    initiationType: 'tender' as const,
    language: context.language,
    parties: parties.list(),
    buyer,
    planning,
    tender,
    bids,
    awards: awards.length > 0 ? awards : undefined,
    contracts: contracts.length > 0 ? contracts : undefined,
    relatedProcesses: relatedProcessesOf(context),
  });
}

function planningOf(context: Context): Planning {
  const { facts } = context;
  const { lot, programme } = facts;
  const latest = facts.hearings.at(-1);
  const milestones = facts.hearings.map((hearing) =>
    hearingMilestone(context, hearing, hearing === latest),
  );
  const documents = facts.hearings.flatMap((hearing) => [
    hearingNotice(context, hearing, hearing === latest),
    ...hearing.documents.map((document, index) => ({
      id: `hearing-${hearing.id}-document-${index + 1}`,
      title: document.title,
      url: document.url,
    })),
  ]);
  return defined({
    rationale: lot.goals ?? undefined,
    budget: {
      id: programme.id,
      description: programme.title,
      amount: value(lot.maxAmount, lot.currency),
      project: programme.title,
      projectID: programme.id,
    },
    documents: documents.length > 0 ? documents : undefined,
    milestones: milestones.length > 0 ? milestones : undefined,
  });
}

function hearingNotice(context: Context, hearing: HearingFacts, latest: boolean): Document {
  return defined({
    id: `hearing-${hearing.id}-notice`,
    documentType: 'hearingNotice' as const,
    title: hearing.description ?? undefined,
    url: latest ? context.publicUrl(`/public/lots/${context.lotId}/hearing`) : undefined,
    datePublished: iso(hearing.publishedAt),
  });
}

/** A public hearing: met once its protocol is approved, not met if the lot ended before. */
function hearingMilestone(context: Context, hearing: HearingFacts, latest: boolean): Milestone {
  const closes = latest ? context.facts.registrationClosesAt : null;
  const venue = [hearing.place, hearing.onlineUrl].filter((part) => part !== null).join('; ');
  const documents: Document[] = [hearingNotice(context, hearing, latest)];
  if (hearing.approvedAt && hearing.protocolSha256) {
    documents.push(
      defined({
        id: `hearing-${hearing.id}-protocol`,
        description: `Protocol sha-256 ${hearing.protocolSha256}; decision: ${hearing.decision}`,
        url: latest
          ? context.publicUrl(`/public/lots/${context.lotId}/hearing/protocol`)
          : undefined,
        datePublished: iso(hearing.approvedAt),
      }),
    );
  }
  const status: MilestoneStatus = hearing.approvedAt
    ? 'met'
    : context.final
      ? 'notMet'
      : 'scheduled';
  return defined({
    id: `hearing-${hearing.id}`,
    title: hearing.description ?? undefined,
    type: 'engagement' as const,
    code: 'publicHearing',
    description:
      [venue, closes ? `registration until ${iso(closes)}` : '']
        .filter((part) => part !== '')
        .join('; ') || undefined,
    dueDate: iso(hearing.heldAt),
    // Known to be met once the protocol of the hearing held is approved.
    dateMet: hearing.approvedAt ? iso(hearing.approvedAt) : undefined,
    status,
    documents,
    relatedLots: [context.lotId],
  });
}

function tenderOf(context: Context, buyer: OrganizationReference): Tender {
  const { facts, lotId } = context;
  const { lot, call } = facts;
  const status = tenderStatusOf(lot.state);
  const announcement = call?.versions.at(-1);
  const title = `${lot.number}. ${lot.theme}`;
  // The lot's whole amount (the call's maxAmount caps one application, not the tender).
  const maxAmount = value(lot.maxAmount, lot.currency);
  const profile = getProfile(lot.profileId);
  const tenderers = facts.bids.map((bid) => context.parties.add(bid.ngo, 'tenderer'));
  const documents = [
    ...(call ? [tenderNotice(context, call, title)] : []),
    ...facts.protocols.map((protocol) => evaluationReport(context, protocol)),
    ...cancellation(context),
  ];
  const milestones = evaluationMilestones(context);
  const amendments = call ? amendmentsOf(call) : [];
  return defined({
    id: lotId,
    title,
    description: announcement?.description ?? lot.tasks ?? undefined,
    status,
    procuringEntity: buyer,
    value: maxAmount,
    procurementMethod: 'open' as const,
    procurementMethodDetails: `${profile.title} (${profile.id})`,
    mainProcurementCategory: 'services' as const,
    awardCriteria: announcement ? ('ratedCriteria' as const) : undefined,
    awardCriteriaDetails: announcement ? criteriaDetails(context, announcement) : undefined,
    submissionMethod: announcement
      ? (['electronicSubmission'] as ['electronicSubmission'])
      : undefined,
    eligibilityCriteria: eligibilityOf(context),
    tenderPeriod: call
      ? defined({
          startDate: iso(call.versions[0].publishedAt),
          endDate: call.closesAt ? iso(call.closesAt) : undefined,
        })
      : undefined,
    enquiryPeriod: call
      ? defined({
          startDate: iso(call.versions[0].publishedAt),
          endDate: call.enquiriesCloseAt ? iso(call.enquiriesCloseAt) : undefined,
        })
      : undefined,
    hasEnquiries: call ? call.hasEnquiries : undefined,
    numberOfTenderers: facts.callClosedAt ? tenderers.length : undefined,
    tenderers: tenderers.length > 0 ? tenderers : undefined,
    items: itemsOf(context),
    documents: documents.length > 0 ? documents : undefined,
    milestones: milestones.length > 0 ? milestones : undefined,
    amendments: amendments.length > 0 ? amendments : undefined,
    lots: [
      defined({
        id: lotId,
        title,
        description: lot.recipients ?? undefined,
        status,
        value: maxAmount,
      }),
    ],
  });
}

/** The grant's territories, each with the most its part may be. */
function itemsOf({ facts, lotId }: Context): Tender['items'] {
  const { territories, currency } = facts.lot;
  if (territories.length === 0) return undefined;
  return territories.map((territory, index) => ({
    id: territory.code ?? `territory-${index + 1}`,
    description: territory.name,
    quantity: 1,
    unit: { name: 'grant', value: value(territory.maxAmount, currency) },
    relatedLot: lotId,
  }));
}

function tenderNotice(context: Context, call: CallFacts, title: string): Document {
  const first = call.versions[0];
  const latest = call.versions.at(-1) ?? first;
  return defined({
    id: 'tender-notice',
    documentType: 'tenderNotice' as const,
    title,
    description: `Announcement version ${latest.version}`,
    url: context.publicUrl(`/public/lots/${context.lotId}/call`),
    datePublished: iso(first.publishedAt),
    dateModified: latest === first ? undefined : iso(latest.publishedAt),
    relatedLots: [context.lotId],
  });
}

/** The criteria as the call states them, each with its points, weight and minimum. */
function criteriaDetails(context: Context, announcement: CallAnnouncement): string {
  const criteria = announcement.criteria.map((criterion) => {
    const terms = [`up to ${criterion.maxPoints} points`];
    if (criterion.weight !== 1) terms.push(`weight ${criterion.weight}`);
    if (criterion.minimum !== null) terms.push(`at least ${criterion.minimum}`);
    if (criterion.naAllowed) terms.push('may be not applicable');
    return `${criterion.code} (${localized(criterion.title, context.language)}): ${terms.join(', ')}`;
  });
  const rules = [`Criteria: ${criteria.join('; ')}.`];
  if (announcement.thresholds.minTotal !== undefined) {
    rules.push(`Total at least ${announcement.thresholds.minTotal}.`);
  }
  rules.push(
    announcement.priorityCriterion
      ? `Ties: ${announcement.tieRule} (${announcement.priorityCriterion}).`
      : `Ties: ${announcement.tieRule}.`,
  );
  return rules.join(' ');
}

function eligibilityOf({ facts, language }: Context): string {
  const announcement = facts.call?.versions.at(-1);
  const eligible = `Eligible: ${(announcement?.eligibility ?? facts.lot.eligibility).join(', ')}.`;
  const required = announcement?.requiredDocuments ?? [];
  if (required.length === 0) return eligible;
  const documents = required.map((document) => {
    const types = document.mimeTypes.length > 0 ? ` (${document.mimeTypes.join(', ')})` : '';
    return `${localized(document.title, language)}${types}`;
  });
  return `${eligible} Required documents: ${documents.join('; ')}.`;
}

function amendmentsOf(call: CallFacts): Amendment[] {
  return call.versions.slice(1).map((version) => {
    const changes = version.changedFields.length > 0 ? version.changedFields.join(', ') : 'none';
    const extension = (version.extendByDays ?? 0) + (version.autoExtendedByDays ?? 0);
    return defined({
      id: `amendment-${version.version}`,
      date: iso(version.publishedAt),
      rationale: version.note ?? undefined,
      description:
        `Version ${version.version}; changed: ${changes}` +
        (extension > 0 ? `; closing extended by ${extension} days` : ''),
    });
  });
}

function evaluationReport(context: Context, protocol: ProtocolFacts): Document {
  const profile = getProfile(context.facts.lot.profileId);
  const published = protocol.supersededAt === null && protocol.round === profile.rounds;
  return defined({
    id: `evaluation-protocol-${protocol.id}`,
    documentType: 'evaluationReports' as const,
    description:
      `Round ${protocol.round} protocol ${protocol.sequence}, sha-256 ${protocol.hash}` +
      (protocol.supersededAt ? `; superseded ${iso(protocol.supersededAt)}` : ''),
    url: published ? context.publicUrl(`/public/lots/${context.lotId}/results`) : undefined,
    datePublished: iso(protocol.closedAt),
    dateModified: protocol.supersededAt ? iso(protocol.supersededAt) : undefined,
    relatedLots: [context.lotId],
  });
}

/** The admissibility check and each round's meeting, with the protocols it signed. */
function evaluationMilestones(context: Context): Milestone[] {
  const { facts, final, lotId } = context;
  const milestones: Milestone[] = [];
  const admissibilityDue = facts.deadlines.admissibility;
  if (admissibilityDue) {
    const done = facts.admissibilityDoneAt;
    milestones.push(
      defined({
        id: 'admissibility',
        type: 'assessment' as const,
        code: 'admissibility',
        dueDate: iso(admissibilityDue),
        dateMet: done ? iso(done) : undefined,
        status: done ? ('met' as const) : final ? ('notMet' as const) : ('scheduled' as const),
        relatedLots: [lotId],
      }),
    );
  }
  const scoringDue: Record<number, Date | undefined> = {
    1: facts.deadlines.scoring,
    2: facts.deadlines.secondRoundScoring,
  };
  for (const round of [1, 2]) {
    const protocols = facts.protocols.filter((protocol) => protocol.round === round);
    const due = scoringDue[round];
    if (!due && protocols.length === 0) continue;
    const live = protocols.find((protocol) => protocol.supersededAt === null);
    milestones.push(
      defined({
        id: `evaluation-round-${round}`,
        type: 'assessment' as const,
        code: 'evaluationMeeting',
        dueDate: due ? iso(due) : undefined,
        dateMet: live ? iso(live.closedAt) : undefined,
        status: live ? ('met' as const) : final ? ('notMet' as const) : ('scheduled' as const),
        documents:
          protocols.length > 0
            ? protocols.map((protocol) => evaluationReport(context, protocol))
            : undefined,
        relatedLots: [lotId],
      }),
    );
  }
  return milestones;
}

function cancellation({ facts, lotId }: Context): Document[] {
  if (facts.lot.state !== 'cancelled' || !facts.lot.cancellationReason) return [];
  return [
    defined({
      id: 'cancellation',
      documentType: 'cancellationDetails' as const,
      description: facts.lot.cancellationReason,
      datePublished: facts.cancelledAt ? iso(facts.cancelledAt) : undefined,
      relatedLots: [lotId],
    }),
  ];
}

/**
 * Nothing about applications before the call closes; afterwards who applied and when, and
 * each bid's validity once the admissibility check is done. Never what an application says.
 */
function bidsOf(context: Context): Bids | undefined {
  const { facts, lotId } = context;
  if (!facts.callClosedAt) return undefined;
  const checked = facts.admissibilityDoneAt !== null;
  const details: Bid[] = facts.bids.map((bid) => ({
    id: bid.applicationId,
    date: iso(bid.submittedAt),
    status: bidStatusOf(bid.decision, checked),
    tenderers: [reference(bid.ngo)],
    relatedLots: [lotId],
  }));
  const count = (status: BidStatus) => details.filter((bid) => bid.status === status).length;
  return {
    statistics: [
      { id: 'bids', measure: 'bids', value: details.length, relatedLot: lotId },
      ...(checked
        ? [
            {
              id: 'validBids',
              measure: 'validBids' as const,
              value: count('valid'),
              relatedLot: lotId,
            },
            {
              id: 'disqualifiedBidders',
              measure: 'disqualifiedBidders' as const,
              value: count('disqualified'),
              relatedLot: lotId,
            },
          ]
        : []),
    ],
    details,
  };
}

function awardOf(context: Context, award: AwardFacts): Award {
  const supplier = context.parties.add(award.ngo, 'supplier');
  return defined({
    id: award.id,
    description: award.statusReason ?? undefined,
    status: awardStatusOf(award.status),
    date: iso(award.decidedAt),
    value: value(award.amount, award.currency),
    suppliers: [supplier],
    relatedLots: [context.lotId],
    relatedBid: award.applicationId,
  });
}

function contractOf(context: Context, agreement: AgreementFacts): Contract {
  const { facts } = context;
  const zone = facts.programme.timeZone;
  const signatures = [agreement.signedByBuyerAt, agreement.signedByGranteeAt];
  const signed = signatures.every((at) => at !== null)
    ? new Date(Math.max(...signatures.map((at) => (at as Date).getTime())))
    : null;
  return defined({
    id: agreement.id,
    awardID: agreement.awardId,
    status: contractStatusOf(agreement.status),
    period:
      agreement.periodStart || agreement.periodEnd
        ? defined({
            startDate: agreement.periodStart
              ? iso(startOfLocalDay(agreement.periodStart, zone))
              : undefined,
            endDate: agreement.periodEnd
              ? iso(endOfLocalDay(agreement.periodEnd, zone))
              : undefined,
          })
        : undefined,
    value: value(agreement.amount, agreement.currency),
    dateSigned: signed ? iso(signed) : undefined,
    implementation: implementationOf(context, agreement),
  });
}

/**
 * Reports as reporting milestones, tranches as payment milestones and, once paid, as
 * transactions; the closure act and a termination as documents.
 */
function implementationOf(context: Context, agreement: AgreementFacts): Implementation | undefined {
  const { facts, lotId } = context;
  const ended = agreement.status === 'terminated' || agreement.status === 'closed';
  const grantee =
    facts.awards.find((award) => award.id === agreement.awardId)?.ngo ??
    facts.bids.find((bid) => bid.ngo.id === agreement.ngoId)?.ngo;
  const reports: Milestone[] = facts.reports
    .filter((report) => report.agreementId === agreement.id)
    .map((report) =>
      defined({
        id: report.id,
        type: 'reporting' as const,
        code: `${report.kind}Report`,
        description: `Report ${report.seq} (${report.kind}), ${report.status}`,
        dueDate: report.dueAt ? iso(report.dueAt) : undefined,
        dateMet: report.acceptedAt ? iso(report.acceptedAt) : undefined,
        dateModified: report.submittedAt ? iso(report.submittedAt) : undefined,
        status:
          report.status === 'accepted'
            ? ('met' as const)
            : ended
              ? ('notMet' as const)
              : ('scheduled' as const),
        relatedLots: [lotId],
      }),
    );
  const tranches = facts.tranches.filter((tranche) => tranche.agreementId === agreement.id);
  const payments: Milestone[] = tranches.map((tranche) =>
    defined({
      id: tranche.id,
      type: 'payment' as const,
      code: 'tranche',
      description: `Tranche ${tranche.seq}`,
      dateMet: tranche.paidAt ? iso(tranche.paidAt) : undefined,
      status: tranche.paidAt
        ? ('met' as const)
        : ended
          ? ('notMet' as const)
          : ('scheduled' as const),
      relatedLots: [lotId],
    }),
  );
  const transactions = tranches.flatMap((tranche) => {
    if (!tranche.paidAt || !grantee) return [];
    return [
      {
        id: tranche.id,
        date: iso(tranche.paidAt),
        value: value(tranche.amount, tranche.currency),
        payer: context.parties.add(facts.buyer, 'payer'),
        payee: context.parties.add(grantee, 'payee'),
      },
    ];
  });
  const documents: Document[] = [];
  if (agreement.status === 'closed' && facts.closure) {
    documents.push({
      id: 'closure-act',
      documentType: 'completionCertificate',
      description: `Closure act sha-256 ${facts.closure.actHash}`,
      datePublished: iso(facts.closure.closedAt),
      relatedLots: [lotId],
    });
  }
  if (agreement.status === 'terminated' && agreement.terminationReason) {
    documents.push(
      defined({
        id: 'termination',
        documentType: 'cancellationDetails' as const,
        description: agreement.terminationReason,
        datePublished: agreement.terminatedAt ? iso(agreement.terminatedAt) : undefined,
        relatedLots: [lotId],
      }),
    );
  }
  const milestones = [...reports, ...payments];
  if (milestones.length === 0 && transactions.length === 0 && documents.length === 0) {
    return undefined;
  }
  return defined({
    milestones: milestones.length > 0 ? milestones : undefined,
    transactions: transactions.length > 0 ? transactions : undefined,
    documents: documents.length > 0 ? documents : undefined,
  });
}

/** A re-announced lot follows on from the unsuccessful one. */
function relatedProcessesOf(context: Context): RelatedProcess[] | undefined {
  const from = context.facts.reannouncedFrom;
  if (!from) return undefined;
  const ocid = ocidOf(context.header.prefix, from.id);
  return [
    defined({
      id: 'unsuccessful-process',
      relationship: ['unsuccessfulProcess'] as ['unsuccessfulProcess'],
      title: `${from.number}. ${from.theme}`,
      scheme: 'ocid' as const,
      identifier: ocid,
      uri: context.publicUrl(`/ocds/records/${ocid}`),
    }),
  ];
}
