import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { inParallel, numberFromEnv } from '../../bench/support.js';
import {
  amendment,
  call,
  cancellation,
  createUaBuyer,
  openLot,
  type Buyer,
  type Reply,
} from './support/api-client.js';
import { CHAOS_MAIN, ChaosStack } from './support/chaos-stack.js';
import {
  firedDeadlines,
  moveCallDeadlines,
  repeatedEvents,
  unsentOutbox,
  versionAuditMismatches,
} from './support/deadlines.js';

const run = promisify(execFile);

/** Issue #8: 1,000 mixed events (CHAOS_EVENTS for a smaller run while developing). */
const EVENTS = Math.round(numberFromEnv('CHAOS_EVENTS', 1000));
/** A tenth of them are deadline firings, by the workers. */
const DEADLINES = Math.round(EVENTS / 10);
/** Few lots for many events: concurrent clients keep colliding on them. */
const HOT_LOTS = 20;
/** Half the hot lots get cancelled, each by several clients racing (one must win). */
const CANCELLED_LOTS = HOT_LOTS / 2;
const CANCELS_PER_LOT = 3;
const CLIENTS = 8;
/** Statuses a refused event may get: a conflict (409) or a refusal by the rules (422). */
const REFUSALS = [409, 422];

interface Planned {
  kind: 'amend' | 'cancel';
  lotId: string;
  /** Names the request: the amendment's note or the cancellation's reason. */
  label: string;
  /** Sent with If-Match: the version the client has just read. */
  ifMatch: boolean;
}

interface Outcome extends Planned {
  reply: Reply;
}

/** "version-conflict 115, call-not-open 300…": why the refused ones were refused. */
function refusalCodes(refused: readonly Outcome[]): string {
  const counts = new Map<string, number>();
  for (const { reply } of refused) {
    const code = String(reply.body.code);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].map(([code, n]) => `${code} ${n}`).join(', ');
}

/** A small seeded generator (mulberry32), so that a failing mix can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Amendments and racing cancellations over the hot lots, in a shuffled order. */
function plan(hotLots: readonly string[], count: number, random: () => number): Planned[] {
  const events: Planned[] = [];
  for (const lotId of hotLots.slice(0, CANCELLED_LOTS)) {
    for (let k = 0; k < CANCELS_PER_LOT; k++) {
      events.push({
        kind: 'cancel',
        lotId,
        label: `cancel ${events.length}`,
        ifMatch: k % 2 === 0,
      });
    }
  }
  while (events.length < count) {
    events.push({
      kind: 'amend',
      lotId: hotLots[Math.floor(random() * hotLots.length)],
      label: `amend ${events.length}`,
      ifMatch: random() < 0.7,
    });
  }
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [events[i], events[j]] = [events[j], events[i]];
  }
  return events;
}

