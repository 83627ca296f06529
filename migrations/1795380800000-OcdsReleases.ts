import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OCDS releases as published: one immutable row per release of a lot's contracting process
 * (ocid), numbered within it, with its tags, its date by the database clock and the release
 * itself. Append-only, like the audit log: a published release is never changed or withdrawn.
 */
export class OcdsReleases1795380800000 implements MigrationInterface {
  name = 'OcdsReleases1795380800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ocds_releases (
        id text NOT NULL,
        ocid text NOT NULL,
        lot_id uuid NOT NULL,
        seq int NOT NULL,
        tag text[] NOT NULL,
        date timestamptz NOT NULL,
        release jsonb NOT NULL,
        CONSTRAINT ocds_releases_pkey PRIMARY KEY (id),
        CONSTRAINT ocds_releases_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT ocds_releases_ocid_seq_key UNIQUE (ocid, seq),
        CONSTRAINT ocds_releases_seq_check CHECK (seq >= 1),
        CONSTRAINT ocds_releases_id_check CHECK (id = ocid || '-' || seq),
        CONSTRAINT ocds_releases_tag_check CHECK (cardinality(tag) >= 1)
      )`);
    await queryRunner.query(`CREATE INDEX ocds_releases_date_idx ON ocds_releases (date)`);
    await queryRunner.query(`CREATE INDEX ocds_releases_lot_idx ON ocds_releases (lot_id)`);
    await queryRunner.query(`
      CREATE FUNCTION ocds_releases_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ocds_releases is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ocds_releases_append_only BEFORE UPDATE OR DELETE ON ocds_releases
      FOR EACH ROW EXECUTE FUNCTION ocds_releases_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ocds_releases`);
    await queryRunner.query(`DROP FUNCTION ocds_releases_append_only`);
  }
}
