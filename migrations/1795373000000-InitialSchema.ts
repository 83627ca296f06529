import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations (buyers, NGOs, operators), users and their roles in organisations. */
export class InitialSchema1795373000000 implements MigrationInterface {
  name = 'InitialSchema1795373000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        locale text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'ky', 'kk', 'uk', 'en')),
        is_admin boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await queryRunner.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('buyer', 'ngo', 'operator')),
        name text NOT NULL,
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        time_zone text NOT NULL,
        registration_number text,
        verification_status text NOT NULL DEFAULT 'pending'
          CHECK (verification_status IN ('pending', 'verified', 'rejected')),
        verification_note text,
        verified_at timestamptz,
        verified_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX organisations_kind_status_idx ON organisations (kind, verification_status)`,
    );
    await queryRunner.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        role text NOT NULL
          CHECK (role IN ('buyer_staff', 'operator_staff', 'commission_member', 'ngo_member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT memberships_user_organisation_role_key UNIQUE (user_id, organisation_id, role)
      )`);
    await queryRunner.query(
      `CREATE INDEX memberships_organisation_idx ON memberships (organisation_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE memberships`);
    await queryRunner.query(`DROP TABLE organisations`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
