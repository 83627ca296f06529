import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every insert into the outbox wakes the relay (LISTEN soczakaz_outbox) when its transaction
 * commits: a statement trigger, so no writer spends a round trip on pg_notify and none can
 * forget it.
 */
export class OutboxWakesRelay1795381100000 implements MigrationInterface {
  name = 'OutboxWakesRelay1795381100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION outbox_wake_relay() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('soczakaz_outbox', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER outbox_wake_relay AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_wake_relay()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_wake_relay ON outbox`);
    await queryRunner.query(`DROP FUNCTION outbox_wake_relay()`);
  }
}
