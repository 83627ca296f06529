import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from './user.entity.js';

export const ORGANISATION_KINDS = ['buyer', 'ngo', 'operator'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const VERIFICATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

@Entity('organisations')
@Check('organisations_kind_check', `kind IN ('buyer', 'ngo', 'operator')`)
@Check('organisations_country_check', `country ~ '^[A-Z]{2}$'`)
@Check(
  'organisations_verification_status_check',
  `verification_status IN ('pending', 'verified', 'rejected')`,
)
@Index('organisations_kind_status_idx', ['kind', 'verificationStatus'])
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: OrganisationKind;

  @Column({ type: 'text' })
  name: string;

  /** ISO 3166-1 alpha-2: KG, KZ, UA… */
  @Column({ type: 'char', length: 2 })
  country: string;

  /** IANA zone in which this organisation's deadlines are computed. */
  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'text', nullable: true })
  registrationNumber: string | null;

  /** NGOs register themselves and stay pending until a buyer or an admin verifies them. */
  @Column({ type: 'text', default: 'pending' })
  verificationStatus: VerificationStatus;

  @Column({ type: 'text', nullable: true })
  verificationNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  verifiedBy: string | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'verified_by', foreignKeyConstraintName: 'organisations_verified_by_fkey' })
  private readonly verifier?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
