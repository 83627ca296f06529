import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment.js';
import type { DeliveryJobData } from '../queue/queues.js';
import { EmailSender } from './email-sender.service.js';

export type DeliveryOutcome = 'sent' | 'delivered' | 'skipped' | 'dead';

interface EmailRow {
  id: string;
  status: string;
  toAddress: string;
  notificationId: string;
  title: string;
  body: string;
  lotId: string | null;
}

/** Whether this run of the job is its last attempt. */
export function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Sends the email of one notification. A delivery already sent (or given up) is skipped, so
 * a repeated job sends nothing; a failure is retried by the queue and written back, and the
 * last failure leaves the delivery 'dead'.
 */
@Injectable()
export class EmailDeliveryProcessor {
  private readonly logger = new Logger('EmailDelivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sender: EmailSender,
    private readonly environment: Environment,
  ) {}

  async process(job: Job<DeliveryJobData>): Promise<DeliveryOutcome> {
    const [email] = (await this.dataSource.query(
      `SELECT e.id, e.status, e.to_address AS "toAddress", e.notification_id AS "notificationId",
              n.title, n.body, n.lot_id AS "lotId"
       FROM email_deliveries e JOIN notifications n ON n.id = e.notification_id
       WHERE e.id = $1`,
      [job.data.deliveryId],
    )) as EmailRow[];
    if (!email || email.status === 'sent' || email.status === 'dead') return 'skipped';
    try {
      const messageId = await this.sender.send({
        to: email.toAddress,
        subject: email.title,
        text: this.textOf(email),
        headers: { 'X-Soczakaz-Notification': email.notificationId },
      });
      await this.dataSource.query(
        `UPDATE email_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = now(),
           message_id = $2, last_error = NULL
         WHERE id = $1`,
        [email.id, messageId],
      );
      return 'sent';
    } catch (error) {
      const last = isLastAttempt(job);
      const message = (error as Error).message.slice(0, 2000);
      await this.dataSource.query(
        `UPDATE email_deliveries SET status = $2, attempts = attempts + 1, last_error = $3
         WHERE id = $1`,
        [email.id, last ? 'dead' : 'retrying', message],
      );
      if (last) this.logger.error(`email ${email.id} to ${email.toAddress} gave up: ${message}`);
      throw error;
    }
  }

  private textOf(email: EmailRow): string {
    const base = this.environment.PUBLIC_BASE_URL?.replace(/\/+$/, '');
    const link = base && email.lotId ? `\n\n${base}/lots/${email.lotId}` : '';
    return `${email.body}${link}\n`;
  }
}
