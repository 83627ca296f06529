import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import {
  LOT_EVENTS,
  LOT_EVENT_TYPES,
  allowedEvents,
  applyLotEvent,
  isLotEventType,
  isPersistedLotSnapshot,
  lotMachineFor,
  startLot,
  type ActorRole,
  type LotEffect,
  type LotEvent,
  type LotEventType,
  type LotTransition,
  type PersistedLotSnapshot,
} from '../../workflows/index.js';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { ProblemException } from '../common/problem.js';
import type { OutboxEntry } from '../outbox/outbox-message.entity.js';
import {
  CALLER_INPUTS,
  LotEffectHandlers,
  LotFactsRegistry,
  LotTransitionListeners,
} from './lot-facts.js';
import { Lot } from './lot.entity.js';
import { lotError } from './lot.errors.js';

/** The engine itself (deadline jobs) sends an event: no user, role 'system'. */
export const SYSTEM_ACTOR = 'system' as const;
export type LotActor = Actor | typeof SYSTEM_ACTOR;

export interface LotEventInput {
  type: string;
  /** What the caller states; computed facts are never taken from here. */
  payload?: Record<string, unknown>;
}

export interface AppliedEvent {
  lot: Lot;
  transition: LotTransition;
  role: ActorRole;
}

/** Fields of a lot as planned, set at creation and editable while it is a draft. */
export type LotPlan = Pick<
  Lot,
  | 'number'
  | 'section'
  | 'theme'
  | 'recipients'
  | 'goals'
  | 'tasks'
  | 'territories'
  | 'maxAmount'
  | 'durationMonths'
  | 'expectedResults'
  | 'indicatorTargets'
  | 'eligibility'
>;

/** Roles a user holds for one lot: memberships count only in the lot's buyer organisation. */
export function rolesForLot(actor: LotActor, lot: Pick<Lot, 'buyerId'>): ActorRole[] {
  if (actor === SYSTEM_ACTOR) return [SYSTEM_ACTOR];
  const roles: ActorRole[] = [];
  if (actor.hasRole('buyer_staff', lot.buyerId)) roles.push('buyer_staff');
  if (actor.hasRole('commission_member', lot.buyerId)) roles.push('commission_member');
  if (actor.hasRole('ngo_member')) roles.push('ngo_member');
  return roles;
}

/**
 * A draft is its buyer's own business until it is published: only the buyer's staff and admins
 * know it exists; anyone else is told there is no such lot.
 */
export function knowsOfLot(actor: Actor, lot: Pick<Lot, 'state' | 'buyerId'>): boolean {
  return lot.state !== 'draft' || actor.isAdmin || actor.hasRole('buyer_staff', lot.buyerId);
}

/**
 * The one code path that changes a lot: load, check the sender's role, compute the guards' facts,
 * run the pure machine, then in one transaction compare-and-swap the lot on its version, append
 * the audit entry and write the effects to the outbox.
 */
