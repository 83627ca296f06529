import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '../auth/organisation.entity.js';
import { User } from '../auth/user.entity.js';
import { Lot } from '../lots/lot.entity.js';
import { HearingRegistration } from './hearing-registration.entity.js';
import { Hearing } from './hearing.entity.js';

/**
 * A comment on a lot under hearing, by a confirmed registrant or by an NGO (one of its members),
 * and the buyer's answer to it.
 */
@Entity('hearing_comments')
@Check(
  'hearing_comments_author_check',
  `(registration_id IS NOT NULL AND author_user_id IS NULL AND author_organisation_id IS NULL)
   OR (registration_id IS NULL AND author_user_id IS NOT NULL
     AND author_organisation_id IS NOT NULL)`,
)
@Check(
  'hearing_comments_answer_check',
  `(answer IS NULL AND answered_by IS NULL AND answered_at IS NULL)
   OR (answer IS NOT NULL AND answered_by IS NOT NULL AND answered_at IS NOT NULL)`,
)
@Index('hearing_comments_lot_hearing_idx', ['lotId', 'hearingId'])
export class HearingComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  hearingId: string;

  @Column({ type: 'uuid' })
  lotId: string;

  /** A registrant's comment. */
  @Column({ type: 'uuid', nullable: true })
  registrationId: string | null;

  /** An NGO's comment: the member who wrote it and the NGO it speaks for. */
  @Column({ type: 'uuid', nullable: true })
  authorUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  authorOrganisationId: string | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'uuid', nullable: true })
  answeredBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @ManyToOne(() => Hearing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'hearing_id', foreignKeyConstraintName: 'hearing_comments_hearing_id_fkey' })
  private readonly hearing?: Hearing;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lot_id', foreignKeyConstraintName: 'hearing_comments_lot_id_fkey' })
  private readonly lot?: Lot;

  @ManyToOne(() => HearingRegistration, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'registration_id',
    foreignKeyConstraintName: 'hearing_comments_registration_id_fkey',
  })
  private readonly registration?: HearingRegistration;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'author_user_id',
    foreignKeyConstraintName: 'hearing_comments_author_user_id_fkey',
  })
  private readonly author?: User;

  @ManyToOne(() => Organisation)
  @JoinColumn({
    name: 'author_organisation_id',
    foreignKeyConstraintName: 'hearing_comments_author_organisation_id_fkey',
  })
  private readonly authorOrganisation?: Organisation;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'answered_by',
    foreignKeyConstraintName: 'hearing_comments_answered_by_fkey',
  })
  private readonly answerer?: User;
}
