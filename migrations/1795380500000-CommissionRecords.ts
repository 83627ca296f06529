import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the commission's records need beyond the evaluation model: every random draw of a
 * commission with its seed and register (a redraw does not erase the earlier one), and every
 * conflict-of-interest declaration and amendment as it was made. Both append-only.
 */
export class CommissionRecords1795380500000 implements MigrationInterface {
  name = 'CommissionRecords1795380500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE commission_draws (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        round int NOT NULL,
        seed text NOT NULL,
        pools jsonb NOT NULL,
        drawn uuid[] NOT NULL,
        drawn_by uuid NOT NULL,
        drawn_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT commission_draws_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT commission_draws_drawn_by_fkey FOREIGN KEY (drawn_by) REFERENCES users (id),
        CONSTRAINT commission_draws_round_check CHECK (round IN (1, 2))
      )`);
    await queryRunner.query(
      `CREATE INDEX commission_draws_lot_round_idx ON commission_draws (lot_id, round)`,
    );
    await queryRunner.query(`
      CREATE TABLE conflict_declaration_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        round int NOT NULL,
        member_user_id uuid NOT NULL,
        links jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT conflict_declaration_history_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT conflict_declaration_history_member_user_id_fkey FOREIGN KEY (member_user_id) REFERENCES users (id),
        CONSTRAINT conflict_declaration_history_round_check CHECK (round IN (1, 2))
      )`);
    await queryRunner.query(
      `CREATE INDEX conflict_declaration_history_lot_round_idx ON conflict_declaration_history (lot_id, round)`,
    );
    // Append-only, like the audit log: a draw or a declaration, once made, stays as it was made.
    await queryRunner.query(`
      CREATE FUNCTION commission_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    for (const table of ['commission_draws', 'conflict_declaration_history']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION commission_records_append_only()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE conflict_declaration_history`);
    await queryRunner.query(`DROP TABLE commission_draws`);
    await queryRunner.query(`DROP FUNCTION commission_records_append_only`);
  }
}
