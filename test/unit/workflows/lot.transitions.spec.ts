import { describe, expect, it } from '@jest/globals';
import { transition } from 'xstate';
import { lotMachineFor } from '../../../workflows/lot.machine.js';
import {
  allowedEvents,
  applyLotEvent,
  describeMeta,
  isPersistedLotSnapshot,
  persistLot,
  restoreLot,
  startLot,
  stateNameOf,
} from '../../../workflows/lot.transitions.js';
import { PROFILE_IDS, UnknownProfileError } from '../../../workflows/profiles/index.js';
import { exploreLot, lotAt, representativeEvents } from './lot-test-kit.js';

describe('startLot', () => {
  it.each(PROFILE_IDS)('starts a %s lot in draft with nothing to do', (profileId) => {
    const started = startLot(profileId);
    expect(started).toMatchObject({
      accepted: true,
      stateName: 'draft',
      value: 'draft',
      final: false,
      actions: [],
    });
    expect(started.snapshot.context).toEqual({
      profileId,
      round: 1,
      revision: 0,
      scoringDeadlinePassed: false,
      standstillElapsed: false,
      cancellationReason: null,
      terminationReason: null,
    });
  });

  it('throws UnknownProfileError when the profile does not exist', () => {
    expect(() => startLot('md-grant')).toThrow(UnknownProfileError);
  });
});

describe('applyLotEvent', () => {
  it('returns the effects in order when the call opens', () => {
    const result = applyLotEvent('ua-competition', startLot('ua-competition').snapshot, {
      type: 'OPEN_CALL',
      callPeriodDays: 7,
    });
    expect(result).toMatchObject({
      accepted: true,
      stateName: 'callForBids.open',
      value: { callForBids: 'open' },
    });
    expect(result.actions).toEqual([
      {
        type: 'armDeadline',
        deadline: {
          kind: 'callClose',
          event: 'CALL_DEADLINE',
          days: 10,
          minDays: 7,
          dayCounting: 'calendar',
          enquiriesCloseDaysBefore: 3,
          daysFromFact: 'callPeriodDays',
          reminders: [
            {
              daysBefore: 3,
              notification: { name: 'lot.callCloseReminder', recipients: ['ngoApplicants'] },
            },
            {
              daysBefore: 1,
              notification: { name: 'lot.callCloseReminder', recipients: ['ngoApplicants'] },
            },
          ],
        },
      },
      { type: 'publishRelease', tag: 'tender' },
      { type: 'notify', notification: { name: 'lot.callOpened', recipients: ['ngoApplicants'] } },
    ]);
  });

  it('cancels the old deadline before arming the next when the call closes', () => {
    const result = applyLotEvent('kz-two-round', lotAt('kz-two-round', 'callForBids.open'), {
      type: 'CALL_DEADLINE',
      submittedCount: 12,
    });
    expect(result.stateName).toBe('evaluation.admissibility');
    expect(result.actions.map((a) => a.type)).toEqual([
      'cancelDeadline',
      'armDeadline',
      'publishRelease',
      'notify',
    ]);
    expect(result.actions[0]).toEqual({ type: 'cancelDeadline', kind: 'callClose' });
    expect(result.meta.deadlines.map((d) => [d.kind, d.days, d.dayCounting])).toEqual([
      ['admissibility', 10, 'working'],
    ]);
  });

  it('asks to reschedule the call deadline and publishes an amendment when the call is amended', () => {
    const result = applyLotEvent('ua-competition', lotAt('ua-competition', 'callForBids.open'), {
      type: 'AMEND_CALL',
      extendByDays: 7,
      daysRemaining: 6,
    });
    expect(result.actions).toEqual([
      { type: 'rescheduleDeadline', kind: 'callClose' },
      { type: 'publishRelease', tag: 'tenderAmendment' },
      { type: 'notify', notification: { name: 'lot.callAmended', recipients: ['ngoApplicants'] } },
    ]);
  });

  it('changes nothing and asks for nothing when the state does not handle the event', () => {
    const lot = lotAt('kg-grant', 'evaluation.scoring');
    const result = applyLotEvent('kg-grant', lot, { type: 'CALL_DEADLINE', submittedCount: 3 });
    expect(result).toMatchObject({ accepted: false, stateName: 'evaluation.scoring', actions: [] });
    expect(result.snapshot).toEqual(lot);
  });

  it('returns the same snapshot object from xstate when the event is not handled', () => {
    const machine = lotMachineFor('kg-grant');
    const current = restoreLot('kg-grant', lotAt('kg-grant', 'reporting'));
    const [next] = transition(machine, current, { type: 'OPEN_CALL', callPeriodDays: 30 });
    expect(next).toBe(current);
  });

  it('throws when the snapshot belongs to another profile', () => {
    const lot = lotAt('kg-grant', 'draft');
    expect(() => applyLotEvent('ua-competition', lot, { type: 'CANCEL', reason: 'x' })).toThrow(
      /follows profile "kg-grant"/,
    );
  });
});

