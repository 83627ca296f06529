import { describe, expect, it } from '@jest/globals';
import { getShortestPaths } from 'xstate/graph';
import { toJson, type StateJson } from '../../../workflows/export.js';
import { LOT_EVENTS, LOT_EVENT_TYPES, type LotEvent } from '../../../workflows/lot.events.js';
import {
  createLotMachine,
  isQuorate,
  lotMachineFor,
  type LotContext,
} from '../../../workflows/lot.machine.js';
import type { ReleaseTag } from '../../../workflows/lot.meta.js';
import {
  applyLotEvent,
  describeMeta,
  restoreLot,
  stateNameOf,
} from '../../../workflows/lot.transitions.js';
import {
  PROFILE_IDS,
  getProfile,
  type DeadlineKind,
  type ProcedureProfile,
} from '../../../workflows/profiles/index.js';
import {
  FINAL_STATES,
  LEAF_STATES,
  exploreLot,
  lotAt,
  representativeEvents,
  serializeLot,
} from './lot-test-kit.js';

const DEADLINE_OF_STATE: Record<string, DeadlineKind> = {
  'publicHearing.registration': 'hearingRegistration',
  'callForBids.open': 'callClose',
  'evaluation.admissibility': 'admissibility',
  'evaluation.scoring': 'scoring',
  'evaluation.secondRound.scoring': 'secondRoundScoring',
  'award.standstill': 'standstill',
};

const RELEASE_OF_STATE: Record<string, ReleaseTag> = {
  'publicHearing.registration': 'planning',
  'callForBids.open': 'tender',
  'evaluation.admissibility': 'tenderUpdate',
  'evaluation.scoring': 'tenderUpdate',
  'evaluation.secondRound.scoring': 'tenderUpdate',
  'award.standstill': 'award',
  'award.contracting': 'awardUpdate',
  reporting: 'contract',
  closed: 'contractTermination',
  terminated: 'contractTermination',
  unsuccessful: 'tenderUpdate',
  cancelled: 'tenderCancellation',
};

function flatten(states: readonly StateJson[]): StateJson[] {
  return states.flatMap((state) => [state, ...flatten(state.states)]);
}

function leafNames(profileId: string): string[] {
  return flatten(toJson(profileId).states)
    .filter((state) => state.states.length === 0)
    .map((state) => state.name);
}

/** Applies `event` to a lot in `stateName`: the state it lands in, or 'refused'. */
function land(
  profileId: string,
  stateName: string,
  event: LotEvent,
  context: Partial<LotContext> = {},
) {
  const result = applyLotEvent(profileId, lotAt(profileId, stateName, context), event);
  return result.accepted ? result.stateName : 'refused';
}

