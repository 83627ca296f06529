import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import {
  LOT_EVENTS,
  isLotEventType,
  type DeadlineEventType,
  type LotEvent,
  type LotEventType,
} from './lot.events.js';
import type {
  DeadlineSpec,
  LotEffectParams,
  LotStateMeta,
  NotificationSpec,
  RecipientGroup,
  ReleaseTag,
} from './lot.meta.js';
import {
  getProfile,
  type DeadlineKind,
  type Fraction,
  type ProcedureProfile,
} from './profiles/index.js';
import type { ActorRole } from './roles.js';

/**
 * The lifecycle of one lot, built from a procedure profile. Pure: no `after` delays, no invoked
 * actors, no I/O. Deadlines, notifications and OCDS releases are declared in state meta and
 * returned as effect descriptors; the lot engine carries them out and sends deadline events
 * back when they fall due.
 */

/** JSON-safe: persisted with the lot (jsonb) and restored with `resolveState`. */
export interface LotContext {
  readonly profileId: string;
  /** The evaluation round in progress, or the last one held. */
  readonly round: 1 | 2;
  /** Times the draft went back for revision after a public hearing. */
  readonly revision: number;
  /** The scoring deadline of the current round has passed: the meeting may close without every sheet. */
  readonly scoringDeadlinePassed: boolean;
  /** The standstill of the current award has passed, but complaints held the award. */
  readonly standstillElapsed: boolean;
  readonly cancellationReason: string | null;
  readonly terminationReason: string | null;
}

/** A count the engine passes as a fact: anything but a non-negative integer is refused. */
function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

/** At least `quorum` of the commission is present, in integers: 6 of 9 meets 2/3, 5 of 9 does not. */
export function isQuorate(
  quorum: Fraction,
  membersPresent: number,
  commissionSize: number,
): boolean {
  return (
    isCount(membersPresent) &&
    isCount(commissionSize) &&
    commissionSize > 0 &&
    membersPresent <= commissionSize &&
    membersPresent * quorum.denominator >= commissionSize * quorum.numerator
  );
}

type StateDeclaration = Omit<LotStateMeta, 'roles'>;

/** Context updates a state runs on entry, besides its declared effects. */
type EntryUpdate = 'startScoring' | 'startSecondRound' | 'startStandstill';

type EffectAction = {
  [K in keyof LotEffectParams]: { readonly type: K; readonly params: LotEffectParams[K] };
}[keyof LotEffectParams];

const effect = {
  notify: (notification: NotificationSpec): EffectAction => ({
    type: 'notify',
    params: { notification },
  }),
  publishRelease: (tag: ReleaseTag): EffectAction => ({ type: 'publishRelease', params: { tag } }),
};

function rolesFor(on: object): LotStateMeta['roles'] {
  const roles: Partial<Record<LotEventType, readonly ActorRole[]>> = {};
  for (const type of Object.keys(on).filter(isLotEventType)) roles[type] = LOT_EVENTS[type].roles;
  return roles;
}

interface LotStateBody {
  readonly type?: 'final';
  readonly initial?: string;
  readonly entry?: readonly EntryUpdate[];
  readonly on?: object;
  readonly states?: object;
}

/**
 * A state whose meta is its declaration plus the roles of the events it handles (taken from the
 * event catalogue, so the two cannot drift), and whose entry and exit actions carry out the
 * declaration: arm and cancel its deadline, publish its release, send its notifications.
 */
function lotState<const T extends LotStateBody>(declaration: StateDeclaration, body: T) {
  const { deadline, release, notifications = [] } = declaration;
  const entry: (EntryUpdate | EffectAction)[] = [...(body.entry ?? [])];
  if (deadline) entry.push({ type: 'armDeadline', params: { deadline } });
  if (release) entry.push(effect.publishRelease(release));
  entry.push(...notifications.map(effect.notify));
  const exit: EffectAction[] = deadline
    ? [{ type: 'cancelDeadline', params: { kind: deadline.kind } }]
    : [];
  const meta: LotStateMeta = { ...declaration, roles: rolesFor(body.on ?? {}) };
  return { ...body, meta, entry, exit };
}

