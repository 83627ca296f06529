import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Locale } from '../auth/user.entity.js';
import { Hearing } from './hearing.entity.js';

/**
 * Someone from the public registered for a hearing, without an account. The confirmation token
 * sent by email is also their secret for commenting; only its sha-256 is kept. Unconfirmed
 * registrations are not participants.
 */
@Entity('hearing_registrations')
@Unique('hearing_registrations_hearing_email_key', ['hearingId', 'email'])
@Unique('hearing_registrations_token_sha256_key', ['tokenSha256'])
@Check('hearing_registrations_email_check', `email = lower(email)`)
@Check('hearing_registrations_locale_check', `locale IN ('ru', 'ky', 'kk', 'uk', 'en')`)
export class HearingRegistration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  hearingId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  organisation: string | null;

  /** Lower case, so that one address registers once per hearing. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** The language of the confirmation email. */
  @Column({ type: 'text', default: 'ru' })
  locale: Locale;

  @Column({ type: 'char', length: 64 })
  tokenSha256: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  registeredAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @ManyToOne(() => Hearing, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'hearing_id',
    foreignKeyConstraintName: 'hearing_registrations_hearing_id_fkey',
  })
  private readonly hearing?: Hearing;
}
