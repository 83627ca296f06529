import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commission evaluation and award: each round's commission, conflict-of-interest declarations,
 * admissibility decisions, score sheets, the round's protocol (ranking locked with its hash), the
 * awards in rank order, complaints against them, and the link from a re-announced lot to the lot
 * that failed.
 */
export class Evaluation1795380400000 implements MigrationInterface {
  name = 'Evaluation1795380400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commission_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        round int NOT NULL DEFAULT 1,
        user_id uuid NOT NULL,
        office text NOT NULL DEFAULT 'member',
        nominated_by text,
        added_by uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT commission_members_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT commission_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT commission_members_added_by_fkey FOREIGN KEY (added_by) REFERENCES users (id),
        CONSTRAINT commission_members_round_check CHECK (round IN (1, 2)),
        CONSTRAINT commission_members_office_check CHECK (office IN ('chair', 'secretary', 'member')),
        CONSTRAINT commission_members_nominated_by_check CHECK (nominated_by IN ('state', 'ngo', 'operator')),
        CONSTRAINT commission_members_lot_round_user_key UNIQUE (lot_id, round, user_id)
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX commission_members_one_chair_idx ON commission_members (lot_id, round, office)
      WHERE office IN ('chair', 'secretary')`);
    await queryRunner.query(`
      CREATE TABLE conflict_declarations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        round int NOT NULL DEFAULT 1,
        member_user_id uuid NOT NULL,
        links jsonb NOT NULL DEFAULT '[]',
        declared_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT conflict_declarations_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT conflict_declarations_member_user_id_fkey FOREIGN KEY (member_user_id) REFERENCES users (id),
        CONSTRAINT conflict_declarations_round_check CHECK (round IN (1, 2)),
        CONSTRAINT conflict_declarations_lot_round_member_key UNIQUE (lot_id, round, member_user_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE admissibility_decisions (
        application_id uuid PRIMARY KEY,
        lot_id uuid NOT NULL,
        decision text NOT NULL,
        reason_code text,
        reason text,
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT admissibility_decisions_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
        CONSTRAINT admissibility_decisions_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT admissibility_decisions_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users (id),
        CONSTRAINT admissibility_decisions_decision_check CHECK (decision IN ('admitted', 'rejected')),
        CONSTRAINT admissibility_decisions_reason_check CHECK (
          (decision = 'rejected') = (reason_code IS NOT NULL AND reason IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX admissibility_decisions_lot_idx ON admissibility_decisions (lot_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE score_sheets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        round int NOT NULL DEFAULT 1,
        application_id uuid NOT NULL,
        member_user_id uuid NOT NULL,
        points jsonb NOT NULL DEFAULT '{}',
        comment text,
        status text NOT NULL DEFAULT 'draft',
        submitted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT score_sheets_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT score_sheets_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
        CONSTRAINT score_sheets_member_user_id_fkey FOREIGN KEY (member_user_id) REFERENCES users (id),
        CONSTRAINT score_sheets_round_check CHECK (round IN (1, 2)),
        CONSTRAINT score_sheets_status_check CHECK (status IN ('draft', 'submitted')),
        CONSTRAINT score_sheets_submitted_check CHECK ((status = 'submitted') = (submitted_at IS NOT NULL)),
        CONSTRAINT score_sheets_round_application_member_key UNIQUE (round, application_id, member_user_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX score_sheets_lot_round_idx ON score_sheets (lot_id, round)`,
    );
    await queryRunner.query(`
      CREATE TABLE evaluation_protocols (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        round int NOT NULL DEFAULT 1,
        members_present uuid[] NOT NULL,
        protocol jsonb NOT NULL,
        protocol_hash char(64) NOT NULL,
        closed_by uuid NOT NULL,
        closed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evaluation_protocols_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT evaluation_protocols_closed_by_fkey FOREIGN KEY (closed_by) REFERENCES users (id),
        CONSTRAINT evaluation_protocols_round_check CHECK (round IN (1, 2)),
        CONSTRAINT evaluation_protocols_lot_round_key UNIQUE (lot_id, round)
      )`);
    await queryRunner.query(`
      CREATE TABLE awards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        application_id uuid NOT NULL,
        ngo_id uuid NOT NULL,
        rank int NOT NULL,
        amount bigint NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        decided_at timestamptz NOT NULL DEFAULT now(),
        status_reason text,
        status_changed_at timestamptz,
        CONSTRAINT awards_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT awards_application_id_fkey FOREIGN KEY (application_id) REFERENCES applications (id),
        CONSTRAINT awards_ngo_id_fkey FOREIGN KEY (ngo_id) REFERENCES organisations (id),
        CONSTRAINT awards_rank_check CHECK (rank >= 1),
        CONSTRAINT awards_amount_check CHECK (amount >= 0),
        CONSTRAINT awards_status_check CHECK (status IN ('pending', 'active', 'declined', 'annulled', 'cancelled')),
        CONSTRAINT awards_lot_application_key UNIQUE (lot_id, application_id)
      )`);
    await queryRunner.query(`CREATE INDEX awards_lot_status_idx ON awards (lot_id, status)`);
    await queryRunner.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        award_id uuid,
        ngo_id uuid NOT NULL,
        filed_by uuid NOT NULL,
        text text NOT NULL,
        filed_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'open',
        decision text,
        decided_by uuid,
        decided_at timestamptz,
        CONSTRAINT complaints_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT complaints_award_id_fkey FOREIGN KEY (award_id) REFERENCES awards (id),
        CONSTRAINT complaints_ngo_id_fkey FOREIGN KEY (ngo_id) REFERENCES organisations (id),
        CONSTRAINT complaints_filed_by_fkey FOREIGN KEY (filed_by) REFERENCES users (id),
        CONSTRAINT complaints_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users (id),
        CONSTRAINT complaints_status_check CHECK (status IN ('open', 'upheld', 'dismissed')),
        CONSTRAINT complaints_decision_check CHECK (
          (status = 'open') = (decision IS NULL AND decided_by IS NULL AND decided_at IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX complaints_lot_status_idx ON complaints (lot_id, status)`,
    );
    await queryRunner.query(`ALTER TABLE lots ADD COLUMN reannounced_from uuid`);
    await queryRunner.query(`
      ALTER TABLE lots ADD CONSTRAINT lots_reannounced_from_fkey
      FOREIGN KEY (reannounced_from) REFERENCES lots (id)`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX lots_reannounced_from_key ON lots (reannounced_from)
      WHERE reannounced_from IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX lots_reannounced_from_key`);
    await queryRunner.query(`ALTER TABLE lots DROP CONSTRAINT lots_reannounced_from_fkey`);
    await queryRunner.query(`ALTER TABLE lots DROP COLUMN reannounced_from`);
    await queryRunner.query(`DROP TABLE complaints`);
    await queryRunner.query(`DROP TABLE awards`);
    await queryRunner.query(`DROP TABLE evaluation_protocols`);
    await queryRunner.query(`DROP TABLE score_sheets`);
    await queryRunner.query(`DROP TABLE admissibility_decisions`);
    await queryRunner.query(`DROP TABLE conflict_declarations`);
    await queryRunner.query(`DROP TABLE commission_members`);
  }
}
