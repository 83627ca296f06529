import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreement, reporting and closure: the grant agreement of an awarded lot (value, period,
 * indicator targets, tranche plan, both signatures), its reports with their review, tranche
 * payments, monitoring visits and the closure act locked with its hash. A deadline that no
 * state declares (a report's due date) keeps its own reminders on its row.
 */
export class Reporting1795380700000 implements MigrationInterface {
  name = 'Reporting1795380700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE lot_deadlines ADD COLUMN reminders jsonb`);
    await queryRunner.query(`
      CREATE TABLE agreements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        award_id uuid NOT NULL,
        ngo_id uuid NOT NULL,
        amount bigint NOT NULL,
        currency char(3) NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        indicator_targets jsonb NOT NULL DEFAULT '[]',
        tranche_plan jsonb NOT NULL,
        schedule jsonb NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        signed_by_buyer_at timestamptz,
        signed_by_buyer uuid,
        signed_by_grantee_at timestamptz,
        signed_by_grantee uuid,
        terminated_at timestamptz,
        termination_reason text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agreements_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT agreements_award_id_fkey FOREIGN KEY (award_id) REFERENCES awards (id),
        CONSTRAINT agreements_ngo_id_fkey FOREIGN KEY (ngo_id) REFERENCES organisations (id),
        CONSTRAINT agreements_signed_by_buyer_fkey FOREIGN KEY (signed_by_buyer) REFERENCES users (id),
        CONSTRAINT agreements_signed_by_grantee_fkey FOREIGN KEY (signed_by_grantee) REFERENCES users (id),
        CONSTRAINT agreements_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT agreements_lot_id_key UNIQUE (lot_id),
        CONSTRAINT agreements_award_id_key UNIQUE (award_id),
        CONSTRAINT agreements_amount_check CHECK (amount >= 0),
        CONSTRAINT agreements_period_check CHECK (period_end >= period_start),
        CONSTRAINT agreements_status_check CHECK (status IN ('draft', 'signed', 'terminated', 'closed')),
        CONSTRAINT agreements_buyer_signature_check CHECK ((signed_by_buyer IS NULL) = (signed_by_buyer_at IS NULL)),
        CONSTRAINT agreements_grantee_signature_check CHECK ((signed_by_grantee IS NULL) = (signed_by_grantee_at IS NULL)),
        CONSTRAINT agreements_signed_check CHECK (
          status = 'draft' OR (signed_by_buyer_at IS NOT NULL AND signed_by_grantee_at IS NOT NULL)),
        CONSTRAINT agreements_termination_check CHECK (
          (status = 'terminated') = (terminated_at IS NOT NULL AND termination_reason IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL,
        lot_id uuid NOT NULL,
        seq int NOT NULL,
        kind text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        narrative text NOT NULL DEFAULT '',
        financial_lines jsonb NOT NULL DEFAULT '[]',
        indicator_actuals jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        submitted_by uuid,
        reviewed_at timestamptz,
        reviewed_by uuid,
        review_comment text,
        reviews jsonb NOT NULL DEFAULT '[]',
        accepted_at timestamptz,
        CONSTRAINT reports_agreement_id_fkey FOREIGN KEY (agreement_id) REFERENCES agreements (id) ON DELETE CASCADE,
        CONSTRAINT reports_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT reports_submitted_by_fkey FOREIGN KEY (submitted_by) REFERENCES users (id),
        CONSTRAINT reports_reviewed_by_fkey FOREIGN KEY (reviewed_by) REFERENCES users (id),
        CONSTRAINT reports_agreement_seq_key UNIQUE (agreement_id, seq),
        CONSTRAINT reports_seq_check CHECK (seq >= 1),
        CONSTRAINT reports_kind_check CHECK (kind IN ('interim', 'final')),
        CONSTRAINT reports_period_check CHECK (period_end >= period_start),
        CONSTRAINT reports_status_check CHECK (status IN ('pending', 'submitted', 'returned', 'accepted')),
        CONSTRAINT reports_submitted_check CHECK (
          status = 'pending' OR (submitted_at IS NOT NULL AND submitted_by IS NOT NULL)),
        CONSTRAINT reports_reviewed_check CHECK (
          status NOT IN ('returned', 'accepted') OR (reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL)),
        CONSTRAINT reports_accepted_check CHECK ((status = 'accepted') = (accepted_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX reports_lot_idx ON reports (lot_id)`);
    await queryRunner.query(`
      CREATE TABLE tranche_payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL,
        lot_id uuid NOT NULL,
        seq int NOT NULL,
        amount bigint NOT NULL,
        currency char(3) NOT NULL,
        report_id uuid,
        paid_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid NOT NULL,
        CONSTRAINT tranche_payments_agreement_id_fkey FOREIGN KEY (agreement_id) REFERENCES agreements (id) ON DELETE CASCADE,
        CONSTRAINT tranche_payments_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT tranche_payments_report_id_fkey FOREIGN KEY (report_id) REFERENCES reports (id),
        CONSTRAINT tranche_payments_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users (id),
        CONSTRAINT tranche_payments_agreement_seq_key UNIQUE (agreement_id, seq),
        CONSTRAINT tranche_payments_seq_check CHECK (seq >= 1),
        CONSTRAINT tranche_payments_amount_check CHECK (amount > 0)
      )`);
    await queryRunner.query(`CREATE INDEX tranche_payments_lot_idx ON tranche_payments (lot_id)`);
    await queryRunner.query(`
      CREATE TABLE monitoring_visits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL,
        lot_id uuid NOT NULL,
        visited_on date NOT NULL,
        findings text NOT NULL,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT monitoring_visits_agreement_id_fkey FOREIGN KEY (agreement_id) REFERENCES agreements (id) ON DELETE CASCADE,
        CONSTRAINT monitoring_visits_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT monitoring_visits_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users (id)
      )`);
    await queryRunner.query(`CREATE INDEX monitoring_visits_lot_idx ON monitoring_visits (lot_id)`);
    await queryRunner.query(`
      CREATE TABLE closure_acts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        agreement_id uuid NOT NULL,
        assessment jsonb NOT NULL,
        act_hash char(64) NOT NULL,
        closed_at timestamptz NOT NULL DEFAULT now(),
        closed_by uuid NOT NULL,
        CONSTRAINT closure_acts_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT closure_acts_agreement_id_fkey FOREIGN KEY (agreement_id) REFERENCES agreements (id),
        CONSTRAINT closure_acts_closed_by_fkey FOREIGN KEY (closed_by) REFERENCES users (id),
        CONSTRAINT closure_acts_lot_id_key UNIQUE (lot_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE closure_acts`);
    await queryRunner.query(`DROP TABLE monitoring_visits`);
    await queryRunner.query(`DROP TABLE tranche_payments`);
    await queryRunner.query(`DROP TABLE reports`);
    await queryRunner.query(`DROP TABLE agreements`);
    await queryRunner.query(`DELETE FROM lot_deadlines WHERE reminders IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE lot_deadlines DROP COLUMN reminders`);
  }
}
