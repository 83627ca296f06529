import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Lot } from '../lots/lot.entity.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One attempt as the delivery log keeps it. */
export interface WebhookAttempt {
  attempt: number;
  at: string;
  responseCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * The delivery log: one row per (subscription, notification), with every attempt. A delivery
 * that exhausts its attempts stays here as a dead letter (status 'dead').
 */
@Entity('webhook_deliveries')
@Unique('webhook_deliveries_subscription_dedupe_key', ['subscriptionId', 'dedupeKey'])
@Check('webhook_deliveries_status_check', `status IN ('pending', 'retrying', 'delivered', 'dead')`)
@Check('webhook_deliveries_attempts_check', `attempts >= 0`)
@Index('webhook_deliveries_subscription_created_idx', ['subscriptionId', 'createdAt'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  subscriptionId: string;

  @Column({ type: 'uuid', nullable: true })
  lotId: string | null;

  /** Template name of the notification, e.g. 'lot.callOpened'. */
  @Column({ type: 'text' })
  event: string;

  @Column({ type: 'text' })
  dedupeKey: string;

  /** The JSON body sent (the same on every attempt). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'int', nullable: true })
  responseCode: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  attemptLog: WebhookAttempt[];

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** When it became a dead letter. */
  @Column({ type: 'timestamptz', nullable: true })
  deadAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'subscription_id',
    foreignKeyConstraintName: 'webhook_deliveries_subscription_id_fkey',
  })
  private readonly subscription?: WebhookSubscription;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'webhook_deliveries_lot_id_fkey' })
  private readonly lot?: Lot;
}
