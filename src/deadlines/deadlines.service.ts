import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  describeMeta,
  getProfile,
  restoreLot,
  type DeadlineSpec,
  type LotEffect,
  type LotEventType,
  type PersistedLotSnapshot,
  type ReminderSpec,
} from '../../workflows/index.js';
import { LotEffectHandlers, LotFactsRegistry, type LotEffectContext } from '../lots/lot-facts.js';
import { Lot } from '../lots/lot.entity.js';
import { outboxOf, type OutboxWriter } from '../outbox/outbox-message.entity.js';
import { Programme } from '../programmes/programme.entity.js';
import {
  daysRemaining,
  dueAfter,
  extendDue,
  reminderInstants,
  type DeadlineCalendar,
} from './deadline-calendar.js';
import { deadlineJobId, LotDeadline } from './lot-deadline.entity.js';
import { databaseNow } from '../common/database-clock.js';

/** Outbox topics of the deadlines module (the relay turns them into queue operations). */
export const DeadlineTopic = {
  Schedule: 'deadline.schedule',
  Unschedule: 'deadline.unschedule',
} as const;

export interface ScheduleDeadlinePayload {
  lotId: string;
  kind: string;
  generation: number;
  dueAt: string;
  /** When each reminder is sent: `daysBefore` the deadline, at the same local time. */
  reminders: { daysBefore: number; at: string }[];
}

/**
 * Deadlines as data: when a state arms, moves or leaves a deadline, the row changes in the
 * transition's own transaction, and an outbox row asks the relay to (un)schedule its job.
 */
