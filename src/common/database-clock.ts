import type { EntityManager } from 'typeorm';

/**
 * The database clock now (not the transaction's start), to the millisecond a Date keeps: the
 * one clock that decides deadlines, whichever server asks.
 */
export async function databaseNow(manager: EntityManager): Promise<Date> {
  const [{ now }] = (await manager.query(
    `SELECT date_trunc('milliseconds', clock_timestamp()) AS now`,
  )) as [{ now: Date }];
  return now;
}
