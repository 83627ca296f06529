import type { StateValue } from 'xstate';
import { adjacencyMapToArray, getAdjacencyMap } from 'xstate/graph';
import type { LotEvent } from '../../../workflows/lot.events.js';
import {
  lotMachineFor,
  type LotContext,
  type LotSnapshot,
} from '../../../workflows/lot.machine.js';
import {
  startLot,
  stateNameOf,
  type PersistedLotSnapshot,
} from '../../../workflows/lot.transitions.js';
import { getProfile } from '../../../workflows/profiles/index.js';

/** The leaf states each profile's lots can be in, by dotted name. */
export const LEAF_STATES: Record<string, readonly string[]> = {
  'kg-grant': [
    'draft',
    'publicHearing.registration',
    'publicHearing.discussion',
    'callForBids.open',
    'evaluation.admissibility',
    'evaluation.scoring',
    'evaluation.meeting',
    'award.standstill',
    'award.contracting',
    'reporting',
    'closed',
    'terminated',
    'unsuccessful',
    'cancelled',
  ],
  'kz-two-round': [
    'draft',
    'callForBids.open',
    'evaluation.admissibility',
    'evaluation.scoring',
    'evaluation.meeting',
    'evaluation.secondRound.scoring',
    'evaluation.secondRound.meeting',
    'award.standstill',
    'award.contracting',
    'reporting',
    'closed',
    'terminated',
    'unsuccessful',
    'cancelled',
  ],
  'ua-competition': [
    'draft',
    'callForBids.open',
    'evaluation.admissibility',
    'evaluation.scoring',
    'evaluation.meeting',
    'award.standstill',
    'award.contracting',
    'reporting',
    'closed',
    'terminated',
    'unsuccessful',
    'cancelled',
  ],
};

export const FINAL_STATES = ['closed', 'terminated', 'unsuccessful', 'cancelled'];

/** `{ evaluation: { secondRound: 'scoring' } }` from 'evaluation.secondRound.scoring'. */
export function stateValueOf(name: string): StateValue {
  const [head, ...rest] = name.split('.');
  return rest.length === 0 ? head : { [head]: stateValueOf(rest.join('.')) };
}

/** A stored lot of `profileId` in the named state, with context as a fresh lot has it, changed by `context`. */
export function lotAt(
  profileId: string,
  stateName: string,
  context: Partial<LotContext> = {},
): PersistedLotSnapshot {
  const start = startLot(profileId).snapshot;
  return {
    status: FINAL_STATES.includes(stateName) ? 'done' : 'active',
    value: stateValueOf(stateName),
    context: { ...start.context, ...context },
  };
}

/**
 * For each event, facts that pass its guard and facts that fail it, at the profile's own limits
 * (one below the minimum of applications, one day short of the call, 5 of 9 for a 2/3 quorum…).
 */
export function representativeEvents(profileId: string): LotEvent[] {
  const profile = getProfile(profileId);
  const call = profile.durations.callClose;
  const shortestCall = call.minDays ?? 1;
  const amendment = profile.minDaysRemainingAfterAmendment;
  const fullMeeting = { membersPresent: 9, commissionSize: 9, allSheetsSubmitted: true };
  return [
    { type: 'PUBLISH_FOR_HEARING' },
    { type: 'HEARING_REGISTRATION_DEADLINE' },
    { type: 'APPROVE_HEARING_PROTOCOL', callPeriodDays: call.days },
    { type: 'APPROVE_HEARING_PROTOCOL', callPeriodDays: shortestCall - 1 },
    { type: 'REVISE_DRAFT', reason: 'Budget lines changed after the hearing' },
    { type: 'REVISE_DRAFT', reason: ' ' },
    { type: 'OPEN_CALL', callPeriodDays: call.days },
    { type: 'OPEN_CALL', callPeriodDays: shortestCall - 1 },
    { type: 'AMEND_CALL', extendByDays: 7, daysRemaining: amendment },
    { type: 'AMEND_CALL', extendByDays: 7, daysRemaining: amendment - 1 },
    { type: 'CALL_DEADLINE', submittedCount: profile.minApplications },
    { type: 'CALL_DEADLINE', submittedCount: profile.minApplications - 1 },
    { type: 'ADMISSIBILITY_DEADLINE' },
    { type: 'ADMISSIBILITY_DONE', admittedCount: 2 },
    { type: 'ADMISSIBILITY_DONE', admittedCount: 0 },
    { type: 'SCORING_DEADLINE' },
    { type: 'CONVENE_MEETING', allSheetsSubmitted: true },
    { type: 'CONVENE_MEETING', allSheetsSubmitted: false },
    { type: 'CLOSE_EVALUATION', ...fullMeeting, rankedCount: 3 },
    { type: 'CLOSE_EVALUATION', ...fullMeeting, rankedCount: 0 },
    { type: 'CLOSE_EVALUATION', ...fullMeeting, membersPresent: 4, rankedCount: 3 },
    { type: 'CLOSE_EVALUATION', ...fullMeeting, allSheetsSubmitted: false, rankedCount: 3 },
    { type: 'STANDSTILL_ENDS', openComplaints: 0 },
    { type: 'STANDSTILL_ENDS', openComplaints: 1 },
    { type: 'COMPLAINTS_RESOLVED', openComplaints: 0 },
    { type: 'COMPLAINTS_RESOLVED', openComplaints: 1 },
    { type: 'ANNUL_AWARD', reason: 'Complaint upheld by the review body' },
    { type: 'ANNUL_AWARD', reason: '' },
    { type: 'WINNER_DECLINED', remainingRanked: 1 },
    { type: 'WINNER_DECLINED', remainingRanked: 0 },
    { type: 'AGREEMENT_SIGNED' },
    { type: 'REPORT_OVERDUE' },
    { type: 'FINAL_REPORT_ACCEPTED' },
    { type: 'TERMINATE_AGREEMENT', reason: 'The grantee stopped delivering the service' },
    { type: 'TERMINATE_AGREEMENT', reason: '' },
    { type: 'CANCEL', reason: 'The budget line was withdrawn' },
    { type: 'CANCEL', reason: '' },
  ];
}

/** What distinguishes two lots for the guards; the revision counter alone would never end a walk. */
export function serializeLot(snapshot: LotSnapshot): string {
  const context = { ...snapshot.context, revision: 0 };
  return JSON.stringify([snapshot.status, stateNameOf(snapshot.value), context]);
}

export interface LotEdge {
  readonly from: LotSnapshot;
  readonly event: LotEvent;
  readonly to: LotSnapshot;
  /** The event was handled: the state or context changed, or effects were asked for. */
  readonly accepted: boolean;
}

/** Every lot state reachable from draft with the representative events, and every edge between them. */
export function exploreLot(profileId: string) {
  const machine = lotMachineFor(profileId);
  const adjacency = getAdjacencyMap(machine, {
    events: representativeEvents(profileId),
    serializeState: serializeLot,
  });
  const vertices = Object.values(adjacency).map((vertex) => vertex.state);
  const edges: LotEdge[] = adjacencyMapToArray(adjacency).map(({ state, event, nextState }) => ({
    from: state,
    event,
    to: nextState,
    accepted: state.can(event),
  }));
  return { vertices, edges, key: serializeLot };
}
