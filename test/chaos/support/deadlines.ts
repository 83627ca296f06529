import {
  moveCallDeadlines as moveDeadlines,
  unsentOutbox as unsentRows,
} from '../../../bench/support.js';
import { deadlineJobId } from '../../../src/deadlines/lot-deadline.entity.js';
import type { ChaosStack } from './chaos-stack.js';

/** Brings the lots' call deadlines to fall due from `inSeconds` on, over `spreadSeconds`. */
export async function moveCallDeadlines(
  stack: ChaosStack,
  lotIds: readonly string[],
  inSeconds: number,
  spreadSeconds = 0,
): Promise<void> {
  const { moved } = await moveDeadlines(
    (sql, parameters) => stack.postgres.query(sql, parameters),
    { lotIds, inSeconds, spreadSeconds },
  );
  if (moved !== lotIds.length) {
    throw new Error(
      `moved ${moved} of ${lotIds.length} call deadlines: the others were not pending`,
    );
  }
}

/** Outbox rows the relay has not handed to the queue yet. */
export async function unsentOutbox(stack: ChaosStack): Promise<number> {
  return unsentRows((sql, parameters) => stack.postgres.query(sql, parameters));
}

/** How many of the lots' deadlines have fired. */
export async function firedDeadlines(
  stack: ChaosStack,
  lotIds: readonly string[],
): Promise<number> {
  const [{ n }] = await stack.postgres.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM lot_deadlines WHERE lot_id = ANY($1) AND fired_at IS NOT NULL`,
    [lotIds],
  );
  return n;
}

/** Pending deadlines the reconciler looks after (within its 7-day horizon). */
export async function pendingDeadlines(stack: ChaosStack) {
  return stack.postgres.query<{ lotId: string; kind: string; generation: number }>(
    `SELECT lot_id AS "lotId", kind, generation FROM lot_deadlines
     WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at < now() + interval '7 days'`,
  );
}

/** Job ids of pending deadlines that Redis has no job for. */
export async function missingDeadlineJobs(stack: ChaosStack): Promise<string[]> {
  const queue = stack.deadlineQueue();
  const missing: string[] = [];
  for (const deadline of await pendingDeadlines(stack)) {
    const jobId = deadlineJobId(deadline);
    if (!(await queue.getJob(jobId))) missing.push(jobId);
  }
  return missing;
}

/** Lots whose audit trail holds `eventType` more than once. */
export async function repeatedEvents(stack: ChaosStack, eventType: string): Promise<string[]> {
  const rows = await stack.postgres.query<{ lotId: string }>(
    `SELECT lot_id AS "lotId" FROM audit_events WHERE event_type = $1
     GROUP BY lot_id HAVING count(*) > 1`,
    [eventType],
  );
  return rows.map((row) => row.lotId);
}

/**
 * Lots whose version differs from their number of audit entries, or whose entries are not
 * numbered 1…version: a change applied twice or lost.
 */
export async function versionAuditMismatches(stack: ChaosStack) {
  return stack.postgres.query<{ lotId: string; version: number; entries: number; maxSeq: number }>(
    `SELECT l.id AS "lotId", l.version, count(a.id)::int AS entries,
            coalesce(max(a.seq), 0) AS "maxSeq"
     FROM lots l LEFT JOIN audit_events a ON a.lot_id = l.id
     GROUP BY l.id, l.version
     HAVING l.version <> count(a.id) OR l.version <> coalesce(max(a.seq), 0)`,
  );
}