describe.each(PROFILE_IDS)('lot machine of %s', (profileId) => {
  const profile = getProfile(profileId);
  const explored = exploreLot(profileId);
  const leaves = LEAF_STATES[profileId];
  const nonFinal = leaves.filter((name) => !FINAL_STATES.includes(name));

  it('has exactly the states of its procedure when built from the profile', () => {
    expect(leafNames(profileId)).toEqual(leaves);
  });

  it('reaches every state from draft when driven by the representative events', () => {
    const reached = new Set(explored.vertices.map((snapshot) => stateNameOf(snapshot.value)));
    expect([...reached].sort()).toEqual([...leaves].sort());
  });

  it('takes every transition of the definition when given facts for each branch', () => {
    const taken = new Set(
      explored.edges
        .filter((edge) => edge.accepted)
        .map((edge) => {
          const from = stateNameOf(edge.from.value);
          const to = stateNameOf(edge.to.value);
          return `${edge.event.type}:${from}->${to}`;
        }),
    );
    for (const state of flatten(toJson(profileId).states)) {
      for (const t of state.transitions) {
        const sources = leaves.filter((leaf) => `${leaf}.`.startsWith(`${state.name}.`));
        const landsIn = (from: string, to: string) =>
          t.target === null ? to === from : to === t.target || to.startsWith(`${t.target}.`);
        const wasTaken = sources.some((from) =>
          [...taken].some((key) => {
            const [event, path] = key.split(':');
            const [keyFrom, keyTo] = path.split('->');
            return event === t.event && keyFrom === from && landsIn(from, keyTo);
          }),
        );
        expect({ state: state.name, ...t, taken: wasTaken }).toMatchObject({ taken: true });
      }
    }
  });

  it('can always reach a final state when in any reachable state (no lot gets stuck)', () => {
    const canFinish = new Set(
      explored.vertices.filter((s) => s.status === 'done').map(explored.key),
    );
    let grew = true;
    while (grew) {
      grew = false;
      for (const edge of explored.edges) {
        const from = explored.key(edge.from);
        if (edge.accepted && !canFinish.has(from) && canFinish.has(explored.key(edge.to))) {
          canFinish.add(from);
          grew = true;
        }
      }
    }
    const stuck = explored.vertices.map(explored.key).filter((key) => !canFinish.has(key));
    expect(stuck).toEqual([]);
  });

  it('finds a shortest path to every final state when walked with xstate/graph', () => {
    const paths = getShortestPaths(lotMachineFor(profileId), {
      events: representativeEvents(profileId),
      serializeState: serializeLot,
      toState: (snapshot) => snapshot.status === 'done',
    });
    const outcomes = new Set(paths.map((path) => stateNameOf(path.state.value)));
    expect([...outcomes].sort()).toEqual([...FINAL_STATES].sort());
  });

  it.each(nonFinal)('cancels with the reason when CANCEL comes in %s', (stateName) => {
    const result = applyLotEvent(profileId, lotAt(profileId, stateName), {
      type: 'CANCEL',
      reason: '  The budget line was withdrawn ',
    });
    expect(result).toMatchObject({ accepted: true, stateName: 'cancelled', final: true });
    expect(result.snapshot.context.cancellationReason).toBe('The budget line was withdrawn');
  });

  it.each(nonFinal)('refuses CANCEL when the reason is blank in %s', (stateName) => {
    expect(land(profileId, stateName, { type: 'CANCEL', reason: ' ' })).toBe('refused');
  });

  it.each(FINAL_STATES)('accepts no event at all when in the final state %s', (stateName) => {
    const lot = lotAt(profileId, stateName);
    for (const event of representativeEvents(profileId)) {
      const result = applyLotEvent(profileId, lot, event);
      expect({ event: event.type, accepted: result.accepted }).toEqual({
        event: event.type,
        accepted: false,
      });
      expect(result.snapshot).toEqual(lot);
    }
    expect(describeMeta(restoreLot(profileId, lot)).roles).toEqual({});
  });

  it.each(leaves)('arms exactly the deadline it declares when in %s', (stateName) => {
    const meta = describeMeta(restoreLot(profileId, lotAt(profileId, stateName)));
    const expected = DEADLINE_OF_STATE[stateName];
    expect(meta.deadlines.map((deadline) => deadline.kind)).toEqual(expected ? [expected] : []);
    for (const deadline of meta.deadlines) {
      expect(meta.roles[deadline.event]).toEqual(['system']);
      expect(deadline.dayCounting).toBe(profile.dayCounting);
      expect(deadline.days).toBe(expectedDays(profile, deadline.kind));
      expect(deadline.reminders.map((r) => r.daysBefore)).toEqual(
        profile.reminders[deadline.kind] ?? [],
      );
    }
  });

  it.each(leaves)('lets only the catalogue roles send each event when in %s', (stateName) => {
    const { roles } = describeMeta(restoreLot(profileId, lotAt(profileId, stateName)));
    for (const [type, allowed] of Object.entries(roles)) {
      expect(allowed).toEqual(LOT_EVENTS[type as keyof typeof LOT_EVENTS].roles);
    }
  });

  it.each(leaves)('publishes the OCDS release of its stage when entering %s', (stateName) => {
    const meta = describeMeta(restoreLot(profileId, lotAt(profileId, stateName)));
    const expected = RELEASE_OF_STATE[stateName];
    expect(meta.releases).toEqual(expected ? [expected] : []);
  });

  it('tells hearing registrants of the call only when the profile has a hearing', () => {
    const meta = describeMeta(restoreLot(profileId, lotAt(profileId, 'callForBids.open')));
    expect(meta.notifications).toEqual([
      {
        name: 'lot.callOpened',
        recipients: profile.hasHearing
          ? ['ngoApplicants', 'hearingRegistrants']
          : ['ngoApplicants'],
      },
    ]);
  });

  it('handles only catalogue events and gives each a role when built', () => {
    const handled = new Set(
      flatten(toJson(profileId).states).flatMap((s) => s.transitions.map((t) => t.event)),
    );
    for (const type of handled) expect(LOT_EVENTS[type].roles.length).toBeGreaterThan(0);
  });
});

