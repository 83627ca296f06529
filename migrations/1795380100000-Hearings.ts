import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public hearings: a notice that may cover several lots of one programme, each lot's part in it
 * with its approved (frozen, hashed) protocol, the public's registrations (only a hash of the
 * confirmation token is kept), and the comments with the buyer's answers.
 */
export class Hearings1795380100000 implements MigrationInterface {
  name = 'Hearings1795380100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hearings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL,
        held_at timestamptz NOT NULL,
        place text,
        online_url text,
        description text,
        documents jsonb NOT NULL DEFAULT '[]',
        published_by uuid NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hearings_programme_id_fkey
          FOREIGN KEY (programme_id) REFERENCES programmes (id) ON DELETE CASCADE,
        CONSTRAINT hearings_published_by_fkey FOREIGN KEY (published_by) REFERENCES users (id),
        CONSTRAINT hearings_venue_check CHECK (place IS NOT NULL OR online_url IS NOT NULL),
        CONSTRAINT hearings_online_url_check CHECK (online_url ~ '^https?://'),
        CONSTRAINT hearings_documents_check CHECK (jsonb_typeof(documents) = 'array')
      )`);
    await queryRunner.query(`CREATE INDEX hearings_programme_idx ON hearings (programme_id)`);

    await queryRunner.query(`
      CREATE TABLE hearing_lots (
        hearing_id uuid NOT NULL,
        lot_id uuid NOT NULL,
        decision text,
        decision_note text,
        protocol jsonb,
        protocol_sha256 char(64),
        approved_by uuid,
        approved_at timestamptz,
        CONSTRAINT hearing_lots_pkey PRIMARY KEY (hearing_id, lot_id),
        CONSTRAINT hearing_lots_hearing_id_fkey
          FOREIGN KEY (hearing_id) REFERENCES hearings (id) ON DELETE CASCADE,
        CONSTRAINT hearing_lots_lot_id_fkey
          FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT hearing_lots_approved_by_fkey FOREIGN KEY (approved_by) REFERENCES users (id),
        CONSTRAINT hearing_lots_decision_check CHECK (decision IN ('openCall', 'revise')),
        CONSTRAINT hearing_lots_protocol_sha256_check CHECK (protocol_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT hearing_lots_approval_check CHECK (
          (decision IS NULL AND decision_note IS NULL AND protocol IS NULL
            AND protocol_sha256 IS NULL AND approved_by IS NULL AND approved_at IS NULL)
          OR (decision IS NOT NULL AND protocol IS NOT NULL AND protocol_sha256 IS NOT NULL
            AND approved_by IS NOT NULL AND approved_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX hearing_lots_lot_idx ON hearing_lots (lot_id)`);

    await queryRunner.query(`
      CREATE TABLE hearing_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hearing_id uuid NOT NULL,
        name text NOT NULL,
        organisation text,
        email text NOT NULL,
        phone text,
        locale text NOT NULL DEFAULT 'ru',
        token_sha256 char(64) NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz,
        CONSTRAINT hearing_registrations_hearing_id_fkey
          FOREIGN KEY (hearing_id) REFERENCES hearings (id) ON DELETE CASCADE,
        CONSTRAINT hearing_registrations_hearing_email_key UNIQUE (hearing_id, email),
        CONSTRAINT hearing_registrations_token_sha256_key UNIQUE (token_sha256),
        CONSTRAINT hearing_registrations_email_check CHECK (email = lower(email)),
        CONSTRAINT hearing_registrations_locale_check
          CHECK (locale IN ('ru', 'ky', 'kk', 'uk', 'en'))
      )`);

    await queryRunner.query(`
      CREATE TABLE hearing_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        hearing_id uuid NOT NULL,
        lot_id uuid NOT NULL,
        registration_id uuid,
        author_user_id uuid,
        author_organisation_id uuid,
        text text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        answer text,
        answered_by uuid,
        answered_at timestamptz,
        CONSTRAINT hearing_comments_hearing_id_fkey
          FOREIGN KEY (hearing_id) REFERENCES hearings (id) ON DELETE CASCADE,
        CONSTRAINT hearing_comments_lot_id_fkey
          FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT hearing_comments_registration_id_fkey
          FOREIGN KEY (registration_id) REFERENCES hearing_registrations (id) ON DELETE CASCADE,
        CONSTRAINT hearing_comments_author_user_id_fkey
          FOREIGN KEY (author_user_id) REFERENCES users (id),
        CONSTRAINT hearing_comments_author_organisation_id_fkey
          FOREIGN KEY (author_organisation_id) REFERENCES organisations (id),
        CONSTRAINT hearing_comments_answered_by_fkey
          FOREIGN KEY (answered_by) REFERENCES users (id),
        CONSTRAINT hearing_comments_author_check CHECK (
          (registration_id IS NOT NULL AND author_user_id IS NULL AND author_organisation_id IS NULL)
          OR (registration_id IS NULL AND author_user_id IS NOT NULL
            AND author_organisation_id IS NOT NULL)),
        CONSTRAINT hearing_comments_answer_check CHECK (
          (answer IS NULL AND answered_by IS NULL AND answered_at IS NULL)
          OR (answer IS NOT NULL AND answered_by IS NOT NULL AND answered_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX hearing_comments_lot_hearing_idx ON hearing_comments (lot_id, hearing_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE hearing_comments`);
    await queryRunner.query(`DROP TABLE hearing_registrations`);
    await queryRunner.query(`DROP TABLE hearing_lots`);
    await queryRunner.query(`DROP TABLE hearings`);
  }
}
