import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lot lists (`GET /lots`, `GET /public/lots`) at a million lots: each in page
 * order (newest first, id to break ties), covering the columns the visibility rule and the
 * filters read, so that a page's ids, deep pages and exact totals come from the index alone.
 * A state filter names a stage or a state within it: the stage is indexed as an expression.
 */
export class LotListIndexes1795381200000 implements MigrationInterface {
  name = 'LotListIndexes1795381200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX lots_created_idx ON lots (created_at DESC, id) INCLUDE (state, buyer_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX lots_buyer_created_idx ON lots (buyer_id, created_at DESC, id) INCLUDE (state)`,
    );
    await queryRunner.query(
      `CREATE INDEX lots_stage_created_idx ON lots (split_part(state, '.', 1), created_at DESC, id)
       INCLUDE (state, buyer_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX lots_stage_created_idx`);
    await queryRunner.query(`DROP INDEX lots_buyer_created_idx`);
    await queryRunner.query(`DROP INDEX lots_created_idx`);
  }
}