/** Builds the lot machine of one profile; prefer the cached `lotMachineFor(profileId)`. */
export function createLotMachine(profile: ProcedureProfile) {
  const { hasHearing } = profile;
  const twoRounds = profile.rounds === 2;

  function deadline(
    kind: DeadlineKind,
    event: DeadlineEventType,
    remind: readonly RecipientGroup[],
  ): DeadlineSpec {
    const duration =
      kind === 'standstill' ? { days: profile.standstillDays } : profile.durations[kind];
    if (!duration)
      throw new Error(`Profile ${profile.id} has no duration for its ${kind} deadline`);
    const enquiries = kind === 'callClose' ? profile.enquiriesCloseDaysBeforeCallClose : null;
    return {
      kind,
      event,
      ...duration,
      dayCounting: profile.dayCounting,
      reminders: (profile.reminders[kind] ?? []).map((daysBefore) => ({
        daysBefore,
        notification: { name: `lot.${kind}Reminder`, recipients: remind },
      })),
      ...(enquiries === null ? {} : { enquiriesCloseDaysBefore: enquiries }),
      ...(kind === 'callClose' ? { daysFromFact: 'callPeriodDays' as const } : {}),
    };
  }

  const callAudience: RecipientGroup[] = hasHearing
    ? ['ngoApplicants', 'hearingRegistrants']
    : ['ngoApplicants'];

  const cancel = {
    guard: 'reasonGiven',
    target: '#lot.cancelled',
    actions: 'recordCancellation',
  } as const;

  /** Closing a round's meeting: with nothing ranked the lot is unsuccessful, else it goes on. */
  const closeEvaluation = (next: string) =>
    [
      { guard: 'evaluationClosesWithoutRanking', target: '#lot.unsuccessful' },
      { guard: 'evaluationClosesWithRanking', target: next },
    ] as const;

  const scoringBody = (meeting: string) =>
    ({
      entry: ['startScoring'],
      on: {
        SCORING_DEADLINE: { target: meeting, actions: 'markScoringDeadlinePassed' },
        CONVENE_MEETING: { guard: 'allSheetsSubmitted', target: meeting },
      },
    }) as const;

  const meetingDeclaration: StateDeclaration = {
    description: 'The commission meets to rank the applications and sign the protocol.',
    notifications: [{ name: 'lot.meetingConvened', recipients: ['commission', 'buyerStaff'] }],
  };
  const scoringNotice: NotificationSpec = { name: 'lot.scoringOpened', recipients: ['commission'] };

  return setup({
    types: {
      context: {} as LotContext,
      events: {} as LotEvent,
      meta: {} as LotStateMeta,
    },
    actions: {
      // Effect descriptors: nothing runs here; the engine carries them out from transition()'s result.
      armDeadline: (_, _params: LotEffectParams['armDeadline']) => undefined,
      cancelDeadline: (_, _params: LotEffectParams['cancelDeadline']) => undefined,
      rescheduleDeadline: (_, _params: LotEffectParams['rescheduleDeadline']) => undefined,
      notify: (_, _params: LotEffectParams['notify']) => undefined,
      publishRelease: (_, _params: LotEffectParams['publishRelease']) => undefined,

      recordCancellation: assign({
        cancellationReason: ({ event }) => {
          assertEvent(event, 'CANCEL');
          return event.reason.trim();
        },
      }),
      recordTermination: assign({
        terminationReason: ({ event }) => {
          assertEvent(event, 'TERMINATE_AGREEMENT');
          return event.reason.trim();
        },
      }),
      countRevision: assign({ revision: ({ context }) => context.revision + 1 }),
      startScoring: assign({ scoringDeadlinePassed: false }),
      markScoringDeadlinePassed: assign({ scoringDeadlinePassed: true }),
      startSecondRound: assign({ round: 2 as const }),
      startStandstill: assign({ standstillElapsed: false }),
      markStandstillElapsed: assign({ standstillElapsed: true }),
    },
    guards: {
      reasonGiven: ({ event }) =>
        'reason' in event && typeof event.reason === 'string' && event.reason.trim().length > 0,
      callPeriodAllowed: ({ event }) => {
        assertEvent(event, ['OPEN_CALL', 'APPROVE_HEARING_PROTOCOL']);
        const { minDays = 1, maxDays = Infinity } = profile.durations.callClose;
        const days = event.callPeriodDays;
        return isCount(days) && days >= Math.max(1, minDays) && days <= maxDays;
      },
      amendmentLeavesEnoughTime: ({ event }) => {
        assertEvent(event, 'AMEND_CALL');
        return (
          isCount(event.daysRemaining) &&
          event.daysRemaining >= profile.minDaysRemainingAfterAmendment
        );
      },
      tooFewApplications: ({ event }) => {
        assertEvent(event, 'CALL_DEADLINE');
        return isCount(event.submittedCount) && event.submittedCount < profile.minApplications;
      },
      enoughApplications: ({ event }) => {
        assertEvent(event, 'CALL_DEADLINE');
        return isCount(event.submittedCount) && event.submittedCount >= profile.minApplications;
      },
      noneAdmitted: ({ event }) => {
        assertEvent(event, 'ADMISSIBILITY_DONE');
        return event.admittedCount === 0;
      },
      someAdmitted: ({ event }) => {
        assertEvent(event, 'ADMISSIBILITY_DONE');
        return isCount(event.admittedCount) && event.admittedCount > 0;
      },
      allSheetsSubmitted: ({ event }) => {
        assertEvent(event, 'CONVENE_MEETING');
        return event.allSheetsSubmitted === true;
      },
      evaluationClosesWithoutRanking: ({ context, event }) => {
        assertEvent(event, 'CLOSE_EVALUATION');
        return evaluationMayClose(profile, context, event) && event.rankedCount === 0;
      },
      evaluationClosesWithRanking: ({ context, event }) => {
        assertEvent(event, 'CLOSE_EVALUATION');
        return (
          evaluationMayClose(profile, context, event) &&
          isCount(event.rankedCount) &&
          event.rankedCount > 0
        );
      },
      noComplaintsOpen: ({ event }) => {
        assertEvent(event, 'STANDSTILL_ENDS');
        return event.openComplaints === 0;
      },
      complaintsOpen: ({ event }) => {
        assertEvent(event, 'STANDSTILL_ENDS');
        return isCount(event.openComplaints) && event.openComplaints > 0;
      },
      complaintsResolvedAfterStandstill: ({ context, event }) => {
        assertEvent(event, 'COMPLAINTS_RESOLVED');
        return event.openComplaints === 0 && context.standstillElapsed;
      },
      nextInRank: ({ event }) => {
        assertEvent(event, 'WINNER_DECLINED');
        return isCount(event.remainingRanked) && event.remainingRanked > 0;
      },
      noneLeftInRank: ({ event }) => {
        assertEvent(event, 'WINNER_DECLINED');
        return event.remainingRanked === 0;
      },
    },
  }).createMachine({
    id: 'lot',
    initial: 'draft',
    context: {
      profileId: profile.id,
      round: 1,
      revision: 0,
      scoringDeadlinePassed: false,
      standstillElapsed: false,
      cancellationReason: null,
      terminationReason: null,
    },
    states: {
      draft: lotState(
        { description: 'The lot as planned: theme, territory, amounts, criteria; editable.' },
        {
          on: {
            ...(hasHearing
              ? ({ PUBLISH_FOR_HEARING: { target: '#lot.publicHearing' } } as const)
              : ({
                  OPEN_CALL: { guard: 'callPeriodAllowed', target: '#lot.callForBids' },
                } as const)),
            CANCEL: cancel,
          },
        },
      ),

      ...(hasHearing && {
        publicHearing: lotState(
          { description: 'The draft is under public hearing.' },
          {
            initial: 'registration',
            on: { CANCEL: cancel },
            states: {
              registration: lotState(
                {
                  description: 'The hearing is announced; the public registers until the deadline.',
                  deadline: deadline('hearingRegistration', 'HEARING_REGISTRATION_DEADLINE', [
                    'ngoApplicants',
                  ]),
                  release: 'planning',
                  notifications: [
                    { name: 'lot.hearingAnnounced', recipients: ['ngoApplicants', 'buyerStaff'] },
                  ],
                },
                {
                  on: {
                    HEARING_REGISTRATION_DEADLINE: { target: '#lot.publicHearing.discussion' },
                  },
                },
              ),
              discussion: lotState(
                {
                  description:
                    'The hearing is held, comments are answered, the protocol is drawn up.',
                  notifications: [
                    {
                      name: 'lot.hearingRegistrationClosed',
                      recipients: ['hearingRegistrants', 'buyerStaff'],
                    },
                  ],
                },
                {
                  on: {
                    APPROVE_HEARING_PROTOCOL: {
                      guard: 'callPeriodAllowed',
                      target: '#lot.callForBids',
                    },
                    REVISE_DRAFT: {
                      guard: 'reasonGiven',
                      target: '#lot.draft',
                      actions: [
                        'countRevision',
                        // The hearing's decision to revise is public: the planning is updated.
                        effect.publishRelease('planningUpdate'),
                        effect.notify({
                          name: 'lot.draftReturnedForRevision',
                          recipients: ['hearingRegistrants'],
                        }),
                      ],
                    },
                  },
                },
              ),
            },
          },
        ),
      }),

      callForBids: lotState(
        { description: 'The call for applications.' },
        {
          initial: 'open',
          on: { CANCEL: cancel },
          states: {
            open: lotState(
              {
                description: 'The call is open: questions, amendments, applications.',
                deadline: deadline('callClose', 'CALL_DEADLINE', ['ngoApplicants']),
                release: 'tender',
                notifications: [{ name: 'lot.callOpened', recipients: callAudience }],
              },
              {
                on: {
                  // Stays open: the engine recomputes the closing time and bumps its generation.
                  AMEND_CALL: {
                    guard: 'amendmentLeavesEnoughTime',
                    actions: [
                      { type: 'rescheduleDeadline', params: { kind: 'callClose' } },
                      effect.publishRelease('tenderAmendment'),
                      effect.notify({ name: 'lot.callAmended', recipients: callAudience }),
                    ],
                  },
                  CALL_DEADLINE: [
                    { guard: 'tooFewApplications', target: '#lot.unsuccessful' },
                    { guard: 'enoughApplications', target: '#lot.evaluation' },
                  ],
                },
              },
            ),
          },
        },
      ),

      evaluation: lotState(
        { description: 'The commission evaluates the applications.' },
        {
          initial: 'admissibility',
          on: { CANCEL: cancel },
          states: {
            admissibility: lotState(
              {
                description: 'Each application is admitted or rejected with a reason.',
                deadline: deadline('admissibility', 'ADMISSIBILITY_DEADLINE', [
                  'buyerStaff',
                  'commission',
                ]),
                release: 'tenderUpdate',
                notifications: [
                  {
                    name: 'lot.callClosed',
                    recipients: ['ngoApplicants', 'commission', 'buyerStaff'],
                  },
                ],
              },
              {
                on: {
                  ADMISSIBILITY_DONE: [
                    { guard: 'noneAdmitted', target: '#lot.unsuccessful' },
                    { guard: 'someAdmitted', target: '#lot.evaluation.scoring' },
                  ],
                  // The law sets a time for the check, not an outcome: the buyer is told it is late.
                  ADMISSIBILITY_DEADLINE: {
                    actions: effect.notify({
                      name: 'lot.admissibilityOverdue',
                      recipients: ['buyerStaff', 'commission'],
                    }),
                  },
                },
              },
            ),
            scoring: lotState(
              {
                description: 'Members declare conflicts of interest and score individually.',
                deadline: deadline('scoring', 'SCORING_DEADLINE', ['commission']),
                // The admissibility check is over: which bids are valid is published.
                release: 'tenderUpdate',
                notifications: [scoringNotice],
              },
              scoringBody('#lot.evaluation.meeting'),
            ),
            meeting: lotState(meetingDeclaration, {
              on: {
                CLOSE_EVALUATION: closeEvaluation(
                  twoRounds ? '#lot.evaluation.secondRound' : '#lot.award',
                ),
              },
            }),
            ...(twoRounds && {
              secondRound: lotState(
                { description: 'The second round: a higher commission evaluates the shortlist.' },
                {
                  initial: 'scoring',
                  entry: ['startSecondRound'],
                  states: {
                    scoring: lotState(
                      {
                        description: 'Second-round members declare conflicts and score.',
                        deadline: deadline('secondRoundScoring', 'SCORING_DEADLINE', [
                          'commission',
                        ]),
                        // Round one's protocol (the shortlist) is published.
                        release: 'tenderUpdate',
                        notifications: [
                          scoringNotice,
                          {
                            name: 'lot.secondRoundOpened',
                            recipients: ['ngoApplicants', 'buyerStaff'],
                          },
                        ],
                      },
                      scoringBody('#lot.evaluation.secondRound.meeting'),
                    ),
                    meeting: lotState(meetingDeclaration, {
                      on: { CLOSE_EVALUATION: closeEvaluation('#lot.award') },
                    }),
                  },
                },
              ),
            }),
          },
        },
      ),

      award: lotState(
        { description: 'The award: standstill for complaints, then the agreement.' },
        {
          initial: 'standstill',
          on: {
            // A new award to the next in rank opens a new standstill.
            WINNER_DECLINED: [
              {
                guard: 'nextInRank',
                target: '#lot.award.standstill',
                reenter: true,
                actions: effect.notify({
                  name: 'lot.winnerDeclined',
                  recipients: ['buyerStaff', 'commission'],
                }),
              },
              { guard: 'noneLeftInRank', target: '#lot.unsuccessful' },
            ],
            CANCEL: cancel,
          },
          states: {
            standstill: lotState(
              {
                description: 'The award decision is published; complaints may be filed.',
                deadline: deadline('standstill', 'STANDSTILL_ENDS', []),
                release: 'award',
                notifications: [
                  { name: 'lot.awarded', recipients: ['ngoApplicants', 'grantee', 'buyerStaff'] },
                ],
              },
              {
                entry: ['startStandstill'],
                on: {
                  STANDSTILL_ENDS: [
                    { guard: 'noComplaintsOpen', target: '#lot.award.contracting' },
                    {
                      guard: 'complaintsOpen',
                      actions: [
                        'markStandstillElapsed',
                        effect.notify({
                          name: 'lot.awardHeldByComplaints',
                          recipients: ['buyerStaff', 'grantee'],
                        }),
                      ],
                    },
                  ],
                  COMPLAINTS_RESOLVED: {
                    guard: 'complaintsResolvedAfterStandstill',
                    target: '#lot.award.contracting',
                  },
                  ANNUL_AWARD: {
                    guard: 'reasonGiven',
                    target: twoRounds
                      ? '#lot.evaluation.secondRound.meeting'
                      : '#lot.evaluation.meeting',
                    actions: [
                      effect.publishRelease('awardCancellation'),
                      effect.notify({
                        name: 'lot.awardAnnulled',
                        recipients: ['ngoApplicants', 'grantee', 'buyerStaff'],
                      }),
                    ],
                  },
                },
              },
            ),
            contracting: lotState(
              {
                description: 'The award is final; the agreement is prepared and signed.',
                release: 'awardUpdate',
                notifications: [
                  { name: 'lot.contractingOpened', recipients: ['grantee', 'buyerStaff'] },
                ],
              },
              { on: { AGREEMENT_SIGNED: { target: '#lot.reporting' } } },
            ),
          },
        },
      ),

      reporting: lotState(
        {
          description:
            'The grantee delivers and reports; the buyer reviews reports and pays tranches.',
          release: 'contract',
          notifications: [{ name: 'lot.agreementSigned', recipients: ['grantee', 'buyerStaff'] }],
        },
        {
          on: {
            // The agreement sets a date, not an outcome: both sides are told, the lot stays.
            REPORT_OVERDUE: {
              actions: effect.notify({
                name: 'lot.reportOverdue',
                recipients: ['grantee', 'buyerStaff'],
              }),
            },
            FINAL_REPORT_ACCEPTED: { target: '#lot.closed' },
            TERMINATE_AGREEMENT: {
              guard: 'reasonGiven',
              target: '#lot.terminated',
              actions: 'recordTermination',
            },
            CANCEL: cancel,
          },
        },
      ),

      closed: lotState(
        {
          description: 'The final report is accepted and the lot is closed.',
          release: 'contractTermination',
          notifications: [{ name: 'lot.closed', recipients: ['grantee', 'buyerStaff'] }],
        },
        { type: 'final' },
      ),
      terminated: lotState(
        {
          description: 'The agreement was terminated early.',
          release: 'contractTermination',
          notifications: [
            { name: 'lot.agreementTerminated', recipients: ['grantee', 'buyerStaff'] },
          ],
        },
        { type: 'final' },
      ),
      unsuccessful: lotState(
        {
          description:
            'No award: too few applications, none admissible, none ranked, or none left.',
          release: 'tenderUpdate',
          notifications: [
            { name: 'lot.unsuccessful', recipients: ['ngoApplicants', 'buyerStaff', 'commission'] },
          ],
        },
        { type: 'final' },
      ),
      cancelled: lotState(
        {
          description: "Cancelled by the buyer's decision, with a reason.",
          release: 'tenderCancellation',
          notifications: [
            {
              name: 'lot.cancelled',
              recipients: [...callAudience, 'commission', 'grantee', 'buyerStaff'],
            },
          ],
        },
        { type: 'final' },
      ),
    },
  });
}

function evaluationMayClose(
  profile: ProcedureProfile,
  context: LotContext,
  facts: { membersPresent: number; commissionSize: number; allSheetsSubmitted: boolean },
): boolean {
  return (
    isQuorate(profile.quorum, facts.membersPresent, facts.commissionSize) &&
    (facts.allSheetsSubmitted === true || context.scoringDeadlinePassed)
  );
}

export type LotMachine = ReturnType<typeof createLotMachine>;
export type LotSnapshot = SnapshotFrom<LotMachine>;

const machines = new Map<string, LotMachine>();

/** The lot machine of a profile, built once. Throws UnknownProfileError for an unknown id. */
export function lotMachineFor(profileId: string): LotMachine {
  let machine = machines.get(profileId);
  if (!machine) {
    machine = createLotMachine(getProfile(profileId));
    machines.set(profileId, machine);
  }
  return machine;
}
