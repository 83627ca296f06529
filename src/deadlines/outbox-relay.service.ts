import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withTimeout } from '../common/timeout.js';
import { Environment } from '../config/environment.js';
import { DeadlineQueues } from './deadline-queues.js';
import { DeadlineTopic, type ScheduleDeadlinePayload } from './deadlines.service.js';

const BATCH = 200;

/** Turns one outbox row's payload into queue work; must be idempotent (it may run twice). */
export type OutboxDispatcher = (
  payload: Record<string, unknown>,
  row: { id: string; lotId: string | null },
) => Promise<void>;

interface OutboxRow {
  id: string;
  lotId: string | null;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Hands committed outbox rows to BullMQ: claimed with FOR UPDATE SKIP LOCKED (so several
 * workers share the work), enqueued, marked sent. Polls every OUTBOX_POLL_MS (a NOTIFY at each
 * commit would serialise every writer's commit on PostgreSQL's notify lock: measured, it halves
 * the transitions a second). A failed row is retried later with backoff; nothing is dropped.
 * Job ids are deterministic, so enqueueing a row twice (a crash between enqueue and mark) adds
 * one job.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<number> | undefined;
  private again = false;

  /** What each topic becomes; modules add theirs with register() before the relay starts. */
  private readonly dispatch: Record<string, OutboxDispatcher> = {
    [DeadlineTopic.Schedule]: async (payload) => {
      const deadline = payload as unknown as ScheduleDeadlinePayload;
      await this.queues.scheduleDeadline(deadline, new Date(deadline.dueAt));
      for (const reminder of deadline.reminders) {
        await this.queues.scheduleReminder(deadline, reminder.daysBefore, new Date(reminder.at));
      }
    },
    [DeadlineTopic.Unschedule]: async (payload) => {
      // A job that is running right now cannot be removed; it will find itself stale.
      await this.queues.deadlines.remove(String(payload.jobId));
    },
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: DeadlineQueues,
    private readonly environment: Environment,
  ) {}

  /**
   * Adds the dispatcher of a topic (e.g. notifications). Rows of topics nobody dispatches stay
   * in the outbox until a module that does is deployed.
   */
  register(topic: string, dispatcher: OutboxDispatcher): void {
    if (this.dispatch[topic]) throw new Error(`Two dispatchers for outbox topic ${topic}`);
    this.dispatch[topic] = dispatcher;
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.drain(), this.environment.OUTBOX_POLL_MS);
    await this.drain();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.draining;
  }

  /** Sends everything due; concurrent calls share one run and trigger one more after it. */
  async drain(): Promise<number> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          for (let sent = BATCH; sent === BATCH; total += sent) sent = await this.sendBatch();
        } while (this.again);
      } catch (error) {
        this.logger.warn(`relay: ${(error as Error).message}`);
      }
      return total;
    })();
    try {
      return await this.draining;
    } finally {
      this.draining = undefined;
    }
  }

  private async sendBatch(): Promise<number> {
    // Polled often: a look on the unsent rows' index first, no transaction while idle.
    const [{ due }] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM outbox
         WHERE sent_at IS NULL AND available_at <= now() AND topic = ANY($1)) AS due`,
      [Object.keys(this.dispatch)],
    )) as [{ due: boolean }];
    if (!due) return 0;
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id, lot_id AS "lotId", topic, payload, attempts FROM outbox
         WHERE sent_at IS NULL AND available_at <= now() AND topic = ANY($1)
         ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [Object.keys(this.dispatch)],
      )) as OutboxRow[];
      const sent: OutboxRow['id'][] = [];
      for (const row of rows) {
        try {
          // Redis away must not hold the claimed rows (and their locks) for long.
          await withTimeout(
            this.dispatch[row.topic](row.payload, row),
            5000,
            'the queue did not answer',
          );
          sent.push(row.id);
        } catch (error) {
          const delaySeconds = Math.min(300, 2 ** Math.min(row.attempts, 8));
          await manager.query(
            `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
               available_at = now() + make_interval(secs => $3) WHERE id = $1`,
            [row.id, (error as Error).message, delaySeconds],
          );
        }
      }
      // Marked together, in the claim's transaction: a crash before commit re-sends them, and
      // every dispatch is idempotent (jobs by id, notifications by dedupe key).
      if (sent.length > 0) {
        await manager.query(
          `UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`,
          [sent],
        );
      }
      return rows.length;
    });
  }
}
