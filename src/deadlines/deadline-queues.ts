import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Environment } from '../config/environment.js';
import { Runtime } from '../config/runtime.js';
import { deadlineJobId, reminderJobId, type LotDeadline } from './lot-deadline.entity.js';
import {
  DEFAULT_JOB_OPTIONS,
  QueueName,
  queueOptions,
  type DeadlineJobData,
} from '../queue/queues.js';

/** The queues the deadline machinery writes to, opened once per process. */
@Injectable()
export class DeadlineQueues implements OnApplicationShutdown {
  readonly deadlines: Queue<DeadlineJobData>;
  readonly maintenance: Queue;

  constructor(runtime: Runtime, environment: Environment) {
    const shared = queueOptions(runtime, environment);
    this.deadlines = new Queue<DeadlineJobData>(QueueName.Deadlines, {
      ...shared,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    this.maintenance = new Queue(QueueName.Maintenance, {
      ...shared,
      defaultJobOptions: { removeOnComplete: 100, removeOnFail: 100 },
    });
  }

  /** Adds the job that fires the deadline at `dueAt` (an existing job id is kept as it is). */
  async scheduleDeadline(
    deadline: Pick<LotDeadline, 'lotId' | 'kind' | 'generation'>,
    dueAt: Date,
  ): Promise<void> {
    const { lotId, kind, generation } = deadline;
    await this.deadlines.add(
      'fire',
      { lotId, kind, generation },
      { jobId: deadlineJobId(deadline), delay: Math.max(0, dueAt.getTime() - Date.now()) },
    );
  }

  /** Adds a reminder job, unless its moment has passed (a late reminder would mislead). */
  async scheduleReminder(
    deadline: Pick<LotDeadline, 'lotId' | 'kind' | 'generation'>,
    daysBefore: number,
    at: Date,
  ): Promise<boolean> {
    const delay = at.getTime() - Date.now();
    if (delay < 0) return false;
    const { lotId, kind, generation } = deadline;
    await this.deadlines.add(
      'remind',
      { lotId, kind, generation, daysBefore },
      { jobId: reminderJobId(deadline, daysBefore), delay },
    );
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.deadlines.close(), this.maintenance.close()]);
  }
}