describe.each(PROFILE_IDS)('persisted %s lots', (profileId) => {
  const machine = lotMachineFor(profileId);
  const { vertices } = exploreLot(profileId);

  it('restores every reachable state identically when stored as JSON', () => {
    for (const snapshot of vertices) {
      const stored: unknown = JSON.parse(JSON.stringify(persistLot(snapshot)));
      if (!isPersistedLotSnapshot(stored)) throw new Error('not a persisted lot');
      const restored = restoreLot(profileId, stored);
      expect(restored.value).toEqual(snapshot.value);
      expect(restored.context).toEqual(snapshot.context);
      expect(restored.status).toBe(snapshot.status);
      for (const event of representativeEvents(profileId)) {
        expect(applyLotEvent(profileId, stored, event)).toEqual(
          applyLotEvent(profileId, persistLot(snapshot), event),
        );
      }
    }
  });

  it('stores what machine.getPersistedSnapshot restores to when persisted', () => {
    for (const snapshot of vertices) {
      const viaXstate = machine.resolveState(
        JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot))),
      );
      const ours = restoreLot(profileId, persistLot(snapshot));
      expect(persistLot(viaXstate)).toEqual(persistLot(ours));
    }
  });
});

describe('allowedEvents', () => {
  const machine = lotMachineFor('ua-competition');
  const open = lotAt('ua-competition', 'callForBids.open');

  it.each([
    ['buyer_staff', ['AMEND_CALL', 'CANCEL']],
    ['operator_staff', ['AMEND_CALL', 'CANCEL']],
    ['system', ['CALL_DEADLINE']],
    ['ngo_member', []],
    ['commission_member', []],
    ['admin', []],
  ] as const)('lets %s send %j when the call is open', (role, expected) => {
    expect(allowedEvents(machine, open, role).sort()).toEqual([...expected].sort());
  });

  it('includes the events of parent states when the lot is in a sub-state', () => {
    const contracting = lotAt('ua-competition', 'award.contracting');
    expect(allowedEvents(machine, contracting, 'ngo_member').sort()).toEqual(
      ['AGREEMENT_SIGNED', 'WINNER_DECLINED'].sort(),
    );
    expect(allowedEvents(machine, contracting, 'buyer_staff').sort()).toEqual(
      ['AGREEMENT_SIGNED', 'CANCEL', 'WINNER_DECLINED'].sort(),
    );
  });

  it('allows nothing when the lot is final', () => {
    expect(allowedEvents(machine, lotAt('ua-competition', 'closed'), 'buyer_staff')).toEqual([]);
  });
});

describe('describeMeta', () => {
  it('merges the parent and the sub-state when the lot is in a sub-state', () => {
    const meta = describeMeta(restoreLot('kg-grant', lotAt('kg-grant', 'award.standstill')));
    expect(meta.descriptions).toHaveLength(2);
    expect(meta.deadlines.map((d) => d.kind)).toEqual(['standstill']);
    expect(meta.releases).toEqual(['award']);
    expect(Object.keys(meta.roles).sort()).toEqual(
      ['ANNUL_AWARD', 'CANCEL', 'COMPLAINTS_RESOLVED', 'STANDSTILL_ENDS', 'WINNER_DECLINED'].sort(),
    );
  });
});

describe('stateNameOf', () => {
  it.each([
    ['draft', 'draft'],
    [{ callForBids: 'open' }, 'callForBids.open'],
    [{ evaluation: { secondRound: 'scoring' } }, 'evaluation.secondRound.scoring'],
  ])('names %j as %s', (value, name) => {
    expect(stateNameOf(value)).toBe(name);
  });
});

describe('isPersistedLotSnapshot', () => {
  it.each([
    [null, false],
    ['draft', false],
    [{ status: 'active', value: 'draft' }, false],
    [{ status: 'paused', value: 'draft', context: { profileId: 'kg-grant' } }, false],
    [{ status: 'active', value: 'draft', context: { profileId: 'kg-grant' } }, true],
  ])('says %j is a stored lot: %s', (stored, expected) => {
    expect(isPersistedLotSnapshot(stored)).toBe(expected);
  });
});

describe('lotMachineFor', () => {
  it('builds each machine once when asked again', () => {
    expect(lotMachineFor('kg-grant')).toBe(lotMachineFor('kg-grant'));
  });
});
