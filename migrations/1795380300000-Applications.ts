import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NGO applications to a lot's call: one per NGO and lot, its revisions (each edit, with the hash
 * its receipt states), its documents (stored by content hash) and the log of who read sealed
 * content after the call closed.
 */
export class Applications1795380300000 implements MigrationInterface {
  name = 'Applications1795380300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL,
        ngo_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        revision int NOT NULL DEFAULT 1,
        requested_amount bigint NOT NULL DEFAULT 0,
        currency char(3) NOT NULL,
        territories jsonb NOT NULL DEFAULT '[]',
        approach text NOT NULL DEFAULT '',
        staff jsonb NOT NULL DEFAULT '[]',
        budget_lines jsonb NOT NULL DEFAULT '[]',
        indicator_commitments jsonb NOT NULL DEFAULT '[]',
        submitted_at timestamptz,
        receipt_hash text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT applications_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT applications_ngo_id_fkey FOREIGN KEY (ngo_id) REFERENCES organisations (id),
        CONSTRAINT applications_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT applications_status_check CHECK (status IN ('draft', 'submitted', 'withdrawn')),
        CONSTRAINT applications_requested_amount_check CHECK (requested_amount >= 0),
        CONSTRAINT applications_submitted_check CHECK (
          (status = 'submitted') = (submitted_at IS NOT NULL AND receipt_hash IS NOT NULL)),
        CONSTRAINT applications_lot_ngo_key UNIQUE (lot_id, ngo_id)
      )`);
    await queryRunner.query(`CREATE INDEX applications_ngo_idx ON applications (ngo_id)`);
    await queryRunner.query(
      `CREATE INDEX applications_lot_status_idx ON applications (lot_id, status)`,
    );
    await queryRunner.query(`
      CREATE TABLE application_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        revision int NOT NULL,
        status text NOT NULL,
        content jsonb NOT NULL,
        content_hash char(64) NOT NULL,
        submitted_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT application_revisions_application_id_fkey FOREIGN KEY (application_id)
          REFERENCES applications (id) ON DELETE CASCADE,
        CONSTRAINT application_revisions_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT application_revisions_application_revision_key UNIQUE (application_id, revision)
      )`);
    await queryRunner.query(`
      CREATE TABLE application_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        kind text NOT NULL,
        file_name text NOT NULL,
        mime_type text NOT NULL,
        size_bytes int NOT NULL,
        sha256 char(64) NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        CONSTRAINT application_documents_application_id_fkey FOREIGN KEY (application_id)
          REFERENCES applications (id) ON DELETE CASCADE,
        CONSTRAINT application_documents_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users (id),
        CONSTRAINT application_documents_size_bytes_check CHECK (size_bytes > 0),
        CONSTRAINT application_documents_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await queryRunner.query(
      `CREATE INDEX application_documents_application_idx ON application_documents (application_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE application_reads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        document_id uuid,
        reader_user_id uuid NOT NULL,
        reader_role text NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT application_reads_application_id_fkey FOREIGN KEY (application_id)
          REFERENCES applications (id) ON DELETE CASCADE,
        CONSTRAINT application_reads_reader_user_id_fkey FOREIGN KEY (reader_user_id) REFERENCES users (id)
      )`);
    await queryRunner.query(
      `CREATE INDEX application_reads_application_idx ON application_reads (application_id, read_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE application_reads`);
    await queryRunner.query(`DROP TABLE application_documents`);
    await queryRunner.query(`DROP TABLE application_revisions`);
    await queryRunner.query(`DROP TABLE applications`);
  }
}
