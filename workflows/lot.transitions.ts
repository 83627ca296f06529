import { getNextTransitions, initialTransition, transition, type StateValue } from 'xstate';
import { isLotEventType, mayRoleSend, type LotEvent, type LotEventType } from './lot.events.js';
import {
  lotMachineFor,
  type LotContext,
  type LotMachine,
  type LotSnapshot,
} from './lot.machine.js';
import type { LotEffect, LotEffectType, LotMeta, LotStateMeta } from './lot.meta.js';
import type { ActorRole } from './roles.js';

/**
 * The pure functions the lot engine calls: start a lot, apply an event, say what a lot may do
 * now. Nothing here touches a database, a queue or a clock.
 */

/** What the lot row stores (jsonb): JSON-safe, restored with `machine.resolveState`. */
export interface PersistedLotSnapshot {
  readonly status: LotSnapshot['status'];
  readonly value: StateValue;
  readonly context: LotContext;
}

/** The outcome of starting a lot or applying an event to it. */
export interface LotTransition {
  /** False when the state does not handle the event or its guards refuse the facts. */
  readonly accepted: boolean;
  /** Unchanged when not accepted. */
  readonly snapshot: PersistedLotSnapshot;
  readonly value: StateValue;
  /** Dotted, for the denormalised state column: 'evaluation.secondRound.scoring'. */
  readonly stateName: string;
  /** The lot reached closed, terminated, unsuccessful or cancelled: it accepts nothing more. */
  readonly final: boolean;
  readonly meta: LotMeta;
  /** Effects to write to the outbox, in order; empty when not accepted. */
  readonly actions: readonly LotEffect[];
}

const EFFECT_TYPES: readonly string[] = [
  'armDeadline',
  'cancelDeadline',
  'rescheduleDeadline',
  'notify',
  'publishRelease',
] satisfies LotEffectType[];

/** Creates a lot in its initial state (draft), with the effects of entering it. */
export function startLot(profileId: string): LotTransition {
  const [snapshot, actions] = initialTransition(lotMachineFor(profileId));
  return outcome(snapshot, true, actions);
}

/**
 * Applies one event with its facts. An event the state does not handle, or whose guards refuse
 * its facts, is not accepted and changes nothing: a stale or repeated deadline job is a no-op.
 */
export function applyLotEvent(
  profileId: string,
  persisted: PersistedLotSnapshot,
  event: LotEvent,
): LotTransition {
  const machine = lotMachineFor(profileId);
  const current = restoreLot(profileId, persisted);
  if (!current.can(event)) return outcome(current, false, []);
  const [next, actions] = transition(machine, current, event);
  return outcome(next, true, actions);
}

/** The machine snapshot of a stored lot. Throws when the snapshot belongs to another profile. */
export function restoreLot(profileId: string, persisted: PersistedLotSnapshot): LotSnapshot {
  if (persisted.context.profileId !== profileId) {
    throw new Error(
      `Lot snapshot follows profile "${persisted.context.profileId}", not "${profileId}"`,
    );
  }
  const { status, value, context } = persisted;
  return lotMachineFor(profileId).resolveState({ status, value, context });
}

/** The JSON-safe form to store; equal to what `machine.getPersistedSnapshot` would restore to. */
export function persistLot(snapshot: LotSnapshot): PersistedLotSnapshot {
  return { status: snapshot.status, value: snapshot.value, context: snapshot.context };
}

/** A loose check of a stored value's shape before `applyLotEvent` (jsonb comes back as unknown). */
export function isPersistedLotSnapshot(stored: unknown): stored is PersistedLotSnapshot {
  if (typeof stored !== 'object' || stored === null) return false;
  const { status, value, context } = stored as Partial<Record<keyof PersistedLotSnapshot, unknown>>;
  return (
    (status === 'active' || status === 'done') &&
    (typeof value === 'string' || (typeof value === 'object' && value !== null)) &&
    typeof context === 'object' &&
    context !== null &&
    typeof (context as Partial<Record<keyof LotContext, unknown>>).profileId === 'string'
  );
}

/** 'evaluation.secondRound.scoring' from `{ evaluation: { secondRound: 'scoring' } }`. */
export function stateNameOf(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0] ?? [];
  if (key === undefined) return '';
  return child === undefined ? key : `${key}.${stateNameOf(child)}`;
}

/** The meta of the active state nodes, merged from the outermost to the innermost. */
export function describeMeta(snapshot: LotSnapshot): LotMeta {
  const metas = Object.values(snapshot.getMeta()).filter(
    (meta): meta is LotStateMeta => meta !== undefined,
  );
  return {
    descriptions: metas.map((meta) => meta.description),
    deadlines: metas.flatMap((meta) => (meta.deadline ? [meta.deadline] : [])),
    releases: metas.flatMap((meta) => (meta.release ? [meta.release] : [])),
    notifications: metas.flatMap((meta) => meta.notifications ?? []),
    roles: metas.reduce<LotMeta['roles']>((roles, meta) => ({ ...roles, ...meta.roles }), {}),
  };
}

/**
 * The events `role` may send to the lot now: the role is allowed to send it and the current state
 * handles it. Whether the facts pass the guards is decided when the event is applied.
 */
export function allowedEvents(
  machine: LotMachine,
  snapshot: PersistedLotSnapshot,
  role: ActorRole,
): LotEventType[] {
  if (snapshot.status !== 'active') return [];
  const { status, value, context } = snapshot;
  const handled = getNextTransitions(machine.resolveState({ status, value, context })).map(
    (t) => t.eventType,
  );
  return [...new Set(handled)].filter(
    (type): type is LotEventType => isLotEventType(type) && mayRoleSend(role, type),
  );
}

function outcome(
  snapshot: LotSnapshot,
  accepted: boolean,
  actions: readonly { type: string; params: unknown }[],
): LotTransition {
  return {
    accepted,
    snapshot: persistLot(snapshot),
    value: snapshot.value,
    stateName: stateNameOf(snapshot.value),
    final: snapshot.status === 'done',
    meta: describeMeta(snapshot),
    actions: actions
      .filter((action) => EFFECT_TYPES.includes(action.type))
      // The machine's effect actions carry exactly their LotEffectParams (see lotState).
      .map((action) => ({ type: action.type, ...(action.params as object) }) as LotEffect),
  };
}
