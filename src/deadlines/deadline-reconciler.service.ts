import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { inParallel } from '../common/in-parallel.js';
import { DeadlineQueues } from './deadline-queues.js';
import { DeadlinesService } from './deadlines.service.js';
import { deadlineJobId, LotDeadline, reminderJobId } from './lot-deadline.entity.js';

export interface ReconcileReport {
  pending: number;
  /** Reminder jobs (still ahead) that Redis had lost and that were added again. */
  reminders: number;
  /** Jobs that Redis had lost (or never got) and that were added again. */
  restored: number;
  /** Of those, deadlines already past: added to run at once. */
  overdue: number;
  /** Deadlines that could not be checked this pass. */
  failed: number;
}

/** Deadlines further ahead than this get their jobs when they come closer. */
const HORIZON_MS = 7 * 24 * 3600 * 1000;
/** The shortest span a reminder can come before its deadline: one day, less a DST hour, less slack. */
const REMINDERS_POSSIBLE_MS = 22 * 3600 * 1000;
/** Deadlines checked at once (their Redis commands share the connection's pipeline). */
const CHECKS_AT_ONCE = 50;

/**
 * PostgreSQL holds the deadlines; Redis only caches their jobs. The reconciler re-adds the job
 * of every pending deadline within the horizon that Redis does not have (after a FLUSHALL, a
 * lost outbox delivery, a deadline that came within the horizon), with the remaining delay.
 */
@Injectable()
export class DeadlineReconciler {
  private readonly logger = new Logger('DeadlineReconciler');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: DeadlineQueues,
    private readonly deadlines: DeadlinesService,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    const pending = await this.dataSource
      .getRepository(LotDeadline)
      .createQueryBuilder('d')
      .where('d.firedAt IS NULL AND d.cancelledAt IS NULL')
      .andWhere(`d.dueAt < now() + make_interval(secs => :horizon)`, { horizon: HORIZON_MS / 1000 })
      .orderBy('d.dueAt')
      .getMany();
    const report: ReconcileReport = {
      pending: pending.length,
      reminders: 0,
      restored: 0,
      overdue: 0,
      failed: 0,
    };
    // Many deadlines at a time: each check is a Redis round trip, and a pass over thousands
    // one by one took seconds of every minute.
    // One that cannot be checked (Redis away) is left to the next pass; the others go on.
    let firstError: unknown;
    await inParallel(pending.length, CHECKS_AT_ONCE, (index) =>
      this.reconcileOne(pending[index], report).catch((error: unknown) => {
        report.failed += 1;
        firstError ??= error;
      }),
    );
    if (report.failed > 0) {
      this.logger.warn(
        `${report.failed} deadline(s) not checked: ${(firstError as Error).message}`,
      );
    }
    if (report.restored > 0) {
      this.logger.log(`restored ${report.restored} deadline job(s), ${report.overdue} overdue`);
    }
    return report;
  }

  private async reconcileOne(deadline: LotDeadline, report: ReconcileReport): Promise<void> {
    // Reminders come whole days before the deadline (a DST day may be 23 h): a deadline
    // closer than that has none still ahead, and its lot need not be read.
    if (deadline.dueAt.getTime() - Date.now() > REMINDERS_POSSIBLE_MS) {
      for (const { daysBefore, at } of await this.deadlines.remindersOf(deadline)) {
        if (await this.queues.deadlines.getJob(reminderJobId(deadline, daysBefore))) continue;
        if (await this.queues.scheduleReminder(deadline, daysBefore, at)) report.reminders += 1;
      }
    }
    const jobId = deadlineJobId(deadline);
    const job = await this.queues.deadlines.getJob(jobId);
    if (job) {
      // Delayed, waiting or active: nothing to do. A finished job of a deadline still pending
      // is left as a dead letter when it failed; a completed one was stale when it ran.
      if (!job.finishedOn || (await job.getState()) !== 'completed') return;
      // The list was read when the pass began: the job may have fired this very deadline since.
      if (!(await this.stillPending(deadline))) return;
      await job.remove();
    }
    await this.queues.scheduleDeadline(deadline, deadline.dueAt);
    report.restored += 1;
    if (deadline.dueAt.getTime() <= Date.now()) report.overdue += 1;
  }

  private async stillPending(deadline: LotDeadline): Promise<boolean> {
    return this.dataSource.getRepository(LotDeadline).existsBy({
      id: deadline.id,
      generation: deadline.generation,
      firedAt: IsNull(),
      cancelledAt: IsNull(),
    });
  }
}
