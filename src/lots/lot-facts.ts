import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  LotEffect,
  LotEffectType,
  LotEventType,
  LotTransition,
} from '../../workflows/index.js';
import type { Lot } from './lot.entity.js';
import type { OutboxWriter } from '../outbox/outbox-message.entity.js';

/**
 * Facts that guards decide on and that the engine computes from the database, never takes from
 * a client: counts of applications, quorum, open complaints, days remaining. Each feature module
 * (applications, evaluation, awards, deadlines) provides the facts of the events it owns.
 */
export interface LotFactsProvider {
  /** The events whose computed facts this provider supplies. */
  readonly events: readonly LotEventType[];
  /** Reads inside the engine's transaction, so the facts and the change agree. */
  facts(
    lot: Lot,
    event: LotEventType,
    manager: EntityManager,
    /** What the caller stated with the event (already checked), e.g. { extendByDays: 5 }. */
    inputs: Readonly<Record<string, unknown>>,
  ): Promise<Record<string, unknown>>;
}

/**
 * Who computes the facts of which event. Feature modules register their provider when they
 * start (onModuleInit); an event whose facts nobody provides is refused, never guessed.
 */
@Injectable()
export class LotFactsRegistry {
  private readonly providers = new Map<LotEventType, LotFactsProvider>();

  register(provider: LotFactsProvider): void {
    for (const event of provider.events) {
      if (this.providers.has(event)) throw new Error(`Two providers of facts for ${event}`);
      this.providers.set(event, provider);
    }
  }

  providerOf(event: LotEventType): LotFactsProvider | undefined {
    return this.providers.get(event);
  }
}

/**
 * Facts the caller states (a reason, the call's length within the profile's bounds): 'days' from
 * 1 to 366; 'extraDays' from 0 to 366 (an amendment may leave the deadline where it is).
 */
export const CALLER_INPUTS: Readonly<Record<string, 'text' | 'days' | 'extraDays'>> = {
  reason: 'text',
  callPeriodDays: 'days',
  extendByDays: 'extraDays',
};

/** What an effect handler gets: the transition's transaction, the lot before it, the event. */
export interface LotEffectContext<E extends LotEffect = LotEffect> {
  manager: EntityManager;
  lot: Lot;
  effect: E;
  /** The event with its facts (empty for a lot's creation). */
  event: Readonly<Record<string, unknown>>;
  /** Outbox rows the effect asks for, written with the transition's others. */
  outbox: OutboxWriter;
}

export type LotEffectHandler<E extends LotEffect = LotEffect> = (
  context: LotEffectContext<E>,
) => Promise<void>;

/**
 * Who carries out which effect inside the transition's transaction (e.g. the deadlines module
 * writes the deadline row). Effects nobody handles go to the outbox as they are.
 */
@Injectable()
export class LotEffectHandlers {
  private readonly handlers = new Map<LotEffectType, LotEffectHandler>();

  register<T extends LotEffectType>(
    type: T,
    handler: LotEffectHandler<Extract<LotEffect, { type: T }>>,
  ): void {
    if (this.handlers.has(type)) throw new Error(`Two handlers for the ${type} effect`);
    this.handlers.set(type, handler as LotEffectHandler);
  }

  handlerOf(type: LotEffectType): LotEffectHandler | undefined {
    return this.handlers.get(type);
  }
}

/** What a transition listener gets: the transaction, the lot before the event, the event, its result. */
export interface LotTransitionContext {
  manager: EntityManager;
  lot: Lot;
  /** The event with its facts. */
  event: Readonly<Record<string, unknown>> & { type: LotEventType };
  transition: LotTransition;
}

/**
 * Feature modules that keep records in step with a lot's state (an award becomes active when
 * the lot enters contracting) listen to its transitions; they run in the transition's own
 * transaction, after the lot changed, so both commit together or not at all.
 */
@Injectable()
export class LotTransitionListeners {
  private readonly listeners: ((context: LotTransitionContext) => Promise<void>)[] = [];

  register(listener: (context: LotTransitionContext) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async notify(context: LotTransitionContext): Promise<void> {
    for (const listener of this.listeners) await listener(context);
  }
}
