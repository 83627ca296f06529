import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Programme } from '../programmes/programme.entity.js';

/** A document the public reads before the hearing, e.g. the draft programme. */
export interface HearingDocument {
  title: string;
  url: string;
}

/**
 * The notice of a public hearing: when and where (or online) it is held, and what to read. One
 * notice may cover several lots of a programme (hearing_lots). The registration deadline is not
 * copied here: each lot's hearingRegistration deadline row holds it.
 */
@Entity('hearings')
@Check('hearings_venue_check', `place IS NOT NULL OR online_url IS NOT NULL`)
@Check('hearings_online_url_check', `online_url ~ '^https?://'`)
@Check('hearings_documents_check', `jsonb_typeof(documents) = 'array'`)
@Index('hearings_programme_idx', ['programmeId'])
export class Hearing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  programmeId: string;

  @Column({ type: 'timestamptz' })
  heldAt: Date;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Column({ type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  documents: HearingDocument[];

  @Column({ type: 'uuid' })
  publishedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'hearings_programme_id_fkey' })
  private readonly programme?: Programme;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'published_by', foreignKeyConstraintName: 'hearings_published_by_fkey' })
  private readonly publisher?: User;
}
