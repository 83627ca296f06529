import type { EntityManager } from 'typeorm';

/**
 * A lot's pending deadline of one kind beside the database clock, read together so that the
 * caller decides "on time" by the same instant it records. `dueAt` is null when no such
 * deadline is pending (not armed, fired or cancelled).
 */
export async function pendingDeadlineClock(
  manager: EntityManager,
  lotId: string,
  kind: string,
): Promise<{ now: Date; dueAt: Date | null }> {
  const [row] = (await manager.query(
    `SELECT clock_timestamp() AS now, (
       SELECT due_at FROM lot_deadlines
       WHERE lot_id = $1 AND kind = $2 AND fired_at IS NULL AND cancelled_at IS NULL
     ) AS "dueAt"`,
    [lotId, kind],
  )) as [{ now: Date; dueAt: Date | null }];
  return row;
}
