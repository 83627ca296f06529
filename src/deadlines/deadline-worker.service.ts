import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { Environment } from '../config/environment.js';
import { Runtime } from '../config/runtime.js';
import { QueueName, queueOptions, type DeadlineJobData } from '../queue/queues.js';
import { DeadlineProcessor } from './deadline.processor.js';
import { DeadlineQueues } from './deadline-queues.js';
import { DeadlineReconciler } from './deadline-reconciler.service.js';
import { OutboxRelay } from './outbox-relay.service.js';

const RECONCILE_EVERY_MS = 60_000;
const RECONCILE_SCHEDULER = 'reconcile-deadlines';
/**
 * The reconciler's schedule lives in Redis, so a Redis that lost its data (restarted empty,
 * FLUSHALL) loses it too, and with it the one thing that restores the lost deadline jobs.
 * Every worker checks this often that it is still there, and puts it back if not.
 */
const SCHEDULE_CHECK_MS = 10_000;
/** Deadline jobs in flight at once per worker process (bench/deadlines.bench.ts uses it too). */
export const DEADLINE_CONCURRENCY = 50;

/**
 * The worker role's deadline machinery: the relay, the deadline processor, and the reconciler
 * (at start and every minute, on a BullMQ job scheduler). Closes gracefully: running jobs
 * finish, the relay stops after its current batch.
 */
@Injectable()
export class DeadlineWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineWorker');
  private readonly workers: Worker[] = [];
  private scheduleCheck: NodeJS.Timeout | undefined;
  /** While Redis is away a check waits for it: no second one piles up meanwhile. */
  private checking = false;

  constructor(
    private readonly runtime: Runtime,
    private readonly environment: Environment,
    private readonly queues: DeadlineQueues,
    private readonly relay: OutboxRelay,
    private readonly processor: DeadlineProcessor,
    private readonly reconciler: DeadlineReconciler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const shared = queueOptions(this.runtime, this.environment);
    const deadlines = new Worker<DeadlineJobData>(
      QueueName.Deadlines,
      (job, token) => this.processor.process(job, token),
      { ...shared, concurrency: DEADLINE_CONCURRENCY },
    );
    deadlines.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        this.logger.error(`deadline job ${job.id} gave up: ${error.message}`);
      }
    });
    const maintenance = new Worker(QueueName.Maintenance, () => this.reconciler.reconcile(), {
      ...shared,
    });
    this.workers.push(deadlines, maintenance);
    for (const worker of this.workers) {
      worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
    }
    await this.scheduleReconciler();
    this.scheduleCheck = setInterval(() => void this.restoreSchedule(), SCHEDULE_CHECK_MS);
    await this.relay.start();
    await this.reconciler.reconcile();
  }

  /** A scheduler with `every` runs its first job at once: a restored one reconciles now. */
  private async scheduleReconciler(): Promise<void> {
    await this.queues.maintenance.upsertJobScheduler(
      RECONCILE_SCHEDULER,
      { every: RECONCILE_EVERY_MS },
      { name: 'reconcile' },
    );
  }

  private async restoreSchedule(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      if (await this.queues.maintenance.getJobScheduler(RECONCILE_SCHEDULER)) return;
      this.logger.warn('the reconciler schedule is gone from Redis: restoring it');
      await this.scheduleReconciler();
    } catch (error) {
      this.logger.warn(`reconciler schedule: ${(error as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleCheck);
    await this.relay.stop();
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