@Injectable()
export class DeadlinesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly effects: LotEffectHandlers,
    private readonly facts: LotFactsRegistry,
  ) {}

  onModuleInit(): void {
    this.effects.register('armDeadline', (context) => this.arm(context));
    this.effects.register('cancelDeadline', (context) => this.cancel(context));
    this.effects.register('rescheduleDeadline', (context) => this.reschedule(context));
    // How many days an amendment leaves before the call closes: the machine's guard decides.
    this.facts.register({
      events: ['AMEND_CALL'],
      facts: async (lot, _event, manager, inputs) => {
        const current = await this.pending(manager, lot.id, 'callClose');
        const calendar = await this.calendarOf(manager, lot, this.countingOf(lot));
        const now = await databaseNow(manager);
        const extended = extendDue(current.dueAt, Number(inputs.extendByDays), calendar);
        return { daysRemaining: daysRemaining(now, extended, calendar) };
      },
    });
  }

  /** The deadlines of a lot, pending first, for GET /lots/{id}. */
  async of(lotId: string): Promise<LotDeadline[]> {
    return this.dataSource.getRepository(LotDeadline).find({
      where: { lotId },
      order: { dueAt: 'ASC' },
    });
  }

  private async arm({
    manager,
    lot,
    effect,
    event,
    outbox,
  }: LotEffectContext<ArmEffect>): Promise<void> {
    const spec = effect.deadline;
    const stated = spec.daysFromFact ? event[spec.daysFromFact] : undefined;
    const days = typeof stated === 'number' ? stated : spec.days;
    const calendar = await this.calendarOf(manager, lot, spec.dayCounting);
    const dueAt = dueAfter(await databaseNow(manager), days, calendar);
    const generation = await this.upsert(manager, lot.id, spec, dueAt, null);
    await this.schedule(
      outbox,
      { lotId: lot.id, kind: spec.kind, generation, dueAt },
      { reminders: spec.reminders, zone: calendar.zone },
    );
  }

  /**
   * Arms a deadline that no state declares (a report's due date, src/reporting) in the caller's
   * transaction, with its own reminders kept on the row: fired, reminded and reconciled like any
   * other, so it survives a lost Redis. Its event must be one the lot's state then handles.
   */
  async armOwn(
    manager: EntityManager,
    lot: Pick<Lot, 'id' | 'programmeId'>,
    deadline: { kind: string; event: LotEventType; dueAt: Date; reminders: ReminderSpec[] },
  ): Promise<void> {
    const { kind, event, dueAt, reminders } = deadline;
    const generation = await this.upsert(manager, lot.id, { kind, event }, dueAt, reminders);
    const programme = await manager.findOneByOrFail(Programme, { id: lot.programmeId });
    await this.schedule(
      outboxOf(manager),
      { lotId: lot.id, kind, generation, dueAt },
      { reminders, zone: programme.timeZone },
    );
  }

  /** Re-arming (a second round, a fresh standstill) bumps the generation: old jobs become no-ops. */
  private async upsert(
    manager: EntityManager,
    lotId: string,
    deadline: { kind: string; event: string },
    dueAt: Date,
    reminders: ReminderSpec[] | null,
  ): Promise<number> {
    const [row] = (await manager.query(
      `INSERT INTO lot_deadlines (lot_id, kind, event, due_at, reminders)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (lot_id, kind) DO UPDATE
         SET event = EXCLUDED.event, due_at = EXCLUDED.due_at, reminders = EXCLUDED.reminders,
             generation = lot_deadlines.generation + 1, armed_at = now(),
             fired_at = NULL, cancelled_at = NULL, last_error = NULL
       RETURNING generation`,
      [lotId, deadline.kind, deadline.event, dueAt, reminders && JSON.stringify(reminders)],
    )) as [{ generation: number }];
    return row.generation;
  }

  private async cancel({ manager, lot, effect, outbox }: LotEffectContext<CancelEffect>) {
    await this.cancelIn(manager, lot.id, effect.kind, outbox);
  }

  /** Cancels a pending deadline in the caller's transaction (nothing when it fired or is gone). */
  async cancelIn(
    manager: EntityManager,
    lotId: string,
    kind: string,
    outbox: OutboxWriter = outboxOf(manager),
  ): Promise<void> {
    const rows = (await manager.query(
      `UPDATE lot_deadlines SET cancelled_at = now()
       WHERE lot_id = $1 AND kind = $2 AND fired_at IS NULL AND cancelled_at IS NULL
       RETURNING generation`,
      [lotId, kind],
    )) as [{ generation: number }[], number];
    for (const { generation } of rows[0] ?? []) {
      await outbox({
        lotId,
        topic: DeadlineTopic.Unschedule,
        payload: { jobId: deadlineJobId({ lotId, kind, generation }) },
      });
    }
  }

  /** An amendment moves the deadline by the stated days and bumps its generation. */
  private async reschedule({
    manager,
    lot,
    effect,
    event,
    outbox,
  }: LotEffectContext<RescheduleEffect>) {
    const current = await this.pending(manager, lot.id, effect.kind);
    const calendar = await this.calendarOf(manager, lot, this.countingOf(lot));
    const dueAt = extendDue(current.dueAt, Number(event.extendByDays ?? 0), calendar);
    const generation = current.generation + 1;
    await manager.update(LotDeadline, { id: current.id }, { dueAt, generation });
    await outbox({
      lotId: lot.id,
      topic: DeadlineTopic.Unschedule,
      payload: { jobId: deadlineJobId(current) },
    });
    await this.schedule(
      outbox,
      { lotId: lot.id, kind: effect.kind, generation, dueAt },
      { reminders: this.specOf(lot, effect.kind)?.reminders ?? [], zone: calendar.zone },
    );
  }

  /** The deadline as the lot's current state declares it (reminders, event). */
  specOf(lot: Lot, kind: string): DeadlineSpec | undefined {
    const snapshot = restoreLot(lot.profileId, lot.snapshot as unknown as PersistedLotSnapshot);
    return describeMeta(snapshot).deadlines.find((deadline) => deadline.kind === kind);
  }

  private async schedule(
    outbox: OutboxWriter,
    deadline: { lotId: string; kind: string; generation: number; dueAt: Date },
    plan: { reminders: readonly ReminderSpec[]; zone: string },
  ): Promise<void> {
    const payload: ScheduleDeadlinePayload = {
      ...deadline,
      dueAt: deadline.dueAt.toISOString(),
      reminders: this.reminderPlan(deadline.dueAt, plan.reminders, plan.zone).map(
        ({ daysBefore, at }) => ({
          daysBefore,
          at: at.toISOString(),
        }),
      ),
    };
    await outbox({
      lotId: deadline.lotId,
      topic: DeadlineTopic.Schedule,
      payload: { ...payload },
    });
  }

  /** When the reminders of a deadline go out: `daysBefore` it, at the same local time. */
  reminderPlan(dueAt: Date, reminders: readonly ReminderSpec[], zone: string) {
    const days = reminders.map((reminder) => reminder.daysBefore);
    const instants = reminderInstants(dueAt, days, zone);
    return days.map((daysBefore, index) => ({ daysBefore, at: instants[index] }));
  }

  /** A deadline's reminders: its own (kept on the row), else as its lot's current state declares. */
  reminderSpecsOf(lot: Lot, deadline: LotDeadline): readonly ReminderSpec[] {
    return deadline.reminders ?? this.specOf(lot, deadline.kind)?.reminders ?? [];
  }

  /** When the reminders of a pending deadline go out. */
  async remindersOf(deadline: LotDeadline) {
    const manager = this.dataSource.manager;
    const lot = await manager.findOneByOrFail(Lot, { id: deadline.lotId });
    const programme = await manager.findOneByOrFail(Programme, { id: lot.programmeId });
    return this.reminderPlan(
      deadline.dueAt,
      this.reminderSpecsOf(lot, deadline),
      programme.timeZone,
    );
  }

  private async pending(manager: EntityManager, lotId: string, kind: string): Promise<LotDeadline> {
    const deadline = await manager.findOneBy(LotDeadline, { lotId, kind });
    if (!deadline || deadline.firedAt || deadline.cancelledAt) {
      throw new Error(`Lot ${lotId} has no pending ${kind} deadline`);
    }
    return deadline;
  }

  private countingOf(lot: Lot): DeadlineSpec['dayCounting'] {
    return getProfile(lot.profileId).dayCounting;
  }

  private async calendarOf(
    manager: EntityManager,
    lot: Lot,
    counting: DeadlineSpec['dayCounting'],
  ): Promise<DeadlineCalendar> {
    const programme = await manager.findOneByOrFail(Programme, { id: lot.programmeId });
    return { zone: programme.timeZone, counting, country: programme.jurisdiction };
  }
}

type ArmEffect = Extract<LotEffect, { type: 'armDeadline' }>;
type CancelEffect = Extract<LotEffect, { type: 'cancelDeadline' }>;
type RescheduleEffect = Extract<LotEffect, { type: 'rescheduleDeadline' }>;
