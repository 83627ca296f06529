import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: the in-app inbox (one row per user and dedupe key, the proof that a user was
 * notified once), per-user channel preferences, organisations' webhook subscriptions with
 * their delivery log and dead letters, and the email delivery of each notification.
 */
export class Notifications1795376500000 implements MigrationInterface {
  name = 'Notifications1795376500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        lot_id uuid,
        name text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        locale text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        channels text[] NOT NULL,
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notifications_user_id_fkey
          FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT notifications_lot_id_fkey
          FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT notifications_user_dedupe_key UNIQUE (user_id, dedupe_key),
        CONSTRAINT notifications_locale_check CHECK (locale IN ('ru', 'ky', 'kk', 'uk', 'en')),
        CONSTRAINT notifications_channels_check
          CHECK (channels <@ ARRAY['inApp', 'email', 'webhook']::text[])
      )`);
    await queryRunner.query(
      `CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at)`,
    );
    await queryRunner.query(`
      CREATE INDEX notifications_user_unread_idx ON notifications (user_id)
      WHERE read_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE notification_preferences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        event text NOT NULL,
        channel text NOT NULL,
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_preferences_user_id_fkey
          FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT notification_preferences_user_event_channel_key
          UNIQUE (user_id, event, channel),
        CONSTRAINT notification_preferences_channel_check
          CHECK (channel IN ('inApp', 'email', 'webhook')),
        CONSTRAINT notification_preferences_event_check
          CHECK (event = '*' OR event ~ '^lot\\.[A-Za-z]+$')
      )`);

    await queryRunner.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        events text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_subscriptions_organisation_id_fkey
          FOREIGN KEY (organisation_id) REFERENCES organisations (id) ON DELETE CASCADE,
        CONSTRAINT webhook_subscriptions_created_by_fkey
          FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT webhook_subscriptions_url_check CHECK (url ~ '^https?://')
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_subscriptions_organisation_idx ON webhook_subscriptions (organisation_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL,
        lot_id uuid,
        event text NOT NULL,
        dedupe_key text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        response_code int,
        last_error text,
        attempt_log jsonb NOT NULL DEFAULT '[]',
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        dead_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_subscription_id_fkey
          FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_lot_id_fkey
          FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_subscription_dedupe_key UNIQUE (subscription_id, dedupe_key),
        CONSTRAINT webhook_deliveries_status_check
          CHECK (status IN ('pending', 'retrying', 'delivered', 'dead')),
        CONSTRAINT webhook_deliveries_attempts_check CHECK (attempts >= 0)
      )`);
    await queryRunner.query(`
      CREATE INDEX webhook_deliveries_subscription_created_idx
      ON webhook_deliveries (subscription_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE email_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notification_id uuid NOT NULL,
        to_address text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT email_deliveries_notification_id_fkey
          FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE CASCADE,
        CONSTRAINT email_deliveries_notification_key UNIQUE (notification_id),
        CONSTRAINT email_deliveries_status_check
          CHECK (status IN ('pending', 'retrying', 'sent', 'dead')),
        CONSTRAINT email_deliveries_attempts_check CHECK (attempts >= 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE email_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_subscriptions`);
    await queryRunner.query(`DROP TABLE notification_preferences`);
    await queryRunner.query(`DROP TABLE notifications`);
  }
}
