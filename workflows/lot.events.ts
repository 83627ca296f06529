import type { ActorRole } from './roles.js';

/**
 * The events a lot accepts, with the facts their guards decide on. The engine computes the facts
 * (counts, days) before it calls the machine; the machine never looks anything up itself.
 * Counts are non-negative integers; a guard refuses anything else, so bad facts never move a lot.
 */
export interface LotEventPayloads {
  /** Publish the draft programme's lot and open registration for its public hearing. */
  PUBLISH_FOR_HEARING: NoFacts;
  /** Registration for the hearing has closed (deadline). */
  HEARING_REGISTRATION_DEADLINE: NoFacts;
  /** The hearing protocol is approved and the call opens. */
  APPROVE_HEARING_PROTOCOL: CallPeriodFacts;
  /** After the hearing, the draft goes back for a controlled revision. */
  REVISE_DRAFT: WithReason;
  /** Open the call for applications (profiles without a hearing). */
  OPEN_CALL: CallPeriodFacts;
  /** Publish an amendment to the open call. */
  AMEND_CALL: {
    /** Stated by the buyer: how many days (profile's counting) the amendment moves the closing by. */
    extendByDays: number;
    /** Days left until the call closes once the amendment is published, in the profile's counting. */
    daysRemaining: number;
  };
  /** The call has closed (deadline). */
  CALL_DEADLINE: {
    /** Applications submitted on time and not withdrawn. */
    submittedCount: number;
  };
  /** The time for the admissibility check has run out (deadline): the buyer is told it is late. */
  ADMISSIBILITY_DEADLINE: NoFacts;
  /** Every application has been admitted or rejected with a reason. */
  ADMISSIBILITY_DONE: {
    admittedCount: number;
  };
  /** The time for individual scoring has run out (deadline): the meeting may close with the sheets it has. */
  SCORING_DEADLINE: NoFacts;
  /** The chair convenes the commission's meeting before the scoring deadline. */
  CONVENE_MEETING: {
    /** Every member who is not recused has submitted a score sheet. */
    allSheetsSubmitted: boolean;
  };
  /** The chair closes the evaluation: the protocol is signed. */
  CLOSE_EVALUATION: {
    /** Members present at the meeting. */
    membersPresent: number;
    /** Members of the commission, present or not. */
    commissionSize: number;
    allSheetsSubmitted: boolean;
    /** Admissible applications that reached the threshold, in rank order. */
    rankedCount: number;
  };
  /** The standstill (complaint window) has ended (deadline). */
  STANDSTILL_ENDS: {
    /** Complaints filed against the award and not yet decided. */
    openComplaints: number;
  };
  /** A complaint against the award has been decided. */
  COMPLAINTS_RESOLVED: {
    openComplaints: number;
  };
  /** The award is annulled (e.g. a complaint was upheld) and the commission decides again. */
  ANNUL_AWARD: WithReason;
  /** The winner declines (or does not sign): the award passes to the next in rank, if any. */
  WINNER_DECLINED: {
    /** Ranked applications after the one that declined, not yet offered the award. */
    remainingRanked: number;
  };
  /** The grant agreement is signed by both parties. */
  AGREEMENT_SIGNED: NoFacts;
  /** A report of the agreement was not submitted by its due date (deadline): both sides are told. */
  REPORT_OVERDUE: NoFacts;
  /** The grantee's final report is accepted. */
  FINAL_REPORT_ACCEPTED: NoFacts;
  /** The agreement is terminated early. */
  TERMINATE_AGREEMENT: WithReason;
  /** The buyer cancels the lot. */
  CANCEL: WithReason;
}

type NoFacts = Record<never, never>;

interface WithReason {
  /** Required and published; blank is refused. */
  reason: string;
}

interface CallPeriodFacts {
  /** Days from opening to closing of the call, in the profile's counting. */
  callPeriodDays: number;
}

export type LotEventType = keyof LotEventPayloads;

/** One event for each type: `{ type: 'CALL_DEADLINE', submittedCount: 3 }`. */
export type LotEvent = { [K in LotEventType]: { type: K } & LotEventPayloads[K] }[LotEventType];

