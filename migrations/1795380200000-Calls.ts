import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The call for bids: each lot's announcement in versions (the first when the call opens, one
 * more per amendment, none ever changed), and the clarification questions with their answers.
 */
export class Calls1795380200000 implements MigrationInterface {
  name = 'Calls1795380200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE call_announcements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        version int NOT NULL,
        call_period_days int NOT NULL,
        description text,
        criteria jsonb NOT NULL,
        tie_rule text NOT NULL,
        priority_criterion text,
        thresholds jsonb NOT NULL DEFAULT '{}',
        eligibility text[] NOT NULL,
        required_documents jsonb NOT NULL DEFAULT '[]',
        max_amount bigint NOT NULL,
        currency char(3) NOT NULL,
        note text,
        changed_fields text[] NOT NULL DEFAULT '{}',
        extend_by_days int,
        auto_extended_by_days int,
        published_by uuid NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT call_announcements_lot_id_fkey
          FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT call_announcements_published_by_fkey
          FOREIGN KEY (published_by) REFERENCES users (id),
        CONSTRAINT call_announcements_lot_version_key UNIQUE (lot_id, version),
        CONSTRAINT call_announcements_version_check CHECK (version >= 1),
        CONSTRAINT call_announcements_call_period_days_check
          CHECK (call_period_days BETWEEN 1 AND 366),
        CONSTRAINT call_announcements_tie_rule_check CHECK (tie_rule IN
          ('earliestSubmission', 'priorityCriterion', 'commissionVote', 'splitEqually')),
        CONSTRAINT call_announcements_priority_criterion_check
          CHECK ((tie_rule = 'priorityCriterion') = (priority_criterion IS NOT NULL)),
        CONSTRAINT call_announcements_max_amount_check CHECK (max_amount >= 0),
        CONSTRAINT call_announcements_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT call_announcements_amendment_check CHECK (
          (version = 1) = (note IS NULL) AND (note IS NULL) = (extend_by_days IS NULL)
          AND (note IS NULL) = (auto_extended_by_days IS NULL)),
        CONSTRAINT call_announcements_extension_check
          CHECK (extend_by_days BETWEEN 0 AND 366 AND auto_extended_by_days >= 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE call_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        asked_by uuid NOT NULL,
        question text NOT NULL,
        asked_at timestamptz NOT NULL DEFAULT now(),
        answer text,
        answered_by uuid,
        answered_at timestamptz,
        CONSTRAINT call_questions_lot_id_fkey
          FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT call_questions_organisation_id_fkey
          FOREIGN KEY (organisation_id) REFERENCES organisations (id),
        CONSTRAINT call_questions_asked_by_fkey FOREIGN KEY (asked_by) REFERENCES users (id),
        CONSTRAINT call_questions_answered_by_fkey FOREIGN KEY (answered_by) REFERENCES users (id),
        CONSTRAINT call_questions_answer_check CHECK (
          (answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX call_questions_lot_asked_idx ON call_questions (lot_id, asked_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE call_questions`);
    await queryRunner.query(`DROP TABLE call_announcements`);
  }
}