describe('two API instances and two workers on one database and Redis (chaos)', () => {
  let stack: ChaosStack;
  let buyer: Buyer;
  let hotLots: string[];
  let dueLots: string[];

  beforeAll(async () => {
    stack = await ChaosStack.start({ apis: 2, workers: 2 });
    buyer = await createUaBuyer(stack.api.baseUrl, CLIENTS);
    const lots: string[] = new Array<string>(HOT_LOTS + DEADLINES);
    await inParallel(lots.length, CLIENTS, async (index) => {
      const api = stack.apis[index % stack.apis.length];
      lots[index] = await openLot(api.baseUrl, buyer, String(index + 1));
    });
    hotLots = lots.slice(0, HOT_LOTS);
    dueLots = lots.slice(HOT_LOTS);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it(`applies every one of ${EVENTS} mixed events exactly once, with a valid audit chain`, async () => {
    const events = plan(hotLots, EVENTS - DEADLINES, seeded(8));
    // The deadlines fall due while the clients send their events, spread over a few seconds.
    await moveCallDeadlines(stack, dueLots, 3, 10);

    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const { baseUrl } = stack.apis[client % stack.apis.length];
        const { token } = buyer.staff[client];
        while (next < events.length) {
          const event = events[next++];
          let version: number | undefined;
          if (event.ifMatch) {
            const lot = await call(baseUrl, 'GET', `/lots/${event.lotId}`, { token });
            version = lot.body.version as number;
          }
          const reply =
            event.kind === 'amend'
              ? await amendment(baseUrl, token, event.lotId, event.label, version)
              : await cancellation(baseUrl, token, event.lotId, event.label, version);
          outcomes.push({ ...event, reply });
        }
      }),
    );

    // Every request was answered: applied, or refused as a conflict; never a 5xx.
    const unexpected = outcomes.filter(
      ({ reply }) => reply.status >= 300 && !REFUSALS.includes(reply.status),
    );
    expect(
      unexpected.map(({ label, reply }) => ({ label, status: reply.status, body: reply.body })),
    ).toEqual([]);
    const applied = outcomes.filter(({ reply }) => reply.status < 300);
    const refused = outcomes.filter(({ reply }) => reply.status >= 300);
    const conflicts = refused.filter(({ reply }) => reply.body.code === 'version-conflict');
    process.stdout.write(
      `chaos: ${outcomes.length} requests through ${stack.apis.length} APIs: ${applied.length} ` +
        `applied, ${refused.length} refused (${refusalCodes(refused)}); ` +
        `${DEADLINES} deadlines due for ${stack.workers.length} workers\n`,
    );
    // The clients did collide: compare-and-swap refused stale versions.
    expect(conflicts.length).toBeGreaterThan(0);

    await stack.eventually(
      'every deadline has fired',
      async () => (await firedDeadlines(stack, dueLots)) === DEADLINES,
      90_000,
    );
    await stack.eventually(
      'the outbox is drained',
      async () => (await unsentOutbox(stack)) === 0,
      60_000,
    );

    // Each lot's version counts its audit entries, numbered 1…version: nothing twice, nothing lost.
    expect(await versionAuditMismatches(stack)).toEqual([]);
    // Two entries per lot from the set-up (created, call opened), then one per applied event.
    const [{ entries }] = await stack.postgres.query<{ entries: number }>(
      `SELECT count(*)::int AS entries FROM audit_events`,
    );
    expect(entries).toBe(2 * (HOT_LOTS + DEADLINES) + applied.length + DEADLINES);

    // Each applied amendment is in the audit and the call's versions once; no refused one is.
    const amendedPerLot = await stack.postgres.query<{ lotId: string; n: number }>(
      `SELECT lot_id AS "lotId", count(*)::int AS n FROM audit_events
       WHERE event_type = 'AMEND_CALL' GROUP BY lot_id`,
    );
    const appliedAmendments = applied.filter(({ kind }) => kind === 'amend');
    const countBy = (items: readonly { lotId: string }[]) => {
      const counts = new Map<string, number>();
      for (const { lotId } of items) counts.set(lotId, (counts.get(lotId) ?? 0) + 1);
      return counts;
    };
    expect(new Map(amendedPerLot.map(({ lotId, n }) => [lotId, n]))).toEqual(
      countBy(appliedAmendments),
    );
    const notes = await stack.postgres.query<{ note: string; n: number }>(
      `SELECT note, count(*)::int AS n FROM call_announcements WHERE version > 1 GROUP BY note`,
    );
    expect(new Map(notes.map(({ note, n }) => [note, n]))).toEqual(
      new Map(appliedAmendments.map(({ label }) => [label, 1])),
    );

    // Every cancelled lot: exactly one of the racing cancellations won, and it is the audited one.
    const cancels = await stack.postgres.query<{ lotId: string; reason: string }>(
      `SELECT lot_id AS "lotId", payload->>'reason' AS reason FROM audit_events
       WHERE event_type = 'CANCEL' ORDER BY lot_id`,
    );
    const appliedCancels = applied
      .filter(({ kind }) => kind === 'cancel')
      .map(({ lotId, label }) => ({ lotId, reason: label }))
      .sort((a, b) => a.lotId.localeCompare(b.lotId));
    expect(cancels).toEqual(appliedCancels);
    expect(cancels.map(({ lotId }) => lotId).sort()).toEqual(
      hotLots.slice(0, CANCELLED_LOTS).sort(),
    );

    // Every deadline fired once, by one of the workers, and moved its lot once.
    expect(await repeatedEvents(stack, 'CALL_DEADLINE')).toEqual([]);
    const dueStates = await stack.postgres.query<{ state: string; fired: number }>(
      `SELECT l.state, (SELECT count(*)::int FROM audit_events a
                        WHERE a.lot_id = l.id AND a.event_type = 'CALL_DEADLINE') AS fired
       FROM lots l WHERE l.id = ANY($1)`,
      [dueLots],
    );
    expect(dueStates).toEqual(dueLots.map(() => ({ state: 'unsuccessful', fired: 1 })));

    // The audit chain holds, checked by the verifier command and through both APIs.
    const verifier = join(dirname(CHAOS_MAIN), 'audit/verify-audit.cli.js');
    const { stdout } = await run(process.execPath, [verifier], {
      env: { ...process.env, DATABASE_URL: stack.postgres.url },
    });
    const lots = HOT_LOTS + DEADLINES;
    expect(stdout.trim()).toBe(`${lots} of ${lots} lots have a valid audit chain`);
    for (const [index, lotId] of hotLots.entries()) {
      const api = stack.apis[index % stack.apis.length];
      const verdict = await call(api.baseUrl, 'GET', `/lots/${lotId}/audit/verify`, {
        token: buyer.staff[0].token,
      });
      expect({ status: verdict.status, valid: verdict.body.valid }).toEqual({
        status: 200,
        valid: true,
      });
    }
    expect([...stack.apis, ...stack.workers].every((app) => app.running)).toBe(true);
  });
});
