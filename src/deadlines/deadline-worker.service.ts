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
    await this.queues.maintenance.upsertJobScheduler(
      'reconcile-deadlines',
      { every: RECONCILE_EVERY_MS },
      { name: 'reconcile' },
    );
    await this.relay.start();
    await this.reconciler.reconcile();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
