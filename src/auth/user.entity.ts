import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const LOCALES = ['ru', 'ky', 'kk', 'uk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

@Entity('users')
@Check('users_locale_check', `locale IN ('ru', 'ky', 'kk', 'uk', 'en')`)
// Case-insensitive uniqueness is an expression index, created by the migration.
@Index('users_email_key', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique case-insensitively (index on lower(email)); stored as given. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  fullName: string;

  @Column({ type: 'text', default: 'ru' })
  locale: Locale;

  /** Platform administrators are not members of an organisation for that role. */
  @Column({ type: 'boolean', default: false })
  isAdmin: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
