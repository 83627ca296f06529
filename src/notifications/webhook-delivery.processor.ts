import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment.js';
import type { DeliveryJobData } from '../queue/queues.js';
import { isLastAttempt, type DeliveryOutcome } from './email-delivery.processor.js';
import type { WebhookAttempt, WebhookDeliveryStatus } from './webhook-delivery.entity.js';
import { signWebhookBody, WebhookHeader } from './webhook-signature.js';
import { webhookUrlProblem } from './webhook-target.js';

const TIMEOUT_MS = 10_000;

interface DeliveryRow {
  id: string;
  status: WebhookDeliveryStatus;
  event: string;
  payload: Record<string, unknown>;
  url: string;
  secret: string;
  active: boolean;
}

interface AttemptResult {
  ok: boolean;
  responseCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Delivers one webhook: a signed POST of the stored payload. Every attempt is appended to the
 * delivery log; a non-2xx answer or a network error is retried by the queue with exponential
 * backoff, and after the last attempt the delivery is a dead letter.
 */
@Injectable()
export class WebhookDeliveryProcessor {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly environment: Environment,
  ) {}

  async process(job: Job<DeliveryJobData>): Promise<DeliveryOutcome> {
    const [delivery] = (await this.dataSource.query(
      `SELECT d.id, d.status, d.event, d.payload, s.url, s.secret, s.active
       FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
       WHERE d.id = $1`,
      [job.data.deliveryId],
    )) as DeliveryRow[];
    if (!delivery || delivery.status === 'delivered' || delivery.status === 'dead') {
      return 'skipped';
    }
    if (!delivery.active) {
      await this.record(delivery.id, 'dead', this.refused('the subscription is inactive'), null);
      return 'dead';
    }
    // Checked again at each attempt: a name may have come to resolve to a private address.
    const refusal = await webhookUrlProblem(delivery.url, {
      allowPrivate: this.environment.NODE_ENV !== 'production',
    });
    if (refusal) {
      await this.record(delivery.id, 'dead', this.refused(refusal), null);
      throw new UnrecoverableError(refusal);
    }

    const result = await this.post(delivery);
    if (result.ok) {
      await this.record(delivery.id, 'delivered', result, null);
      return 'delivered';
    }
    const attempt = job.attemptsMade + 1;
    if (isLastAttempt(job)) {
      await this.record(delivery.id, 'dead', result, null);
      this.logger.warn(`webhook delivery ${delivery.id} is a dead letter: ${result.error}`);
      throw new UnrecoverableError(result.error ?? 'failed');
    }
    const delay = this.environment.WEBHOOK_BACKOFF_MS * 2 ** (attempt - 1);
    await this.record(delivery.id, 'retrying', result, new Date(Date.now() + delay));
    throw new Error(result.error ?? 'failed');
  }

  private async post(delivery: DeliveryRow): Promise<AttemptResult> {
    const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
    const started = Date.now();
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Soczakaz-Webhooks/1',
          [WebhookHeader.Signature]: signWebhookBody(body, delivery.secret),
          [WebhookHeader.Event]: delivery.event,
          [WebhookHeader.Delivery]: delivery.id,
          [WebhookHeader.Timestamp]: String(Math.floor(Date.now() / 1000)),
        },
        body,
      });
      // The answer's body is not needed; release the connection.
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return {
        ok,
        responseCode: response.status,
        error: ok ? null : `HTTP ${response.status}`,
        durationMs: Date.now() - started,
      };
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message;
      return {
        ok: false,
        responseCode: null,
        error: [(error as Error).message, cause].filter(Boolean).join(': ').slice(0, 2000),
        durationMs: Date.now() - started,
      };
    }
  }

  private refused(why: string): AttemptResult {
    return { ok: false, responseCode: null, error: why, durationMs: 0 };
  }

  /** One attempt into the log, and the delivery's state after it. */
  private async record(
    id: string,
    status: WebhookDeliveryStatus,
    result: AttemptResult,
    nextAttemptAt: Date | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET
         status = $2,
         attempts = attempts + 1,
         response_code = $3,
         last_error = $4,
         next_attempt_at = $5,
         delivered_at = CASE WHEN $2::text = 'delivered' THEN now() ELSE delivered_at END,
         dead_at = CASE WHEN $2::text = 'dead' THEN now() ELSE dead_at END,
         attempt_log = attempt_log || jsonb_build_array(
           jsonb_build_object('attempt', attempts + 1, 'at', now()) || $6::jsonb)
       WHERE id = $1`,
      [
        id,
        status,
        result.responseCode,
        result.error,
        nextAttemptAt,
        JSON.stringify({
          responseCode: result.responseCode,
          error: result.error,
          durationMs: result.durationMs,
        } satisfies Omit<WebhookAttempt, 'attempt' | 'at'>),
      ],
    );
  }
}
