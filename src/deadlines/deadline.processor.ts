import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DelayedError, type Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem.js';
import { LotEngine, SYSTEM_ACTOR } from '../lots/lot-engine.service.js';
import { LotErrorCode } from '../lots/lot.errors.js';
import { Lot } from '../lots/lot.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { DeadlinesService } from './deadlines.service.js';
import type { DeadlineJobData } from '../queue/queues.js';
import { LotDeadline } from './lot-deadline.entity.js';

export type DeadlineOutcome = 'fired' | 'stale' | 'refused';

/** Thrown inside the engine's transaction when the deadline row changed meanwhile: roll back. */
class StaleDeadline extends Error {}

/** Thrown inside the engine's transaction when the job came before its deadline: roll back. */
class EarlyDeadline extends Error {
  constructor(readonly earlyMs: number) {
    super(`The deadline is ${earlyMs} ms ahead`);
  }
}

/** A job may be early (clock skew between hosts): this much early counts as due. */
const EARLY_TOLERANCE_MS = 50;

/**
 * Fires a deadline: sends its event through the lot engine as 'system' and marks the row fired
 * in the same transaction, so a lot moves at most once per deadline generation. A job whose
 * generation is not current, or whose deadline already fired or was cancelled, is a no-op.
 */
@Injectable()
export class DeadlineProcessor {
  private readonly logger = new Logger('DeadlineProcessor');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: LotEngine,
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
  ) {}

  async process(job: Job<DeadlineJobData>, token?: string): Promise<DeadlineOutcome> {
    if (job.name === 'remind') return this.remind(job.data);
    const { lotId, kind, generation } = job.data;
    // Still pending at this generation, and how far ahead by the database clock: one read.
    const [pending] = (await this.dataSource.query(
      `SELECT id, event, EXTRACT(EPOCH FROM (due_at - clock_timestamp())) * 1000 AS "aheadMs"
       FROM lot_deadlines
       WHERE lot_id = $1 AND kind = $2 AND generation = $3
         AND fired_at IS NULL AND cancelled_at IS NULL`,
      [lotId, kind, generation],
    )) as { id: string; event: string; aheadMs: string }[];
    if (!pending) return 'stale';
    const deadline = { ...pending, generation };
    const aheadMs = Math.ceil(Number(pending.aheadMs));
    if (aheadMs > EARLY_TOLERANCE_MS) {
      await job.moveToDelayed(Date.now() + aheadMs, token);
      throw new DelayedError();
    }
    // A little early (clocks of two hosts): wait here rather than lock, transition and undo.
    if (aheadMs > 0) await sleep(aheadMs);
    try {
      await this.engine.apply(
        lotId,
        { type: deadline.event },
        SYSTEM_ACTOR,
        undefined,
        async (manager) => {
          // Decided by the database clock once the lot is locked: a submission that read the
          // clock before the deadline has committed and is counted; any later one waits for
          // this transaction and finds the call closed. Recorded by that clock too, not the
          // transaction's start, so no counted submission is dated after the closing.
          const [, changed] = (await manager.query(
            `UPDATE lot_deadlines SET fired_at = clock_timestamp(), last_error = NULL
           WHERE id = $1 AND generation = $2 AND fired_at IS NULL AND cancelled_at IS NULL
             AND due_at <= clock_timestamp()`,
            [deadline.id, generation],
          )) as [unknown, number];
          if (changed === 1) return;
          const [row] = (await manager.query(
            `SELECT EXTRACT(EPOCH FROM (due_at - clock_timestamp())) * 1000 AS "earlyMs"
             FROM lot_deadlines
             WHERE id = $1 AND generation = $2 AND fired_at IS NULL AND cancelled_at IS NULL`,
            [deadline.id, generation],
          )) as [{ earlyMs: string }?];
          if (!row) throw new StaleDeadline();
          throw new EarlyDeadline(Math.max(1, Math.ceil(Number(row.earlyMs))));
        },
      );
      return 'fired';
    } catch (error) {
      if (error instanceof StaleDeadline) return 'stale';
      if (error instanceof EarlyDeadline) {
        await job.moveToDelayed(Date.now() + error.earlyMs, token);
        throw new DelayedError();
      }
      if (error instanceof ProblemException && error.code === LotErrorCode.EventNotAccepted) {
        // The lot is past the state that armed it: record why, and do not retry.
        await this.recordFailure(deadline, error.detail);
        return 'refused';
      }
      await this.recordFailure(deadline, (error as Error).message);
      throw error;
    }
  }

  /**
   * Sends a reminder `daysBefore` a deadline that is still pending at that generation, to the
   * recipients its row (or else its state) declares; once per recipient (the dedupe key names the
   * generation, so a moved deadline is announced again with its new date).
   */
  private async remind(data: DeadlineJobData): Promise<DeadlineOutcome> {
    const { lotId, kind, generation, daysBefore } = data;
    const deadline = await this.dataSource.getRepository(LotDeadline).findOneBy({ lotId, kind });
    if (
      !deadline ||
      deadline.generation !== generation ||
      deadline.firedAt ||
      deadline.cancelledAt
    ) {
      return 'stale';
    }
    const lot = await this.dataSource.getRepository(Lot).findOneByOrFail({ id: lotId });
    const reminder = this.deadlines
      .reminderSpecsOf(lot, deadline)
      .find((candidate) => candidate.daysBefore === daysBefore);
    if (!reminder) return 'stale';
    await this.notifications.notify({
      lotId,
      name: reminder.notification.name,
      recipients: [...reminder.notification.recipients],
      dedupeKey: `reminder-${deadline.id}-g${generation}-d${daysBefore}`,
      data: { dueAt: deadline.dueAt.toISOString(), daysBefore },
    });
    return 'fired';
  }

  /** Kept on the row, so a deadline that cannot fire is visible, not silent. */
  async recordFailure(deadline: Pick<LotDeadline, 'id' | 'generation'>, message: string) {
    this.logger.warn(`deadline ${deadline.id} g${deadline.generation}: ${message}`);
    await this.dataSource.query(
      `UPDATE lot_deadlines SET last_error = $3 WHERE id = $1 AND generation = $2`,
      [deadline.id, deadline.generation, message.slice(0, 2000)],
    );
  }
}
