import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An annulled award sends the lot back to its meeting, which closes again: the round's protocol
 * is then superseded (kept, with when) by a new one, and an application whose award was annulled
 * may be awarded again. One live protocol per round, one live award per application.
 */
export class ProtocolSupersession1795380600000 implements MigrationInterface {
  name = 'ProtocolSupersession1795380600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE evaluation_protocols
        ADD COLUMN sequence int NOT NULL DEFAULT 1,
        ADD COLUMN superseded_at timestamptz,
        DROP CONSTRAINT evaluation_protocols_lot_round_key,
        ADD CONSTRAINT evaluation_protocols_sequence_check CHECK (sequence >= 1),
        ADD CONSTRAINT evaluation_protocols_lot_round_sequence_key UNIQUE (lot_id, round, sequence)`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX evaluation_protocols_live_idx ON evaluation_protocols (lot_id, round)
      WHERE superseded_at IS NULL`);
    await queryRunner.query(`ALTER TABLE awards DROP CONSTRAINT awards_lot_application_key`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX awards_lot_application_live_idx ON awards (lot_id, application_id)
      WHERE status <> 'annulled'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX awards_lot_application_live_idx`);
    await queryRunner.query(`DELETE FROM awards WHERE status = 'annulled'`);
    await queryRunner.query(`
      ALTER TABLE awards ADD CONSTRAINT awards_lot_application_key UNIQUE (lot_id, application_id)`);
    await queryRunner.query(`DROP INDEX evaluation_protocols_live_idx`);
    await queryRunner.query(`DELETE FROM evaluation_protocols WHERE superseded_at IS NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE evaluation_protocols
        DROP CONSTRAINT evaluation_protocols_lot_round_sequence_key,
        DROP CONSTRAINT evaluation_protocols_sequence_check,
        ADD CONSTRAINT evaluation_protocols_lot_round_key UNIQUE (lot_id, round),
        DROP COLUMN superseded_at,
        DROP COLUMN sequence`);
  }
}
