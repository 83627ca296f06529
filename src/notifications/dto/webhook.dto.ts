import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { PageMeta, PageQuery } from '../../common/pagination.js';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from '../webhook-delivery.entity.js';
import type { WebhookSubscription } from '../webhook-subscription.entity.js';
import { NOTIFICATION_NAMES } from '../templates/catalogue.js';

export class NewWebhook {
  @ApiProperty({ example: 'https://crm.example.org/soczakaz' })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url: string;

  @ApiPropertyOptional({
    enum: NOTIFICATION_NAMES,
    isArray: true,
    description: 'Only these events; absent or empty: every event',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsIn(NOTIFICATION_NAMES, { each: true })
  events?: string[];
}

export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) events: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;

  static of(subscription: WebhookSubscription): WebhookView {
    const { id, organisationId, url, events, active, createdAt } = subscription;
    return { id, organisationId, url, events, active, createdAt };
  }
}

export class CreatedWebhook extends WebhookView {
  @ApiProperty({
    description:
      'HMAC-SHA256 key of X-Soczakaz-Signature (sha256=<hex> of the raw body); shown only now',
  })
  secret: string;
}

export class DeliveryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES, description: "'dead': dead letters" })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}

export class WebhookAttemptView {
  @ApiProperty() attempt: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: Number, nullable: true }) responseCode: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() durationMs: number;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid', description: 'Also sent as X-Soczakaz-Delivery' }) id: string;
  @ApiProperty({ example: 'lot.callOpened' }) event: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lotId: string | null;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status: WebhookDeliveryStatus;
  @ApiProperty({ description: 'A dead letter: every attempt failed' }) dead: boolean;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: Number, nullable: true }) responseCode: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: [WebhookAttemptView] }) attemptLog: WebhookAttempt[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deadAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The body sent' })
  payload: Record<string, unknown>;

  static of(delivery: WebhookDelivery): WebhookDeliveryView {
    const { id, event, lotId, status, attempts, responseCode, lastError, attemptLog } = delivery;
    const { nextAttemptAt, deliveredAt, deadAt, createdAt, payload } = delivery;
    return {
      id,
      event,
      lotId,
      status,
      dead: status === 'dead',
      attempts,
      responseCode,
      lastError,
      attemptLog,
      nextAttemptAt,
      deliveredAt,
      deadAt,
      createdAt,
      payload,
    };
  }
}

export class WebhookDeliveryPage extends PageMeta {
  @ApiProperty({ type: [WebhookDeliveryView] }) items: WebhookDeliveryView[];
}