export type LotEventOf<K extends LotEventType> = Extract<LotEvent, { type: K }>;

/** Deadline events are sent by the engine when a deadline row falls due, never by a user. */
export type DeadlineEventType =
  | 'HEARING_REGISTRATION_DEADLINE'
  | 'CALL_DEADLINE'
  | 'ADMISSIBILITY_DEADLINE'
  | 'SCORING_DEADLINE'
  | 'STANDSTILL_ENDS'
  | 'REPORT_OVERDUE';

export interface LotEventSpec {
  /** Who may send it (ownership, e.g. "the winner's own NGO", is checked by the engine). */
  readonly roles: readonly ActorRole[];
  /** The payload fields the engine must supply, besides `type`. */
  readonly facts: readonly string[];
}

/** Facts listed for an event must be fields of its payload. */
type EventCatalogue = {
  readonly [K in LotEventType]: LotEventSpec & {
    readonly facts: readonly (keyof LotEventPayloads[K] & string)[];
  };
};

/** The buyer decides; in Kazakhstan the grant operator runs the competition for it. */
const BUYER: readonly ActorRole[] = ['buyer_staff', 'operator_staff'];
const SYSTEM: readonly ActorRole[] = ['system'];
/** The chair or secretary; which member holds the office is checked by the engine. */
const COMMISSION: readonly ActorRole[] = ['commission_member'];

/** The event catalogue: every event a lot may receive, who may send it and what it carries. */
export const LOT_EVENTS = {
  PUBLISH_FOR_HEARING: { roles: BUYER, facts: [] },
  HEARING_REGISTRATION_DEADLINE: { roles: SYSTEM, facts: [] },
  APPROVE_HEARING_PROTOCOL: { roles: BUYER, facts: ['callPeriodDays'] },
  REVISE_DRAFT: { roles: BUYER, facts: ['reason'] },
  OPEN_CALL: { roles: BUYER, facts: ['callPeriodDays'] },
  AMEND_CALL: { roles: BUYER, facts: ['extendByDays', 'daysRemaining'] },
  CALL_DEADLINE: { roles: SYSTEM, facts: ['submittedCount'] },
  ADMISSIBILITY_DEADLINE: { roles: SYSTEM, facts: [] },
  ADMISSIBILITY_DONE: { roles: [...BUYER, ...COMMISSION], facts: ['admittedCount'] },
  SCORING_DEADLINE: { roles: SYSTEM, facts: [] },
  CONVENE_MEETING: { roles: COMMISSION, facts: ['allSheetsSubmitted'] },
  CLOSE_EVALUATION: {
    roles: COMMISSION,
    facts: ['membersPresent', 'commissionSize', 'allSheetsSubmitted', 'rankedCount'],
  },
  STANDSTILL_ENDS: { roles: SYSTEM, facts: ['openComplaints'] },
  // Sent by the engine when the complaints service records a decision.
  COMPLAINTS_RESOLVED: { roles: SYSTEM, facts: ['openComplaints'] },
  ANNUL_AWARD: { roles: BUYER, facts: ['reason'] },
  WINNER_DECLINED: { roles: [...BUYER, 'ngo_member'], facts: ['remainingRanked'] },
  // Sent with the second signature, the buyer's or the grantee's (the signing endpoint checks whose).
  AGREEMENT_SIGNED: { roles: [...BUYER, 'ngo_member'], facts: [] },
  REPORT_OVERDUE: { roles: SYSTEM, facts: [] },
  FINAL_REPORT_ACCEPTED: { roles: BUYER, facts: [] },
  TERMINATE_AGREEMENT: { roles: BUYER, facts: ['reason'] },
  CANCEL: { roles: BUYER, facts: ['reason'] },
} as const satisfies EventCatalogue;

export const LOT_EVENT_TYPES = Object.keys(LOT_EVENTS) as LotEventType[];

export function isLotEventType(type: string): type is LotEventType {
  return Object.hasOwn(LOT_EVENTS, type);
}

export function mayRoleSend(role: ActorRole, type: LotEventType): boolean {
  const roles: readonly ActorRole[] = LOT_EVENTS[type].roles;
  return roles.includes(role);
}
