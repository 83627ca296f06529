import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { hashPassword } from '../src/auth/password.js';
import { findFreePort } from '../src/common/free-port.js';
import { loadEnvironment } from '../src/config/environment.js';
import { DeadlineTopic } from '../src/deadlines/deadlines.service.js';
import {
  BENCH_REDIS_URL,
  createBenchDatabase,
  deleteQueueKeys,
  distribution,
  inParallel,
  machineFacts,
  measureLoad,
  moveCallDeadlines,
  numberFromEnv,
  ratio,
  round,
  table,
  unsentOutbox,
  waitFor,
  writeResult,
  type BenchDatabase,
  type Distribution,
  type ProcessLoad,
  benchConfiguration,
} from './support.js';

/**
 * `npm run bench:burst`: SUBMISSIONS NGOs submit their applications to one lot over the last
 * WINDOW_S seconds before its call closes, over HTTP to the real application (API and worker in
 * this process); the worker's deadline processor closes the call. Beside it, the floor: as many
 * single-statement node-pg inserts that check the database clock against a deadline, over the
 * same kind of window. Latency is from a request's slot in the window to its answer, so a request
 * that waited for a free connection counts the wait.
 */
const SUBMISSIONS = Math.round(numberFromEnv('BENCH_SUBMISSIONS', 2000));
const WINDOW_S = numberFromEnv('BENCH_WINDOW_S', 2);
/** HTTP keep-alive connections the NGOs' requests share (more wait for a free one). */
const CONNECTIONS = Math.round(numberFromEnv('BENCH_CONNECTIONS', 100));
/** From moving the deadline to its window's start: the relay enqueues the deadline job in it. */
const LEAD_S = numberFromEnv('BENCH_LEAD_S', 3);
/** The call not closed this long after its deadline counts as a failure. */
const GRACE_S = numberFromEnv('BENCH_GRACE_S', 30);
const SETUP_PARALLEL = 8;
const AMOUNT = 100_000_00;
const TERRITORY = { name: 'Кропивницький', maxAmount: 22_999_980_00 };

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${round(ms / 1000)} s`;

// --- a keep-alive HTTP client --------------------------------------------------------------------

interface Reply {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
}

/** A JSON body, or the start of whatever else came (an answer that is not JSON is unclear). */
function parseBody(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { unparsed: text.slice(0, 200) };
  }
}

class Client {
  private readonly agent: http.Agent;

  constructor(
    private readonly port: number,
    connections: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  send(method: string, path: string, token?: string, body?: unknown): Promise<Reply> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': payload.length }
              : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: response.statusCode ?? 0,
              contentType: String(response.headers['content-type'] ?? ''),
              body: parseBody(text),
            });
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** A setup step that must succeed with `status`. */
  async expect(
    status: number,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> {
    const reply = await this.send(method, path, token, body);
    if (reply.status !== status) {
      throw new Error(
        `${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)} (wanted ${status})`,
      );
    }
    return reply.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

// --- the burst -----------------------------------------------------------------------------------

interface Sent<T> {
  /** The outcome, or the error that left no answer. */
  outcome: T | Error;
  /** From the request's slot in the window to its answer (ms). */
  latencyMs: number;
  /** When the answer came (epoch ms by this host's clock). */
  answeredAt: number;
}

/**
 * Starts `send(i)` at its slot, evenly spread over `windowMs` from `startsAt` (epoch ms by this
 * host's clock), and waits for every one.
 */
async function burst<T>(
  count: number,
  startsAt: number,
  windowMs: number,
  send: (index: number) => Promise<T>,
): Promise<Sent<T>[]> {
  const offset = performance.now() - Date.now();
  return Promise.all(
    Array.from({ length: count }, (_, index) => {
      const slot = startsAt + (index * windowMs) / count;
      return new Promise<Sent<T>>((resolve) => {
        setTimeout(
          () => {
            send(index).then(
              (outcome) =>
                resolve({
                  outcome,
                  latencyMs: performance.now() - (slot + offset),
                  answeredAt: Date.now(),
                }),
              (error: unknown) =>
                resolve({
                  outcome: error instanceof Error ? error : new Error(String(error)),
                  latencyMs: performance.now() - (slot + offset),
                  answeredAt: Date.now(),
                }),
            );
          },
          Math.max(0, slot - Date.now()),
        );
      });
    }),
  );
}

function answeredPerSecond(sent: readonly Sent<unknown>[], startsAt: number): number {
  const last = Math.max(...sent.map((one) => one.answeredAt));
  return last > startsAt ? round((sent.length * 1000) / (last - startsAt), 0) : 0;
}

/** The database clock minus this host's (ms), so that a deadline read from it is placed here. */
async function clockOffset(query: (sql: string) => Promise<{ ms: string }[]>): Promise<number> {
  const before = Date.now();
  const [row] = await query(`SELECT extract(epoch FROM clock_timestamp()) * 1000 AS ms`);
  return Number(row.ms) - (before + Date.now()) / 2;
}

// --- raw baseline --------------------------------------------------------------------------------

interface Counts {
  requests: number;
  /** Answers per second from the window's start to the last answer: what was served. */
  answeredPerSecond: number;
  accepted: number;
  refused: Record<string, number>;
  lost: number;
  serverErrors: number;
  networkErrors: number;
}

interface RawOutcome extends Counts {
  latency: Distribution;
  load: ProcessLoad;
  /** From the rows: accepted ones decided before the deadline, refused ones at or after it. */
  acceptedBeforeDeadline: number;
  refusedAtOrAfterDeadline: number;
  rowsMatchAnswers: boolean;
}

/**
 * The floor: one statement per submission, deciding by the database clock in the transaction
 * that records it: it inserts only while now() is before the deadline, and answers with the
 * clock it decided by.
 */
async function rawBaseline(url: string, poolSize: number): Promise<RawOutcome> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  try {
    await pool.query(`CREATE TABLE burst_raw_call (due_at timestamptz NOT NULL)`);
    await pool.query(
      `CREATE TABLE burst_raw_submissions (n int PRIMARY KEY, decided_at timestamptz NOT NULL)`,
    );
    // Every connection open before the window, as the application's pool is.
    await Promise.all(Array.from({ length: poolSize }, () => pool.query('SELECT 1')));
    const offset = await clockOffset(async (sql) => (await pool.query<{ ms: string }>(sql)).rows);
    const {
      rows: [{ dueAt }],
    } = await pool.query<{ dueAt: Date }>(
      `INSERT INTO burst_raw_call (due_at)
       SELECT date_trunc('milliseconds', clock_timestamp() + make_interval(secs => $1))
       RETURNING due_at AS "dueAt"`,
      [LEAD_S + WINDOW_S],
    );
    const startsAt = dueAt.getTime() - offset - WINDOW_S * 1000;
    const stop = measureLoad();
    const sent = await burst(SUBMISSIONS, startsAt, WINDOW_S * 1000, (n) =>
      pool.query<{ at: Date; dueAt: Date; inserted: number }>(
        `WITH call AS (SELECT now() AS at, due_at FROM burst_raw_call),
              recorded AS (
                INSERT INTO burst_raw_submissions (n, decided_at)
                SELECT $1, at FROM call WHERE at < due_at RETURNING n)
         SELECT at, due_at AS "dueAt", (SELECT count(*)::int FROM recorded) AS inserted FROM call`,
        [n],
      ),
    );
    const load = stop();
    const accepted = new Set<number>();
    let refused = 0;
    let refusedAtOrAfterDeadline = 0;
    let networkErrors = 0;
    sent.forEach(({ outcome }, n) => {
      if (outcome instanceof Error) {
        networkErrors += 1;
        return;
      }
      const [row] = outcome.rows;
      if (row.inserted === 1) {
        accepted.add(n);
      } else {
        refused += 1;
        if (row.at.getTime() >= row.dueAt.getTime()) refusedAtOrAfterDeadline += 1;
      }
    });
    const { rows } = await pool.query<{ n: number; onTime: boolean }>(
      `SELECT n, decided_at < (SELECT due_at FROM burst_raw_call) AS "onTime"
       FROM burst_raw_submissions`,
    );
    const rowsMatchAnswers =
      rows.length === accepted.size && rows.every((row) => accepted.has(row.n));
    return {
      requests: SUBMISSIONS,
      answeredPerSecond: answeredPerSecond(sent, startsAt),
      accepted: accepted.size,
      refused: { 'now() ≥ deadline': refused },
      lost: SUBMISSIONS - accepted.size - refused,
      serverErrors: 0,
      networkErrors,
      latency: distribution(sent.map((one) => one.latencyMs)),
      load,
      acceptedBeforeDeadline: rows.filter((row) => row.onTime).length,
      refusedAtOrAfterDeadline,
      rowsMatchAnswers,
    };
  } finally {
    await pool.end();
  }
}

// --- the system ----------------------------------------------------------------------------------

interface Running {
  app: INestApplication;
  client: Client;
  dataSource: DataSource;
  adminToken: string;
  databasePoolSize: number;
}

/** The HTTP application as main.ts serves it with ROLE=all, on a free port of the loopback. */
async function startApp(database: BenchDatabase, prefix: string, dataDir: string) {
  const adminEmail = 'bench-admin@bench.soczakaz.local';
  const adminPassword = randomBytes(18).toString('base64url');
  const { environment, runtime } = benchConfiguration(database, {
    ROLE: 'all',
    QUEUE_PREFIX: prefix,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    DATA_DIR: dataDir,
  });
  const app = await createApp(environment, runtime);
  let port = 0;
  for (let attempt = 1; port === 0; attempt += 1) {
    const candidate = await findFreePort();
    try {
      await app.listen(candidate, '127.0.0.1');
      port = candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 5) {
        await app.close();
        throw error;
      }
    }
  }
  const client = new Client(port, CONNECTIONS);
  const login = await client.expect(200, 'POST', '/auth/login', undefined, {
    email: adminEmail,
    password: adminPassword,
  });
  return {
    app,
    client,
    dataSource: app.get(DataSource),
    adminToken: login.accessToken as string,
    databasePoolSize: runtime.databasePoolSize,
  } satisfies Running;
}

/** A UA buyer with one staff member, a programme, and one lot whose call is open (all over HTTP). */
async function openLot({ client, adminToken }: Running) {
  const buyer = await client.expect(201, 'POST', '/organisations', adminToken, {
    kind: 'buyer',
    name: 'Кропивницький міський центр соціальних служб',
    country: 'UA',
    timeZone: 'Europe/Kyiv',
  });
  const staff = await client.expect(201, 'POST', `/organisations/${buyer.id}/members`, adminToken, {
    email: 'bench-staff@bench.soczakaz.local',
    fullName: 'Bench staff',
    role: 'buyer_staff',
  });
  const { accessToken: staffToken } = (await client.expect(200, 'POST', '/auth/login', undefined, {
    email: staff.email,
    password: staff.initialPassword,
  })) as { accessToken: string };
  const programme = await client.expect(201, 'POST', '/programmes', staffToken, {
    title: 'Соціальне замовлення 2026',
    jurisdiction: 'UA',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    currency: 'UAH',
    totalBudget: 5 * TERRITORY.maxAmount,
    profileId: 'ua-competition',
  });
  const lot = await client.expect(201, 'POST', `/programmes/${programme.id}/lots`, staffToken, {
    number: '1',
    theme: 'Соціальна профілактика для клієнтів пробації',
    territories: [TERRITORY],
  });
  const call = await client.expect(201, 'POST', `/lots/${lot.id}/call`, staffToken, {
    callPeriodDays: 20,
    description: 'Послуги соціальної профілактики для клієнтів пробації',
    criteria: [
      { code: 'experience', title: { uk: 'Досвід роботи' }, maxPoints: 40, naAllowed: false },
      { code: 'approach', title: { uk: 'Методика' }, maxPoints: 60, naAllowed: false },
    ],
    tieRule: 'earliestSubmission',
  });
  if (call.lotState !== 'callForBids.open') throw new Error(`the call is ${String(call.lotState)}`);
  return { lotId: lot.id as string, staffToken };
}

/**
 * SUBMISSIONS verified NGOs, one member each, seeded in one SQL statement (registering and
 * verifying them over HTTP is two scrypt hashes each: minutes of this machine's CPU); their
 * members' tokens are signed with the application's own JwtService, as a login would.
 */
async function seedNgos({ app, dataSource }: Running): Promise<string[]> {
  const passwordHash = await hashPassword(randomBytes(12).toString('base64url'));
  const rows = (await dataSource.query(
    `WITH numbers AS (SELECT n FROM generate_series(1, $1::int) n),
     organisations_ AS (
       INSERT INTO organisations (kind, name, country, time_zone, verification_status, verified_at)
       SELECT 'ngo', 'ГО «Відновлення ' || n || '»', 'UA', 'Europe/Kyiv', 'verified', now()
       FROM numbers RETURNING id, name),
     users_ AS (
       INSERT INTO users (email, password_hash, full_name, locale)
       SELECT 'ngo-' || n || '@bench.soczakaz.local', $2, 'Member ' || n, 'uk' FROM numbers
       RETURNING id, email),
     pairs AS (
       SELECT o.id AS organisation_id, u.id AS user_id
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM organisations_) o
       JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM users_) u USING (k))
     INSERT INTO memberships (user_id, organisation_id, role)
     SELECT user_id, organisation_id, 'ngo_member' FROM pairs RETURNING user_id AS "userId"`,
    [SUBMISSIONS, passwordHash],
  )) as { userId: string }[];
  const jwt = app.get(JwtService, { strict: false });
  return Promise.all(rows.map(({ userId }) => jwt.signAsync({ sub: userId })));
}

/** Each NGO drafts a complete application over HTTP; returns their ids in the NGOs' order. */
async function draftApplications(
  client: Client,
  lotId: string,
  tokens: readonly string[],
): Promise<string[]> {
  const ids: string[] = new Array<string>(tokens.length);
  await inParallel(tokens.length, SETUP_PARALLEL, async (index) => {
    const draft = await client.expect(201, 'POST', `/lots/${lotId}/applications`, tokens[index], {
      territories: [{ name: TERRITORY.name, amount: AMOUNT }],
      approach: 'A social hostel with case management for probation clients',
      staff: [{ role: 'social worker', qualification: 'BA social work' }],
      budgetLines: [
        { item: 'Rent', amount: AMOUNT / 2 },
        { item: 'Salaries', amount: AMOUNT / 2 },
      ],
      indicatorCommitments: [{ description: 'clients housed', target: 25, unit: 'people' }],
    });
    ids[index] = draft.id as string;
  });
  return ids;
}

type Answer =
  | { kind: 'accepted'; receipt: Record<string, unknown> }
  | { kind: 'refused'; code: string; body: Record<string, unknown> }
  | { kind: 'unclear'; status: number; contentType: string; body: Record<string, unknown> };

/** What the NGO got: a receipt, a problem+json refusal saying the call is closed, or neither. */
function answerOf(reply: Reply, applicationId: string): Answer {
  const problem = reply.contentType.startsWith('application/problem+json');
  const receipt = reply.body;
  if (
    reply.status === 200 &&
    receipt.applicationId === applicationId &&
    typeof receipt.sha256 === 'string' &&
    typeof receipt.submittedAt === 'string'
  ) {
    return { kind: 'accepted', receipt };
  }
  const code = String(reply.body.code);
  if (reply.status === 409 && problem && (code === 'call-closed' || code === 'call-not-open')) {
    return { kind: 'refused', code, body: reply.body };
  }
  return {
    kind: 'unclear',
    status: reply.status,
    contentType: reply.contentType,
    body: reply.body,
  };
}

interface SystemOutcome extends Counts {
  latency: Distribution;
  load: ProcessLoad;
  databasePoolSize: number;
  setup: { ms: number; ngos: string; drafts: string };
  deadline: string;
  /** Accepted ones recorded (submitted_at) before the deadline, at its very millisecond, after. */
  acceptedRecorded: { before: number; atDeadline: number; after: number };
  /** Refused ones still drafts without a submitted revision; call-closed ones by the DB clock. */
  refusedChecked: { stillDraft: number; clockAtOrAfterDeadline: number; afterClosing: number };
  receiptsMatchRows: boolean;
  closing: {
    fired: boolean;
    toState: string | null;
    submittedCount: number | null;
    /** GET /lots/{id}/applications after closing: the applications the lot counts, by id. */
    listedIds: number;
    listedEqualsAccepted: boolean;
    rowsEqualAccepted: boolean;
    /** fired_at (the closing transaction's start) − due_at, ms. */
    firedAtMinusDueMs: number | null;
    /** Accepted submissions recorded later than the closing transaction says it started. */
    recordedAfterClosingStart: number;
    /**
     * The last call-closed refusal's database clock − due_at, ms: the closing took the lot after
     * it (a refusal holds the lot FOR SHARE), so the call was closed by the clock but not yet by
     * its transition at least this long.
     */
    lastCallClosedAfterDueMs: number | null;
    lastError: string | null;
  };
  unclearSample: string[];
}

function lastCallClosed(
  refusals: Iterable<Extract<Answer, { kind: 'refused' }>>,
  dueAt: Date,
): number | null {
  const clocks = [...refusals]
    .filter((refusal) => refusal.code === 'call-closed')
    .map((refusal) => Date.parse(String(refusal.body.now)));
  return clocks.length > 0 ? Math.max(...clocks) - dueAt.getTime() : null;
}

async function realBurst(database: BenchDatabase, prefix: string): Promise<SystemOutcome> {
  const dataDir = await mkdtemp(join(tmpdir(), 'soczakaz-burst-'));
  let running: Running | undefined;
  try {
    const setupStarted = Date.now();
    running = await startApp(database, prefix, dataDir);
    const { client, dataSource } = running;
    const { lotId, staffToken } = await openLot(running);
    const tokens = await seedNgos(running);
    const ngosMs = Date.now() - setupStarted;
    say(`  setup: app started, buyer, lot and open call over HTTP, ${SUBMISSIONS} NGOs seeded`);
    const ids = await draftApplications(client, lotId, tokens);
    const setupMs = Date.now() - setupStarted;
    say(`  setup: ${SUBMISSIONS} drafts over HTTP in ${seconds(setupMs - ngosMs)}`);

    const offset = await clockOffset((sql) => dataSource.query(sql));
    const { lastDue: dueAt, moved } = await moveCallDeadlines(
      (sql, parameters) => dataSource.query(sql, parameters),
      { lotIds: [lotId], inSeconds: LEAD_S + WINDOW_S },
    );
    if (moved !== 1) throw new Error('the call has no pending deadline to move');
    const dueHere = dueAt.getTime() - offset;
    const relayed = await waitFor(
      async () =>
        (await unsentOutbox(
          (sql, parameters) => dataSource.query(sql, parameters),
          [DeadlineTopic.Schedule],
        )) === 0,
      dueHere - WINDOW_S * 1000,
      50,
    );
    say(
      `  deadline ${dueAt.toISOString()} (database clock ${round(offset)} ms from this host's); ` +
        `job ${relayed ? 'enqueued' : 'NOT enqueued'} before the window`,
    );

    const stop = measureLoad();
    const startsAt = dueHere - WINDOW_S * 1000;
    const sent = await burst(SUBMISSIONS, startsAt, WINDOW_S * 1000, (index) =>
      client.send('POST', `/applications/${ids[index]}/submit`, tokens[index]),
    );
    const load = stop();
    const closed = await waitFor(
      async () => {
        const [row] = (await dataSource.query(
          `SELECT fired_at IS NOT NULL AS fired FROM lot_deadlines
           WHERE lot_id = $1 AND kind = 'callClose'`,
          [lotId],
        )) as [{ fired: boolean }];
        return row.fired;
      },
      dueHere + GRACE_S * 1000,
      100,
    );

    const answers = sent.map(({ outcome }, index) =>
      outcome instanceof Error ? outcome : answerOf(outcome, ids[index]),
    );
    const accepted = new Map<string, Record<string, unknown>>();
    const refusals = new Map<string, Extract<Answer, { kind: 'refused' }>>();
    const refused: Record<string, number> = {};
    const unclear: string[] = [];
    let serverErrors = 0;
    let networkErrors = 0;
    answers.forEach((answer, index) => {
      if (answer instanceof Error) {
        networkErrors += 1;
        unclear.push(`network: ${answer.message}`);
      } else if (answer.kind === 'accepted') {
        accepted.set(ids[index], answer.receipt);
      } else if (answer.kind === 'refused') {
        refusals.set(ids[index], answer);
        refused[answer.code] = (refused[answer.code] ?? 0) + 1;
      } else {
        if (answer.status >= 500) serverErrors += 1;
        unclear.push(`${answer.status} ${answer.contentType} ${JSON.stringify(answer.body)}`);
      }
    });

    const rows = (await dataSource.query(
      `SELECT a.id, a.status, a.receipt_hash AS "receiptHash",
              a.submitted_at < d.due_at AS before, a.submitted_at = d.due_at AS "atDeadline",
              a.submitted_at > d.fired_at AS "afterClosingStart",
              EXISTS (SELECT 1 FROM application_revisions r
                      WHERE r.application_id = a.id AND r.status = 'submitted') AS "everSubmitted"
       FROM applications a JOIN lot_deadlines d ON d.lot_id = a.lot_id AND d.kind = 'callClose'
       WHERE a.lot_id = $1`,
      [lotId],
    )) as {
      id: string;
      status: string;
      receiptHash: string | null;
      before: boolean | null;
      atDeadline: boolean | null;
      afterClosingStart: boolean | null;
      everSubmitted: boolean;
    }[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const acceptedRows = [...accepted.keys()].map((id) => byId.get(id));
    const submittedIds = rows.filter((row) => row.status === 'submitted').map((row) => row.id);
    const sameSet = (some: readonly string[]) =>
      some.length === accepted.size && some.every((id) => accepted.has(id));

    const [deadline] = (await dataSource.query(
      `SELECT d.due_at AS "dueAt", extract(epoch FROM d.fired_at - d.due_at) * 1000 AS "firedLateMs",
              d.last_error AS "lastError", e.to_state AS "toState",
              (e.payload ->> 'submittedCount')::int AS "submittedCount"
       FROM lot_deadlines d
       LEFT JOIN audit_events e ON e.lot_id = d.lot_id AND e.event_type = 'CALL_DEADLINE'
       WHERE d.lot_id = $1 AND d.kind = 'callClose'`,
      [lotId],
    )) as [
      {
        dueAt: Date;
        firedLateMs: string | null;
        lastError: string | null;
        toState: string | null;
        submittedCount: number | null;
      },
    ];
    const listed = closed
      ? await client.send('GET', `/lots/${lotId}/applications`, staffToken)
      : undefined;
    const listedIds =
      listed?.status === 200
        ? (listed.body as unknown as { id: string }[]).map((entry) => entry.id)
        : [];

    const deadlineIso = deadline.dueAt.toISOString();
    const refusedRows = [...refusals.keys()].map((id) => byId.get(id));
    const requests = SUBMISSIONS;
    return {
      requests,
      answeredPerSecond: answeredPerSecond(sent, startsAt),
      accepted: accepted.size,
      refused,
      lost: requests - accepted.size - refusals.size,
      serverErrors,
      networkErrors,
      latency: distribution(sent.map((one) => one.latencyMs)),
      load,
      databasePoolSize: running.databasePoolSize,
      setup: {
        ms: setupMs,
        ngos: 'SQL (organisations verified, users, memberships); tokens by the app’s JwtService',
        drafts: 'HTTP POST /lots/{id}/applications',
      },
      deadline: deadlineIso,
      acceptedRecorded: {
        before: acceptedRows.filter((row) => row?.status === 'submitted' && row.before).length,
        atDeadline: acceptedRows.filter((row) => row?.status === 'submitted' && row.atDeadline)
          .length,
        after: acceptedRows.filter(
          (row) => row?.status === 'submitted' && !row.before && !row.atDeadline,
        ).length,
      },
      refusedChecked: {
        stillDraft: refusedRows.filter((row) => row?.status === 'draft' && !row.everSubmitted)
          .length,
        clockAtOrAfterDeadline: [...refusals.values()].filter(
          (refusal) =>
            refusal.code === 'call-closed' &&
            refusal.body.deadline === deadlineIso &&
            Date.parse(String(refusal.body.now)) >= deadline.dueAt.getTime(),
        ).length,
        afterClosing: [...refusals.values()].filter(
          (refusal) => refusal.code === 'call-not-open' && refusal.body.state === deadline.toState,
        ).length,
      },
      receiptsMatchRows: [...accepted].every(
        ([id, receipt]) => byId.get(id)?.receiptHash === receipt.sha256,
      ),
      closing: {
        fired: closed,
        toState: deadline.toState,
        submittedCount: deadline.submittedCount,
        listedIds: listedIds.length,
        listedEqualsAccepted: sameSet(listedIds),
        rowsEqualAccepted: sameSet(submittedIds),
        firedAtMinusDueMs:
          deadline.firedLateMs === null ? null : round(Number(deadline.firedLateMs)),
        recordedAfterClosingStart: acceptedRows.filter((row) => row?.afterClosingStart).length,
        lastCallClosedAfterDueMs: lastCallClosed(refusals.values(), deadline.dueAt),
        lastError: deadline.lastError,
      },
      unclearSample: [...new Set(unclear)].slice(0, 5),
    };
  } finally {
    running?.client.close();
    await running?.app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// --- report --------------------------------------------------------------------------------------

function figures(outcome: Counts & { latency: Distribution; load: ProcessLoad }): string[] {
  const { p50, p95, p99, max } = outcome.latency;
  return [
    String(outcome.requests),
    String(outcome.accepted),
    String(Object.values(outcome.refused).reduce((sum, count) => sum + count, 0)),
    String(outcome.lost),
    String(outcome.serverErrors),
    String(outcome.networkErrors),
    ...[p50, p95, p99, max].map((ms) => round(ms).toFixed(1)),
    String(outcome.answeredPerSecond),
    `${outcome.load.cpuPercent}%`,
  ];
}

async function main(): Promise<void> {
  const machine = await machineFacts(BENCH_REDIS_URL);
  const run = randomBytes(4).toString('hex');
  say(
    `burst bench: ${SUBMISSIONS} submissions in the last ${WINDOW_S} s before a call's deadline ` +
      `(${round(SUBMISSIONS / WINDOW_S, 0)}/s), ${CONNECTIONS} keep-alive connections; ` +
      `${machine.cpuCount} × ${machine.cpuModel}, node ${machine.node}, ` +
      `load average ${machine.loadAverage.join(' ')}`,
  );
  const prefix = `bench-${run}`;
  const database = await createBenchDatabase();
  let raw: RawOutcome;
  let real: SystemOutcome;
  try {
    const poolSize = loadEnvironment({
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
    }).DATABASE_POOL_SIZE;
    say(
      `raw node-pg: one INSERT … SELECT … WHERE now() < deadline per submission, pool ${poolSize}`,
    );
    raw = await rawBaseline(database.url, poolSize);
    say('soczakaz: HTTP POST /applications/{id}/submit → lot FOR SHARE, DB clock, revision');
    real = await realBurst(database, prefix);
  } finally {
    await deleteQueueKeys(BENCH_REDIS_URL, prefix);
    await database.drop();
  }

  const decidedByDbClock =
    real.acceptedRecorded.after === 0 &&
    real.acceptedRecorded.before + real.acceptedRecorded.atDeadline === real.accepted &&
    real.refusedChecked.stillDraft === real.requests - real.accepted - real.lost &&
    real.refusedChecked.clockAtOrAfterDeadline + real.refusedChecked.afterClosing ===
      real.requests - real.accepted - real.lost &&
    real.receiptsMatchRows;
  const closingSetIsAccepted =
    real.closing.fired &&
    real.closing.submittedCount === real.accepted &&
    real.closing.listedEqualsAccepted &&
    real.closing.rowsEqualAccepted;
  const goalMet =
    real.lost === 0 && real.serverErrors === 0 && decidedByDbClock && closingSetIsAccepted;

  say('');
  say(
    table([
      [
        'submissions',
        'requests',
        'accepted',
        'refused',
        'lost',
        '5xx',
        'net err',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'answers/s',
        'cpu',
      ],
      ['raw node-pg', ...figures(raw)],
      ['soczakaz HTTP', ...figures(real)],
      [
        'ratio to raw',
        '',
        '',
        '',
        '',
        '',
        '',
        ...(['p50', 'p95', 'p99', 'max'] as const).map((q) =>
          ratio(real.latency[q], raw.latency[q]),
        ),
        ratio(real.answeredPerSecond, raw.answeredPerSecond),
        '',
      ],
    ]),
  );
  say('latency: from the request’s slot in the window to its answer (waiting for a connection');
  say('included); answers/s: answers from the window’s start to the last one; cpu: this');
  say('process (API, worker and clients), % of one core');
  say('');
  const refusedBy = (refused: Record<string, number>) =>
    Object.entries(refused)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(', ') || 'none';
  say(`refused by reason: raw ${refusedBy(raw.refused)}; soczakaz ${refusedBy(real.refused)}`);
  say(
    `raw rows: ${raw.acceptedBeforeDeadline}/${raw.accepted} accepted decided before the deadline, ` +
      `${raw.refusedAtOrAfterDeadline}/${raw.requests - raw.accepted - raw.lost} refused at/after it; ` +
      `rows ${raw.rowsMatchAnswers ? '=' : '≠'} answers`,
  );
  const { before, atDeadline, after } = real.acceptedRecorded;
  say(
    `soczakaz accepted: submitted_at before the deadline ${before}, at its millisecond ${atDeadline}, ` +
      `after ${after}; receipts ${real.receiptsMatchRows ? 'match' : 'do NOT match'} the rows`,
  );
  say(
    `soczakaz refused: ${real.refusedChecked.stillDraft} still drafts with no submitted revision; ` +
      `call-closed with the DB clock at/after ${real.deadline}: ${real.refusedChecked.clockAtOrAfterDeadline}, ` +
      `call-not-open after closing: ${real.refusedChecked.afterClosing}`,
  );
  const closing = real.closing;
  say(
    `CALL_DEADLINE: ${closing.fired ? `fired → ${closing.toState}` : 'NOT fired'}, ` +
      `submittedCount ${closing.submittedCount} vs accepted ${real.accepted}; ` +
      `GET /lots/{id}/applications lists ${closing.listedIds} ` +
      `(${closing.listedEqualsAccepted ? '=' : '≠'} accepted by id); ` +
      `submitted rows ${closing.rowsEqualAccepted ? '=' : '≠'} accepted by id`,
  );
  say(
    `closing transaction: fired_at − due_at ${closing.firedAtMinusDueMs} ms; accepted recorded ` +
      `after fired_at: ${closing.recordedAfterClosingStart}; last call-closed refusal ` +
      `${closing.lastCallClosedAfterDueMs ?? '–'} ms after due_at` +
      (closing.lastError ? `; last error: ${closing.lastError}` : ''),
  );
  if (real.unclearSample.length > 0) say(`unclear answers: ${real.unclearSample.join(' | ')}`);
  say(`setup: ${seconds(real.setup.ms)} (NGOs: ${real.setup.ngos}; drafts: ${real.setup.drafts})`);
  say(
    `goal (issue #8): lost 0, 5xx 0, decided by the DB clock, closing set = accepted set: ` +
      `${goalMet ? 'met' : 'NOT met'}`,
  );
  const file = await writeResult('burst', {
    timestamp: new Date().toISOString(),
    machine,
    config: {
      submissions: SUBMISSIONS,
      windowSeconds: WINDOW_S,
      connections: CONNECTIONS,
      leadSeconds: LEAD_S,
      graceSeconds: GRACE_S,
      databasePoolSize: real.databasePoolSize,
    },
    raw,
    soczakaz: real,
    ratios: Object.fromEntries(
      (['p50', 'p95', 'p99', 'max'] as const).map((q) => [
        q,
        round(real.latency[q] / raw.latency[q], 2),
      ]),
    ),
    goal: {
      lost: 0,
      serverErrors: 0,
      decidedByDatabaseClock: decidedByDbClock,
      closingSetIsAcceptedSet: closingSetIsAccepted,
      met: goalMet,
    },
  });
  say(`results: ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`burst bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
