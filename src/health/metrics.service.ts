import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { withTimeout } from '../common/timeout.js';
import { DeadlineQueues } from '../deadlines/deadline-queues.js';

const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed'] as const;

/**
 * Prometheus metrics, computed at scrape time from Redis and PostgreSQL, so that any API instance
 * reports what every worker did: queue depth per state, outbox backlog, deadline lateness
 * (fired_at − due_at over the last hour) and deadlines that failed to fire.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: DeadlineQueues,
  ) {
    const queueJobs = new Gauge({
      name: 'soczakaz_queue_jobs',
      help: 'Jobs in each BullMQ queue, by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      collect: async () => {
        for (const queue of [this.queues.deadlines, this.queues.maintenance]) {
          const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), 1000, 'no answer');
          for (const state of JOB_STATES)
            queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    const outbox = new Gauge({
      name: 'soczakaz_outbox_unsent',
      help: 'Outbox rows not yet handed to the queue',
      registers: [this.registry],
      collect: async () => {
        const [row] = (await this.dataSource.query(
          'SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL',
        )) as [{ unsent: number }];
        outbox.set(row.unsent);
      },
    });
    const lateness = new Gauge({
      name: 'soczakaz_deadline_lateness_seconds',
      help: 'How late deadlines fired in the last hour (fired_at - due_at), by quantile',
      labelNames: ['quantile'],
      registers: [this.registry],
      collect: async () => {
        const [row] = (await this.dataSource.query(`
          SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (
                   ORDER BY extract(epoch FROM fired_at - due_at)) AS q,
                 max(extract(epoch FROM fired_at - due_at)) AS max
          FROM lot_deadlines WHERE fired_at > now() - interval '1 hour'`)) as [
          { q: number[] | null; max: number | null },
        ];
        const [p50, p95, p99] = row.q ?? [0, 0, 0];
        lateness.set({ quantile: '0.5' }, p50);
        lateness.set({ quantile: '0.95' }, p95);
        lateness.set({ quantile: '0.99' }, p99);
        lateness.set({ quantile: '1' }, row.max ?? 0);
      },
    });
    const failing = new Gauge({
      name: 'soczakaz_deadlines_failing',
      help: 'Pending deadlines whose last attempt to fire failed',
      registers: [this.registry],
      collect: async () => {
        const [row] = (await this.dataSource.query(
          `SELECT count(*)::int AS failing FROM lot_deadlines
           WHERE fired_at IS NULL AND cancelled_at IS NULL AND last_error IS NOT NULL`,
        )) as [{ failing: number }];
        failing.set(row.failing);
      },
    });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
