import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programmes and their lots (each lot with its machine snapshot and a version for
 * compare-and-swap), the hash-chained audit log, and the outbox of effects to carry out.
 */
export class ProgrammesLotsAudit1795373900000 implements MigrationInterface {
  name = 'ProgrammesLotsAudit1795373900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_id uuid NOT NULL REFERENCES organisations (id),
        title text NOT NULL,
        jurisdiction char(2) NOT NULL CHECK (jurisdiction IN ('KG', 'KZ', 'UA')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        total_budget bigint NOT NULL CHECK (total_budget >= 0),
        profile_id text NOT NULL,
        time_zone text NOT NULL,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programmes_period_check CHECK (period_end >= period_start)
      )`);
    await queryRunner.query(`CREATE INDEX programmes_buyer_idx ON programmes (buyer_id)`);
    await queryRunner.query(`
      CREATE TABLE lots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        buyer_id uuid NOT NULL REFERENCES organisations (id),
        number text NOT NULL,
        section text,
        theme text NOT NULL,
        recipients text,
        goals text,
        tasks text,
        territories jsonb NOT NULL DEFAULT '[]',
        max_amount bigint NOT NULL CHECK (max_amount >= 0),
        currency char(3) NOT NULL,
        duration_months int CHECK (duration_months BETWEEN 1 AND 120),
        expected_results text,
        indicator_targets jsonb NOT NULL DEFAULT '[]',
        eligibility text[] NOT NULL DEFAULT '{ngo}',
        profile_id text NOT NULL,
        state text NOT NULL,
        snapshot jsonb NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lots_programme_number_key UNIQUE (programme_id, number)
      )`);
    await queryRunner.query(`CREATE INDEX lots_state_idx ON lots (state)`);
    await queryRunner.query(`CREATE INDEX lots_buyer_state_idx ON lots (buyer_id, state)`);
    await queryRunner.query(
      `CREATE INDEX lots_territories_idx ON lots USING gin (territories jsonb_path_ops)`,
    );
    await queryRunner.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lot_id uuid NOT NULL REFERENCES lots (id) ON DELETE CASCADE,
        seq int NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_role text NOT NULL,
        event_type text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        prev_hash text,
        hash text NOT NULL,
        CONSTRAINT audit_events_lot_seq_key UNIQUE (lot_id, seq)
      )`);
    // Append-only: no application path updates or deletes an audit event.
    await queryRunner.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        lot_id uuid REFERENCES lots (id) ON DELETE CASCADE,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_unsent_idx ON outbox (available_at) WHERE sent_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox`);
    await queryRunner.query(`DROP TABLE audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only`);
    await queryRunner.query(`DROP TABLE lots`);
    await queryRunner.query(`DROP TABLE programmes`);
  }
}
