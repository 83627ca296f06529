import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { User } from '../auth/user.entity.js';
import { Application, type ApplicationStatus } from './application.entity.js';
import type { SealedContent } from './receipt.js';

/** Every revision of an application as it was, with the hash its receipt stated. */
@Entity('application_revisions')
@Unique('application_revisions_application_revision_key', ['applicationId', 'revision'])
export class ApplicationRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'text' })
  status: ApplicationStatus;

  @Column({ type: 'jsonb' })
  content: SealedContent;

  @Column({ type: 'char', length: 64 })
  contentHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'application_revisions_application_id_fkey',
  })
  private readonly application?: Application;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'created_by',
    foreignKeyConstraintName: 'application_revisions_created_by_fkey',
  })
  private readonly creator?: User;
}
