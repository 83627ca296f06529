import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines are data: one row per lot and kind, with the instant it falls due, a generation that
 * an amendment bumps (so an old job is a no-op), and when it actually fired.
 */
export class LotDeadlines1795375900000 implements MigrationInterface {
  name = 'LotDeadlines1795375900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE lot_deadlines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
        kind text NOT NULL,
        event text NOT NULL,
        due_at timestamptz NOT NULL,
        generation int NOT NULL DEFAULT 1,
        armed_at timestamptz NOT NULL DEFAULT now(),
        fired_at timestamptz,
        cancelled_at timestamptz,
        last_error text,
        CONSTRAINT lot_deadlines_lot_kind_key UNIQUE (lot_id, kind)
      )`);
    await queryRunner.query(`
      CREATE INDEX lot_deadlines_pending_idx ON lot_deadlines (due_at)
      WHERE fired_at IS NULL AND cancelled_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE lot_deadlines`);
  }
}
