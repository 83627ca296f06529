import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '../auth/organisation.entity.js';
import { User } from '../auth/user.entity.js';

/** An organisation's endpoint that receives its notifications as signed POSTs. */
@Entity('webhook_subscriptions')
@Check('webhook_subscriptions_url_check', `url ~ '^https?://'`)
@Index('webhook_subscriptions_organisation_idx', ['organisationId'])
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  url: string;

  /** HMAC key: kept as is because signing needs it; shown to the client once, at creation. */
  @Column({ type: 'text', select: false })
  secret: string;

  /** Template names this endpoint wants; empty means every event. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  events: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'webhook_subscriptions_organisation_id_fkey',
  })
  private readonly organisation?: Organisation;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'created_by',
    foreignKeyConstraintName: 'webhook_subscriptions_created_by_fkey',
  })
  private readonly creator?: User;
}