function expectedDays(profile: ProcedureProfile, kind: DeadlineKind): number | undefined {
  return kind === 'standstill' ? profile.standstillDays : profile.durations[kind]?.days;
}

describe('lot machine across profiles', () => {
  it('uses every event of the catalogue in at least one profile', () => {
    const handled = new Set(
      PROFILE_IDS.flatMap((id) =>
        flatten(toJson(id).states).flatMap((s) => s.transitions.map((t) => t.event)),
      ),
    );
    expect([...handled].sort()).toEqual([...LOT_EVENT_TYPES].sort());
  });

  it('covers every event type with representative facts', () => {
    for (const id of PROFILE_IDS) {
      const types = new Set(representativeEvents(id).map((event) => event.type));
      expect([...types].sort()).toEqual([...LOT_EVENT_TYPES].sort());
      for (const event of representativeEvents(id)) {
        const facts = Object.keys(event).filter((key) => key !== 'type');
        expect(facts.sort()).toEqual([...LOT_EVENTS[event.type].facts].sort());
      }
    }
  });

  it('refuses to build when a profile lacks the duration of a deadline it needs', () => {
    const profile = getProfile('kz-two-round');
    const durations = { ...profile.durations, secondRoundScoring: undefined };
    expect(() => createLotMachine({ ...profile, durations })).toThrow(
      /no duration for its secondRoundScoring deadline/,
    );
  });
});

describe('lot machine paths by profile', () => {
  it('goes to the public hearing first when the profile has one', () => {
    expect(land('kg-grant', 'draft', { type: 'PUBLISH_FOR_HEARING' })).toBe(
      'publicHearing.registration',
    );
    expect(land('kg-grant', 'draft', { type: 'OPEN_CALL', callPeriodDays: 30 })).toBe('refused');
  });

  it('opens the call straight from draft when the profile has no hearing', () => {
    expect(land('ua-competition', 'draft', { type: 'OPEN_CALL', callPeriodDays: 10 })).toBe(
      'callForBids.open',
    );
    expect(land('ua-competition', 'draft', { type: 'PUBLISH_FOR_HEARING' })).toBe('refused');
  });

  it('runs a second round only when the profile has two rounds', () => {
    const close = {
      type: 'CLOSE_EVALUATION',
      membersPresent: 9,
      commissionSize: 9,
      allSheetsSubmitted: true,
      rankedCount: 4,
    } as const;
    const kz = applyLotEvent('kz-two-round', lotAt('kz-two-round', 'evaluation.meeting'), close);
    expect(kz).toMatchObject({ stateName: 'evaluation.secondRound.scoring' });
    expect(kz.snapshot.context.round).toBe(2);
    expect(land('kz-two-round', 'evaluation.secondRound.meeting', close)).toBe('award.standstill');
    expect(land('ua-competition', 'evaluation.meeting', close)).toBe('award.standstill');
  });
});

