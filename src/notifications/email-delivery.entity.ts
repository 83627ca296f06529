import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Notification } from './notification.entity.js';

export type EmailDeliveryStatus = 'pending' | 'retrying' | 'sent' | 'dead';

/** The email of one notification: at most one per notification row, hence per dedupe key. */
@Entity('email_deliveries')
@Unique('email_deliveries_notification_key', ['notificationId'])
@Check('email_deliveries_status_check', `status IN ('pending', 'retrying', 'sent', 'dead')`)
@Check('email_deliveries_attempts_check', `attempts >= 0`)
export class EmailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  notificationId: string;

  @Column({ type: 'text' })
  toAddress: string;

  @Column({ type: 'text', default: 'pending' })
  status: EmailDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The Message-ID the transport assigned. */
  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'notification_id',
    foreignKeyConstraintName: 'email_deliveries_notification_id_fkey',
  })
  private readonly notification?: Notification;
}
