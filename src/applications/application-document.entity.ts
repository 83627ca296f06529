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
import { Application } from './application.entity.js';

/** A file attached to an application; the bytes are stored by their sha-256. */
@Entity('application_documents')
@Check('application_documents_size_bytes_check', `size_bytes > 0`)
@Check('application_documents_sha256_check', `sha256 ~ '^[0-9a-f]{64}$'`)
@Index('application_documents_application_idx', ['applicationId'])
export class ApplicationDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  /** A required document's code from the call's announcement, or 'other'. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  mimeType: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;

  /** Removed by the NGO before the deadline; kept for the revisions that list it. */
  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'application_documents_application_id_fkey',
  })
  private readonly application?: Application;

  @ManyToOne(() => User)
  @JoinColumn({
    name: 'uploaded_by',
    foreignKeyConstraintName: 'application_documents_uploaded_by_fkey',
  })
  private readonly uploader?: User;
}