describe('lot machine guards', () => {
  it('moves through the hearing when registration closes and the protocol is approved', () => {
    expect(
      land('kg-grant', 'publicHearing.registration', { type: 'HEARING_REGISTRATION_DEADLINE' }),
    ).toBe('publicHearing.discussion');
    expect(
      land('kg-grant', 'publicHearing.discussion', {
        type: 'APPROVE_HEARING_PROTOCOL',
        callPeriodDays: 15,
      }),
    ).toBe('callForBids.open');
    expect(
      land('kg-grant', 'publicHearing.discussion', {
        type: 'APPROVE_HEARING_PROTOCOL',
        callPeriodDays: 14,
      }),
    ).toBe('refused');
  });

  it('counts a revision when the draft goes back after the hearing', () => {
    const result = applyLotEvent('kg-grant', lotAt('kg-grant', 'publicHearing.discussion'), {
      type: 'REVISE_DRAFT',
      reason: 'Comments on territories',
    });
    expect(result).toMatchObject({ accepted: true, stateName: 'draft' });
    expect(result.snapshot.context.revision).toBe(1);
    expect(result.actions).toContainEqual({ type: 'publishRelease', tag: 'planningUpdate' });
    expect(land('kg-grant', 'publicHearing.discussion', { type: 'REVISE_DRAFT', reason: '' })).toBe(
      'refused',
    );
  });

  it.each([
    { profileId: 'kz-two-round', days: 19, outcome: 'refused' },
    { profileId: 'kz-two-round', days: 20, outcome: 'callForBids.open' },
    { profileId: 'kz-two-round', days: 30, outcome: 'callForBids.open' },
    { profileId: 'kz-two-round', days: 31, outcome: 'refused' },
    { profileId: 'ua-competition', days: 6, outcome: 'refused' },
    { profileId: 'ua-competition', days: 7, outcome: 'callForBids.open' },
    { profileId: 'ua-competition', days: 7.5, outcome: 'refused' },
  ])('answers OPEN_CALL of $profileId with $outcome when the call lasts $days days', (row) => {
    expect(land(row.profileId, 'draft', { type: 'OPEN_CALL', callPeriodDays: row.days })).toBe(
      row.outcome,
    );
  });

  it.each([
    { profileId: 'ua-competition', daysRemaining: 3, accepted: false },
    { profileId: 'ua-competition', daysRemaining: 4, accepted: true },
    { profileId: 'kz-two-round', daysRemaining: 4, accepted: false },
    { profileId: 'kz-two-round', daysRemaining: 5, accepted: true },
  ])(
    'accepts AMEND_CALL of $profileId: $accepted, when $daysRemaining days remain after it',
    ({ profileId, daysRemaining, accepted }) => {
      const result = applyLotEvent(profileId, lotAt(profileId, 'callForBids.open'), {
        type: 'AMEND_CALL',
        extendByDays: 7,
        daysRemaining,
      });
      expect(result.accepted).toBe(accepted);
      expect(result.stateName).toBe('callForBids.open');
    },
  );

  it.each([
    { profileId: 'ua-competition', submittedCount: 1, outcome: 'unsuccessful' },
    { profileId: 'ua-competition', submittedCount: 2, outcome: 'evaluation.admissibility' },
    { profileId: 'kg-grant', submittedCount: 0, outcome: 'unsuccessful' },
    { profileId: 'kg-grant', submittedCount: 1, outcome: 'evaluation.admissibility' },
    { profileId: 'kg-grant', submittedCount: -1, outcome: 'refused' },
    { profileId: 'kg-grant', submittedCount: Number.NaN, outcome: 'refused' },
  ])(
    'answers CALL_DEADLINE of $profileId with $outcome when $submittedCount applications were submitted',
    ({ profileId, submittedCount, outcome }) => {
      const deadline = { type: 'CALL_DEADLINE', submittedCount } as const;
      expect(land(profileId, 'callForBids.open', deadline)).toBe(outcome);
    },
  );

  it.each([
    { admittedCount: 0, outcome: 'unsuccessful' },
    { admittedCount: 1, outcome: 'evaluation.scoring' },
    { admittedCount: 1.5, outcome: 'refused' },
  ])(
    'answers ADMISSIBILITY_DONE with $outcome when $admittedCount applications are admitted',
    ({ admittedCount, outcome }) => {
      const done = { type: 'ADMISSIBILITY_DONE', admittedCount } as const;
      expect(land('kg-grant', 'evaluation.admissibility', done)).toBe(outcome);
    },
  );

  it('tells the buyer and stays when the admissibility deadline passes', () => {
    const lot = lotAt('kz-two-round', 'evaluation.admissibility');
    const result = applyLotEvent('kz-two-round', lot, { type: 'ADMISSIBILITY_DEADLINE' });
    expect(result).toMatchObject({ accepted: true, stateName: 'evaluation.admissibility' });
    expect(result.snapshot).toEqual(lot);
    expect(result.actions).toEqual([
      {
        type: 'notify',
        notification: {
          name: 'lot.admissibilityOverdue',
          recipients: ['buyerStaff', 'commission'],
        },
      },
    ]);
  });

  it('tells the grantee and the buyer and stays when a report is overdue', () => {
    const lot = lotAt('ua-competition', 'reporting');
    const result = applyLotEvent('ua-competition', lot, { type: 'REPORT_OVERDUE' });
    expect(result).toMatchObject({ accepted: true, stateName: 'reporting' });
    expect(result.snapshot).toEqual(lot);
    expect(result.actions).toEqual([
      {
        type: 'notify',
        notification: { name: 'lot.reportOverdue', recipients: ['grantee', 'buyerStaff'] },
      },
    ]);
  });

  it('convenes the meeting early only when every sheet is in', () => {
    const scoring = 'evaluation.scoring';
    expect(land('kg-grant', scoring, { type: 'CONVENE_MEETING', allSheetsSubmitted: false })).toBe(
      'refused',
    );
    expect(land('kg-grant', scoring, { type: 'CONVENE_MEETING', allSheetsSubmitted: true })).toBe(
      'evaluation.meeting',
    );
    const late = applyLotEvent('kg-grant', lotAt('kg-grant', scoring), {
      type: 'SCORING_DEADLINE',
    });
    expect(late).toMatchObject({ stateName: 'evaluation.meeting' });
    expect(late.snapshot.context.scoringDeadlinePassed).toBe(true);
  });

  it.each([
    { profileId: 'kz-two-round', present: 6, size: 9, outcome: 'evaluation.secondRound.scoring' },
    { profileId: 'kz-two-round', present: 5, size: 9, outcome: 'refused' },
    { profileId: 'kz-two-round', present: 10, size: 9, outcome: 'refused' },
    { profileId: 'kz-two-round', present: 0, size: 0, outcome: 'refused' },
    { profileId: 'kg-grant', present: 4, size: 8, outcome: 'award.standstill' },
    { profileId: 'kg-grant', present: 3, size: 8, outcome: 'refused' },
  ])(
    'answers CLOSE_EVALUATION of $profileId with $outcome when $present of $size members are present',
    ({ profileId, present, size, outcome }) => {
      const close = {
        type: 'CLOSE_EVALUATION',
        membersPresent: present,
        commissionSize: size,
        allSheetsSubmitted: true,
        rankedCount: 2,
      } as const;
      expect(land(profileId, 'evaluation.meeting', close)).toBe(outcome);
    },
  );

  it.each([
    { sheets: true, deadlinePassed: false, ranked: 2, outcome: 'award.standstill' },
    { sheets: false, deadlinePassed: false, ranked: 2, outcome: 'refused' },
    { sheets: false, deadlinePassed: true, ranked: 2, outcome: 'award.standstill' },
    { sheets: true, deadlinePassed: false, ranked: 0, outcome: 'unsuccessful' },
    { sheets: true, deadlinePassed: false, ranked: -1, outcome: 'refused' },
  ])(
    'answers CLOSE_EVALUATION with $outcome when all sheets are in: $sheets, scoring deadline passed: $deadlinePassed, ranked: $ranked',
    ({ sheets, deadlinePassed, ranked, outcome }) => {
      const close = {
        type: 'CLOSE_EVALUATION',
        membersPresent: 9,
        commissionSize: 9,
        allSheetsSubmitted: sheets,
        rankedCount: ranked,
      } as const;
      const context = { scoringDeadlinePassed: deadlinePassed };
      expect(land('ua-competition', 'evaluation.meeting', close, context)).toBe(outcome);
    },
  );

  it('resets the scoring clock when the second round starts', () => {
    const result = applyLotEvent(
      'kz-two-round',
      lotAt('kz-two-round', 'evaluation.meeting', { scoringDeadlinePassed: true }),
      {
        type: 'CLOSE_EVALUATION',
        membersPresent: 7,
        commissionSize: 9,
        allSheetsSubmitted: false,
        rankedCount: 3,
      },
    );
    expect(result.snapshot.context).toMatchObject({ round: 2, scoringDeadlinePassed: false });
  });

  it('goes to contracting when the standstill ends without open complaints', () => {
    expect(
      land('ua-competition', 'award.standstill', { type: 'STANDSTILL_ENDS', openComplaints: 0 }),
    ).toBe('award.contracting');
  });

  it('holds the award until complaints are resolved when the standstill ends with some open', () => {
    const held = applyLotEvent('ua-competition', lotAt('ua-competition', 'award.standstill'), {
      type: 'STANDSTILL_ENDS',
      openComplaints: 2,
    });
    expect(held).toMatchObject({ accepted: true, stateName: 'award.standstill' });
    expect(held.snapshot.context.standstillElapsed).toBe(true);
    expect(held.actions.map((a) => a.type)).toEqual(['notify']);

    const stillOpen = applyLotEvent('ua-competition', held.snapshot, {
      type: 'COMPLAINTS_RESOLVED',
      openComplaints: 1,
    });
    expect(stillOpen.accepted).toBe(false);
    const resolved = applyLotEvent('ua-competition', held.snapshot, {
      type: 'COMPLAINTS_RESOLVED',
      openComplaints: 0,
    });
    expect(resolved).toMatchObject({ accepted: true, stateName: 'award.contracting' });
  });

  it('leaves the standstill to its deadline when complaints are resolved before it ends', () => {
    expect(
      land('ua-competition', 'award.standstill', {
        type: 'COMPLAINTS_RESOLVED',
        openComplaints: 0,
      }),
    ).toBe('refused');
  });

  it('opens a new standstill for the next in rank when the winner declines', () => {
    const result = applyLotEvent('kg-grant', lotAt('kg-grant', 'award.contracting'), {
      type: 'WINNER_DECLINED',
      remainingRanked: 2,
    });
    expect(result).toMatchObject({ accepted: true, stateName: 'award.standstill' });
    expect(result.actions.map((a) => a.type)).toEqual([
      'notify',
      'armDeadline',
      'publishRelease',
      'notify',
    ]);
  });

  it('restarts the standstill deadline when the winner declines during it', () => {
    const result = applyLotEvent(
      'kg-grant',
      lotAt('kg-grant', 'award.standstill', { standstillElapsed: true }),
      { type: 'WINNER_DECLINED', remainingRanked: 1 },
    );
    expect(result.actions.slice(0, 2)).toEqual([
      { type: 'cancelDeadline', kind: 'standstill' },
      expect.objectContaining({ type: 'notify' }),
    ]);
    expect(result.actions).toContainEqual(expect.objectContaining({ type: 'armDeadline' }));
    expect(result.snapshot.context.standstillElapsed).toBe(false);
  });

  it('makes the lot unsuccessful when the winner declines and nobody is left', () => {
    expect(
      land('kg-grant', 'award.contracting', { type: 'WINNER_DECLINED', remainingRanked: 0 }),
    ).toBe('unsuccessful');
  });

  it.each([
    ['kg-grant', 'evaluation.meeting'],
    ['kz-two-round', 'evaluation.secondRound.meeting'],
  ])('returns the %s lot to %s when the award is annulled', (profileId, meeting) => {
    const annul = { type: 'ANNUL_AWARD', reason: 'Complaint upheld' } as const;
    expect(land(profileId, 'award.standstill', annul, { round: 2 })).toBe(meeting);
    expect(land(profileId, 'award.standstill', { ...annul, reason: '' })).toBe('refused');
    expect(land(profileId, 'award.contracting', annul)).toBe('refused');
  });

  it('moves from the signed agreement to closure or termination', () => {
    expect(land('kg-grant', 'award.contracting', { type: 'AGREEMENT_SIGNED' })).toBe('reporting');
    expect(land('kg-grant', 'reporting', { type: 'FINAL_REPORT_ACCEPTED' })).toBe('closed');
    const terminated = applyLotEvent('kg-grant', lotAt('kg-grant', 'reporting'), {
      type: 'TERMINATE_AGREEMENT',
      reason: 'Service stopped',
    });
    expect(terminated).toMatchObject({ stateName: 'terminated', final: true });
    expect(terminated.snapshot.context.terminationReason).toBe('Service stopped');
    expect(land('kg-grant', 'reporting', { type: 'TERMINATE_AGREEMENT', reason: '' })).toBe(
      'refused',
    );
  });
});

describe('isQuorate', () => {
  const twoThirds = { numerator: 2, denominator: 3 };

  it.each([
    [6, 9, true],
    [5, 9, false],
    [10, 15, true],
    [9, 15, false],
    [2, 3, true],
    [0, 0, false],
    [4, 3, false],
  ])('says %d of %d meet a two-thirds quorum: %s', (present, size, expected) => {
    expect(isQuorate(twoThirds, present, size)).toBe(expected);
  });
});