@Injectable()
export class LotEngine {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly facts: LotFactsRegistry,
    private readonly effects: LotEffectHandlers,
    private readonly listeners: LotTransitionListeners,
  ) {}

  /**
   * Creates a lot in its initial state, in the caller's transaction (version 1, audit entry 1);
   * a re-announcement names the unsuccessful lot it follows.
   */
  async create(
    manager: EntityManager,
    lot: LotPlan &
      Pick<Lot, 'programmeId' | 'buyerId' | 'currency' | 'profileId'> &
      Partial<Pick<Lot, 'reannouncedFrom'>>,
    actor: Actor,
  ): Promise<Lot> {
    const start = startLot(lot.profileId);
    const created = await manager.save(
      manager.create(Lot, {
        ...lot,
        state: start.stateName,
        snapshot: start.snapshot as unknown as Record<string, unknown>,
        version: 1,
      }),
    );
    await this.audit.append(manager, {
      lotId: created.id,
      seq: 1,
      actorUserId: actor.userId,
      actorRole: 'buyer_staff',
      eventType: 'LOT_CREATED',
      fromState: null,
      toState: start.stateName,
      payload: {
        number: lot.number,
        maxAmount: lot.maxAmount,
        currency: lot.currency,
        ...(lot.reannouncedFrom ? { reannouncedFrom: lot.reannouncedFrom } : {}),
      },
    });
    await this.carryOut(manager, created, start.actions, {});
    return created;
  }

  /**
   * Edits a draft's plan: compare-and-swap on the version like any change, audited with the
   * fields that changed.
   */
  async reviseDraft(
    lotId: string,
    changes: Partial<LotPlan>,
    actor: Actor,
    expectedVersion: number | undefined,
    check: (merged: Lot, manager: EntityManager) => Promise<void>,
  ): Promise<Lot> {
    return this.dataSource.transaction(async (manager) => {
      const lot = await this.load(lotId, manager);
      if (!knowsOfLot(actor, lot)) throw lotError.notFound(lotId);
      if (!actor.hasRole('buyer_staff', lot.buyerId)) throw authError.roleRequired(['buyer_staff']);
      if (lot.state !== 'draft') throw lotError.notDraft(lot.state);
      const version = expectedVersion ?? lot.version;
      const merged = { ...lot, ...changes } as Lot;
      await check(merged, manager);
      await this.compareAndSwap(manager, lot, version, {
        ...changes,
        state: lot.state,
        snapshot: lot.snapshot,
      });
      await this.audit.append(manager, {
        lotId,
        seq: version + 1,
        actorUserId: actor.userId,
        actorRole: 'buyer_staff',
        eventType: 'LOT_REVISED',
        fromState: lot.state,
        toState: lot.state,
        payload: { changes },
      });
      return this.load(lotId, manager);
    });
  }

  /**
   * Applies an event. `within` runs in the same transaction after the change (the deadline
   * processor marks its deadline fired there, so firing and transition commit together).
   */
  async apply(
    lotId: string,
    input: LotEventInput,
    actor: LotActor,
    expectedVersion?: number,
    within?: (manager: EntityManager, transition: LotTransition) => Promise<void>,
  ): Promise<AppliedEvent> {
    return this.dataSource.transaction((manager) =>
      this.applyIn(manager, lotId, input, actor, expectedVersion, within),
    );
  }

  /**
   * apply() in the caller's transaction, so that several lots change together or not at all
   * (all draft lots of a programme published for one hearing).
   */
  async applyIn(
    manager: EntityManager,
    lotId: string,
    input: LotEventInput,
    actor: LotActor,
    expectedVersion?: number,
    within?: (manager: EntityManager, transition: LotTransition) => Promise<void>,
  ): Promise<AppliedEvent> {
    if (!isLotEventType(input.type)) throw lotError.unknownEvent(input.type, LOT_EVENT_TYPES);
    const type = input.type;
    // Locked first, so the facts read below stay true until commit: a submission holds the
    // row FOR SHARE while it checks the lot's state, and waits for (or is seen by) this event.
    const lot = await this.load(lotId, manager, true);
    // Access before the version: a stale If-Match must not tell a caller who may not know of
    // the lot, or may not send the event, that it exists or what its version is.
    if (actor !== SYSTEM_ACTOR && !knowsOfLot(actor, lot)) throw lotError.notFound(lotId);
    const role = this.senderRole(type, lot, actor);
    if (expectedVersion !== undefined && expectedVersion !== lot.version) {
      throw lotError.versionConflict(lot.version, expectedVersion);
    }
    const snapshot = this.snapshotOf(lot);
    const machine = lotMachineFor(lot.profileId);
    const accepted = allowedEvents(machine, snapshot, role);
    if (!accepted.includes(type)) {
      const yours = rolesForLot(actor, lot).flatMap((r) => allowedEvents(machine, snapshot, r));
      throw lotError.eventNotAccepted(type, lot.state, [...new Set(yours)]);
    }
    const inputs = this.callerInputs(type, input.payload ?? {});
    const facts = { ...inputs, ...(await this.computedFacts(type, lot, manager, inputs)) };
    const stated = { type, ...facts };
    const transition = applyLotEvent(lot.profileId, snapshot, stated as LotEvent);
    if (!transition.accepted) throw lotError.eventRefused(type, lot.state, facts);

    const changes = {
      state: transition.stateName,
      snapshot: transition.snapshot as unknown as Record<string, unknown>,
    };
    const swapped = await this.swapState(manager, lot, changes);
    await this.audit.append(manager, {
      lotId,
      seq: lot.version + 1,
      actorUserId: actor === SYSTEM_ACTOR ? null : actor.userId,
      actorRole: role,
      eventType: type,
      fromState: lot.state,
      toState: transition.stateName,
      payload: facts,
    });
    // Before the effects: a deadline marked fired here is not cancelled by the state's exit.
    await within?.(manager, transition);
    await this.listeners.notify({ manager, lot, event: stated, transition });
    await this.carryOut(manager, lot, transition.actions, stated);
    // Nothing but the engine writes a lot's row: the swap's own result is the lot as it now is.
    return { lot: Object.assign(lot, changes, swapped), transition, role };
  }

  private async load(lotId: string, manager: EntityManager, locked = false): Promise<Lot> {
    const lot = await manager.findOne(Lot, {
      where: { id: lotId },
      ...(locked ? { lock: { mode: 'for_no_key_update' as const } } : {}),
    });
    if (!lot) throw lotError.notFound(lotId);
    return lot;
  }

  snapshotOf(lot: Lot): PersistedLotSnapshot {
    if (!isPersistedLotSnapshot(lot.snapshot)) {
      throw new Error(`Lot ${lot.id} holds a snapshot that is not a lot machine's`);
    }
    return lot.snapshot;
  }

  /** The role the sender acts in: the first of theirs, for this lot, that may send the event. */
  private senderRole(type: LotEventType, lot: Lot, actor: LotActor): ActorRole {
    const allowed: readonly ActorRole[] = LOT_EVENTS[type].roles;
    const role = rolesForLot(actor, lot).find((candidate) => allowed.includes(candidate));
    if (!role) {
      if (allowed.includes(SYSTEM_ACTOR) && allowed.length === 1) {
        throw new ProblemException(
          403,
          'system-event',
          `${type} is sent by the engine when its deadline falls due, not by a user`,
        );
      }
      throw authError.roleRequired(allowed.filter((r) => r !== SYSTEM_ACTOR));
    }
    return role;
  }

  /** Only the stated inputs of this event, each checked; anything else is refused. */
  private callerInputs(type: LotEventType, payload: Record<string, unknown>) {
    const wanted = (LOT_EVENTS[type].facts as readonly string[]).filter((f) => f in CALLER_INPUTS);
    const errors: { field: string; messages: string[] }[] = [];
    for (const key of Object.keys(payload)) {
      if (!wanted.includes(key)) {
        errors.push({ field: `payload.${key}`, messages: [`${type} does not take ${key}`] });
      }
    }
    const inputs: Record<string, unknown> = {};
    for (const key of wanted) {
      const value = payload[key];
      const kind = CALLER_INPUTS[key];
      const fewestDays = kind === 'extraDays' ? 0 : 1;
      if (
        kind === 'text' &&
        typeof value === 'string' &&
        value.trim().length > 0 &&
        value.length <= 2000
      ) {
        inputs[key] = value.trim();
      } else if (
        kind !== 'text' &&
        Number.isInteger(value) &&
        (value as number) >= fewestDays &&
        (value as number) <= 366
      ) {
        inputs[key] = value;
      } else {
        errors.push({
          field: `payload.${key}`,
          messages: [
            kind === 'text'
              ? `${key} must be a non-blank text of at most 2000 characters`
              : `${key} must be a whole number of days from ${fewestDays} to 366`,
          ],
        });
      }
    }
    if (errors.length > 0) {
      throw new ProblemException(
        400,
        'validation-failed',
        errors.map((e) => e.messages).join('; '),
        {
          errors,
        },
      );
    }
    return inputs;
  }

  private async computedFacts(
    type: LotEventType,
    lot: Lot,
    manager: EntityManager,
    inputs: Record<string, unknown>,
  ) {
    const needed = (LOT_EVENTS[type].facts as readonly string[]).filter(
      (f) => !(f in CALLER_INPUTS),
    );
    if (needed.length === 0) return {};
    const provider = this.facts.providerOf(type);
    if (!provider) throw lotError.factsUnavailable(type, needed);
    const facts = await provider.facts(lot, type, manager, inputs);
    const missing = needed.filter((fact) => !(fact in facts));
    if (missing.length > 0)
      throw new Error(`Facts provider for ${type} left out ${missing.join(', ')}`);
    return Object.fromEntries(needed.map((fact) => [fact, facts[fact]]));
  }

  /** UPDATE … WHERE version = :v; no row changed means someone else changed the lot first. */
  private async compareAndSwap(
    manager: EntityManager,
    lot: Lot,
    version: number,
    changes: Partial<Lot>,
  ): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(Lot)
      .set({
        ...changes,
        version: () => 'version + 1',
        // The clock now: a change that waited for the lock happened after the one it waited for.
        updatedAt: () => 'clock_timestamp()',
      } as QueryDeepPartialEntity<Lot>)
      .where('id = :id AND version = :version', { id: lot.id, version })
      .execute();
    if (result.affected !== 1) await this.conflict(manager, lot.id, version);
  }

  /**
   * The transition's own compare-and-swap, of state and snapshot only: plain SQL, for it runs on
   * every transition and the query builder costs more CPU than the statement.
   */
  private async swapState(
    manager: EntityManager,
    lot: Lot,
    changes: Pick<Lot, 'state' | 'snapshot'>,
  ): Promise<Pick<Lot, 'version' | 'updatedAt'>> {
    const [rows] = (await manager.query(
      `UPDATE lots SET state = $3, snapshot = $4, version = version + 1,
                       updated_at = clock_timestamp()
       WHERE id = $1 AND version = $2
       RETURNING version, updated_at AS "updatedAt"`,
      [lot.id, lot.version, changes.state, JSON.stringify(changes.snapshot)],
    )) as [Pick<Lot, 'version' | 'updatedAt'>[], number];
    if (rows.length !== 1) await this.conflict(manager, lot.id, lot.version);
    return rows[0];
  }

  /** Nothing swapped: someone changed the lot first (or it is gone). */
  private async conflict(manager: EntityManager, lotId: string, version: number): Promise<never> {
    const current = await manager.findOne(Lot, { where: { id: lotId }, select: { version: true } });
    throw lotError.versionConflict(current?.version ?? null, version);
  }

  /**
   * Carries out the transition's effects in its transaction: a registered handler (deadlines)
   * does its own writing; any other effect becomes an outbox row, which the relay picks up on
   * its next poll after commit.
   */
  private async carryOut(
    manager: EntityManager,
    lot: Lot,
    effects: readonly LotEffect[],
    event: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    // Every outbox row of the transition goes in one statement.
    const outbox: OutboxEntry[] = [];
    const write = async (entry: OutboxEntry) => {
      outbox.push(entry);
    };
    for (const effect of effects) {
      const handler = this.effects.handlerOf(effect.type);
      if (handler) await handler({ manager, lot, effect, event, outbox: write });
      else outbox.push({ lotId: lot.id, topic: `lot.${effect.type}`, payload: { ...effect } });
    }
    if (outbox.length > 0) {
      await manager.query(
        `INSERT INTO outbox (lot_id, topic, payload)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])`,
        [
          outbox.map((entry) => entry.lotId),
          outbox.map((entry) => entry.topic),
          outbox.map((entry) => JSON.stringify(entry.payload)),
        ],
      );
    }
  }
}
