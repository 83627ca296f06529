import autocannon, { type Result } from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FromServer, LotsToAdd, ServerKind, ToServer } from './http-server.js';
import {
  BENCH_REDIS_URL,
  createBenchDatabase,
  deleteQueueKeys,
  machineFacts,
  measureLoad,
  numberFromEnv,
  round,
  table,
  writeResult,
  type BenchDatabase,
  type ProcessLoad,
} from './support.js';

/**
 * `npm run bench:http`: autocannon at CONNECTIONS connections for SECONDS seconds on the real API
 * (GET /lots/{id} as the lot's buyer staff; POST /lots/{id}/events sending CANCEL, once to each
 * lot of a prepared pool) against a bare Nest route pair answering a lot view's JSON. Each server
 * runs in a child process of its own, so the load generator does not share its event loop.
 */
const SECONDS = numberFromEnv('BENCH_HTTP_SECONDS', 20);
const CONNECTIONS = Math.round(numberFromEnv('BENCH_CONNECTIONS', 50));
/** Unmeasured GETs before each server's runs, so that neither is measured cold. */
const WARMUP_SECONDS = numberFromEnv('BENCH_HTTP_WARMUP_SECONDS', 2);
/** Draft lots prepared for the event POST; the run stops early (and says so) if it uses them up. */
const EVENT_LOTS = Math.max(CONNECTIONS, Math.round(numberFromEnv('BENCH_HTTP_LOTS', 12_000)));
/** Lots are spread over programmes, added in as many transactions at a time (each locks one). */
const PROGRAMMES = 4;
/** The deployment's own setting when given, else the app's default. */
const DATABASE_POOL_SIZE = Math.round(numberFromEnv('DATABASE_POOL_SIZE', 10));
const LOT_AMOUNT = 2_299_998;
const STOP_TIMEOUT_MS = 15_000;
const ADMIN_PASSWORD = randomBytes(18).toString('base64url');
const CANCEL = JSON.stringify({
  type: 'CANCEL',
  payload: { reason: 'Бюджетні призначення програми перерозподілено' },
});

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${round(ms / 1000)} s`;

interface Server {
  url: string;
  /** Runs `work` while the server measures its own CPU and event-loop delay. */
  measured<T>(work: () => Promise<T>): Promise<{ value: T; load: ProcessLoad }>;
  /** The real server adds draft lots through its programmes service; returns their ids. */
  addLots(order: LotsToAdd): Promise<string[]>;
  stop(): Promise<void>;
}

/** The child's next message of `type`; its failure or exit rejects. */
function nextMessage<T extends FromServer['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: FromServer) => {
      if (message.type === 'failed') {
        settle();
        reject(new Error(`server failed: ${message.error}`));
      } else if (message.type === type) {
        settle();
        resolve(message as Extract<FromServer, { type: T }>);
      }
    };
    const onExit = (code: number | null) => {
      settle();
      reject(new Error(`server exited (${code}) before sending ${type}`));
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

async function startServer(
  kind: ServerKind,
  env: Record<string, string>,
  args: string[] = [],
): Promise<Server> {
  const child = fork(new URL('./http-server.js', import.meta.url), [kind, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (message: ToServer) => child.send(message);
  const { port } = await nextMessage(child, 'ready');
  return {
    url: `http://127.0.0.1:${port}`,
    measured: async (work) => {
      send({ type: 'measure' });
      const value = await work();
      send({ type: 'report' });
      const { load } = await nextMessage(child, 'load');
      return { value, load };
    },
    addLots: async (order) => {
      send({ type: 'addLots', ...order });
      return (await nextMessage(child, 'lotsAdded')).lotIds;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'stop' });
      // A server that does not close in time is killed: the bench always ends.
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** What one autocannon run measured: autocannon's own figures, and both processes' load. */
interface Run {
  requestsPerSecond: number;
  latencyMs: { average: number; p50: number; p97_5: number; p99: number; max: number };
  completed: number;
  ok: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  bytesPerResponse: number;
  server: ProcessLoad;
  loadGenerator: ProcessLoad;
}

type Load = Omit<Parameters<typeof autocannon>[0], 'url' | 'connections' | 'duration'>;

async function cannon(server: Server, load: Load, duration = SECONDS): Promise<Run> {
  const generator = measureLoad();
  const { value: result, load: serverLoad } = await server.measured(async (): Promise<Result> =>
    autocannon({ url: server.url, connections: CONNECTIONS, duration, ...load }),
  );
  const loadGenerator = generator();
  const completed = result.latency.totalCount;
  return {
    requestsPerSecond: round(result.requests.average, 0),
    latencyMs: {
      average: round(result.latency.average, 2),
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    completed,
    ok: result['2xx'],
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
    ),
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
    bytesPerResponse: completed > 0 ? round(result.throughput.total / completed, 0) : 0,
    server: serverLoad,
    loadGenerator,
  };
}

/** JSON over fetch; anything but the expected status is an error naming the body. */
async function call<T>(
  server: Server,
  method: string,
  path: string,
  expected: number,
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(`${method} ${path}: ${response.status}, expected ${expected}: ${text}`);
  }
  return JSON.parse(text) as T;
}

const login = async (server: Server, email: string, password: string) =>
  (
    await call<{ accessToken: string }>(server, 'POST', '/auth/login', 200, undefined, {
      email,
      password,
    })
  ).accessToken;

interface Seeded {
  staffToken: string;
  /** The lot GET reads. */
  readLotId: string;
  /** Draft lots at version 1, each to be cancelled once. */
  eventLotIds: string[];
  /** The lot view GET returns: the bare routes answer it too. */
  lotView: unknown;
  setupMs: number;
}

/**
 * Through the API, as a client would: the first admin signs in, creates a Ukrainian buyer and
 * one of its staff, who signs in, adds the programmes and the lot GET reads. The event POST's
 * draft lots are added by the server through the same programmes service, many per transaction.
 */
async function seed(server: Server, adminEmail: string): Promise<Seeded> {
  const started = Date.now();
  const adminToken = await login(server, adminEmail, ADMIN_PASSWORD);
  const buyer = await call<{ id: string }>(server, 'POST', '/organisations', 201, adminToken, {
    kind: 'buyer',
    name: 'Кропивницький міський центр соціальних служб',
    country: 'UA',
    timeZone: 'Europe/Kyiv',
  });
  const staff = await call<{ id: string; email: string; initialPassword: string }>(
    server,
    'POST',
    `/organisations/${buyer.id}/members`,
    201,
    adminToken,
    { email: 'bench-staff@bench.soczakaz.local', fullName: 'Bench staff', role: 'buyer_staff' },
  );
  const staffToken = await login(server, staff.email, staff.initialPassword);
  const programmeIds: string[] = [];
  for (let index = 0; index < PROGRAMMES; index++) {
    const programme = await call<{ id: string }>(server, 'POST', '/programmes', 201, staffToken, {
      title: `Соціальне замовлення: bench ${index + 1}`,
      jurisdiction: 'UA',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      currency: 'UAH',
      // Room for every lot in any one programme: the server chooses how it spreads them.
      totalBudget: (EVENT_LOTS + 1) * LOT_AMOUNT,
      profileId: 'ua-competition',
    });
    programmeIds.push(programme.id);
  }
  const theme = 'Соціальна профілактика для клієнтів пробації';
  const territories = [{ name: 'м. Кропивницький', maxAmount: LOT_AMOUNT }];
  const read = await call<{ id: string }>(
    server,
    'POST',
    `/programmes/${programmeIds[0]}/lots`,
    201,
    staffToken,
    { number: '1.1', theme, territories, durationMonths: 12 },
  );
  const lotView = await call<unknown>(server, 'GET', `/lots/${read.id}`, 200, staffToken);
  const eventLotIds = await server.addLots({
    userId: staff.id,
    programmeIds,
    count: EVENT_LOTS,
    plan: {
      section: null,
      theme,
      recipients: null,
      goals: null,
      tasks: null,
      territories,
      maxAmount: LOT_AMOUNT,
      durationMonths: 12,
      expectedResults: null,
      indicatorTargets: [],
      eligibility: ['ngo'],
    },
  });
  return { staffToken, readLotId: read.id, eventLotIds, lotView, setupMs: Date.now() - started };
}

const eventHeaders = (token: string) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
  'if-match': '"1"',
});

/** Each request cancels the next lot of the pool, at the version it was created with. */
function cancelEachLotOnce(lotIds: readonly string[], token: string): Load {
  let next = 0;
  return {
    // Never past the pool: a lot sent twice would answer 409.
    maxOverallRequests: lotIds.length,
    requests: [
      {
        method: 'POST',
        headers: eventHeaders(token),
        body: CANCEL,
        // Wraps only for the request a finished connection builds and never sends.
        setupRequest: (request) => ({
          ...request,
          path: `/lots/${lotIds[next++ % lotIds.length]}/events`,
        }),
      },
    ],
  };
}

/** Lots the event POSTs moved, as the database has them. */
async function cancelledLots(database: BenchDatabase): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM lots WHERE state = 'cancelled'`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

interface Pair {
  get: Run;
  post: Run;
}

interface SystemOutcome extends Pair {
  setupMs: number;
  eventLots: { prepared: number; cancelled: number; exhausted: boolean };
  databasePoolSize: number;
}

function figures(run: Run): string[] {
  return [
    String(run.requestsPerSecond),
    ...[run.latencyMs.p50, run.latencyMs.p97_5, run.latencyMs.p99, run.latencyMs.max].map(String),
    String(run.non2xx),
    String(run.errors),
    String(run.bytesPerResponse),
    `${run.server.cpuPercent}%`,
    `${run.loadGenerator.cpuPercent}%`,
  ];
}

const ratio = (value: number, baseline: number) => (baseline > 0 ? round(value / baseline, 2) : 0);
const shown = (value: number) => `×${value.toFixed(2)}`;

function ratios(real: Run, raw: Run) {
  return {
    requestsPerSecond: ratio(real.requestsPerSecond, raw.requestsPerSecond),
    p50: ratio(real.latencyMs.p50, raw.latencyMs.p50),
    p97_5: ratio(real.latencyMs.p97_5, raw.latencyMs.p97_5),
    p99: ratio(real.latencyMs.p99, raw.latencyMs.p99),
  };
}

function ratioRow(label: string, r: ReturnType<typeof ratios>): string[] {
  return [
    label,
    ...[r.requestsPerSecond, r.p50, r.p97_5, r.p99].map(shown),
    '',
    '',
    '',
    '',
    '',
    '',
  ];
}

/** The same requests, token included (the bare routes ignore it), on the bare app. */
async function measureBare(seeded: Seeded): Promise<Pair> {
  const bare = await startServer('bare', {}, [JSON.stringify(seeded.lotView)]);
  try {
    const path = `/lots/${seeded.readLotId}`;
    const read = {
      requests: [{ path, headers: { authorization: `Bearer ${seeded.staffToken}` } }],
    };
    await cannon(bare, read, WARMUP_SECONDS);
    const get = await cannon(bare, read);
    const post = await cannon(bare, {
      requests: [
        {
          method: 'POST',
          path: `${path}/events`,
          headers: eventHeaders(seeded.staffToken),
          body: CANCEL,
        },
      ],
    });
    return { get, post };
  } finally {
    await bare.stop();
  }
}

async function main(): Promise<void> {
  const machine = await machineFacts(BENCH_REDIS_URL);
  const run = randomBytes(4).toString('hex');
  say(
    `http bench: autocannon, ${CONNECTIONS} connections × ${SECONDS} s per route; ` +
      `${machine.cpuCount} × ${machine.cpuModel}, node ${machine.node}, ` +
      `load average ${machine.loadAverage.join(' ')}`,
  );
  say('servers: each in a child process of its own; autocannon in this one');

  const prefix = `bench-${run}`;
  const database: BenchDatabase = await createBenchDatabase();
  const adminEmail = `admin-${run}@bench.soczakaz.local`;
  let real: Server | undefined;
  let raw: Pair;
  let soczakaz: SystemOutcome;
  try {
    say('soczakaz: createApp (ROLE=api, NODE_ENV=production) on a fresh database');
    real = await startServer('soczakaz', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      ROLE: 'api',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(DATABASE_POOL_SIZE),
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: randomBytes(48).toString('base64url'),
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD,
    });
    const seeded = await seed(real, adminEmail);
    say(
      `  setup: buyer, staff, ${PROGRAMMES} programmes and a lot through the API, ` +
        `${EVENT_LOTS} draft lots through the programmes service, in ${seconds(seeded.setupMs)}`,
    );

    say(`raw: bare Nest app (platform-express), GET and POST answering the lot view's JSON`);
    raw = await measureBare(seeded);

    say('soczakaz: GET /lots/{id}, then POST /lots/{id}/events (CANCEL, If-Match "1")');
    const auth = { authorization: `Bearer ${seeded.staffToken}` };
    const read = { requests: [{ path: `/lots/${seeded.readLotId}`, headers: auth }] };
    await cannon(real, read, WARMUP_SECONDS);
    const get = await cannon(real, read);
    const post = await cannon(real, cancelEachLotOnce(seeded.eventLotIds, seeded.staffToken));
    const cancelled = await cancelledLots(database);
    soczakaz = {
      get,
      post,
      setupMs: seeded.setupMs,
      eventLots: { prepared: EVENT_LOTS, cancelled, exhausted: post.completed >= EVENT_LOTS },
      databasePoolSize: DATABASE_POOL_SIZE,
    };
  } finally {
    await real?.stop();
    await deleteQueueKeys(BENCH_REDIS_URL, prefix);
    await database.drop();
  }

  const getRatios = ratios(soczakaz.get, raw.get);
  const postRatios = ratios(soczakaz.post, raw.post);
  say('');
  say(
    table([
      [
        'HTTP (latency ms)',
        'req/s',
        'p50',
        'p97.5',
        'p99',
        'max',
        'non-2xx',
        'errors',
        'bytes',
        'server cpu',
        'autocannon cpu',
      ],
      ['bare GET', ...figures(raw.get)],
      ['soczakaz GET /lots/{id}', ...figures(soczakaz.get)],
      ratioRow('ratio soczakaz/bare', getRatios),
      ['bare POST', ...figures(raw.post)],
      ['soczakaz POST /lots/{id}/events', ...figures(soczakaz.post)],
      ratioRow('ratio soczakaz/bare', postRatios),
    ]),
  );
  say('req/s: autocannon’s mean of per-second samples; bytes: per response, headers included');
  say('(helmet’s on soczakaz; the bare routes answer the same lot view JSON);');
  say('cpu: % of one core, of the server process and of the autocannon process');
  say('');
  const { eventLots } = soczakaz;
  const { post } = soczakaz;
  const eventsValid = post.non2xx === 0 && post.errors === 0 && eventLots.cancelled >= post.ok;
  say(
    `event POST: ${post.ok} lots cancelled with a 2xx answer, ${post.non2xx} non-2xx ` +
      `(${JSON.stringify(post.statusCodes)}), ${post.errors} errors; cancelled in the database ` +
      `${eventLots.cancelled} (with those in flight when the run stopped): ` +
      `run ${eventsValid ? 'valid' : 'NOT valid'}`,
  );
  if (eventLots.exhausted) {
    say(
      `  the ${EVENT_LOTS} prepared lots ran out after ${soczakaz.post.durationSeconds} s ` +
        `(of ${SECONDS} s): raise BENCH_HTTP_LOTS`,
    );
  }
  say(
    `issue #8 sets no numeric goal: p99 ${shown(getRatios.p99)} (GET) and ` +
      `${shown(postRatios.p99)} (POST), req/s ${shown(getRatios.requestsPerSecond)} and ` +
      `${shown(postRatios.requestsPerSecond)} of the bare route`,
  );
  const file = await writeResult('http', {
    timestamp: new Date().toISOString(),
    machine,
    config: {
      seconds: SECONDS,
      connections: CONNECTIONS,
      warmupSeconds: WARMUP_SECONDS,
      eventLots: EVENT_LOTS,
      databasePoolSize: DATABASE_POOL_SIZE,
      serverRole: 'api',
      processes: 'each server in a child process; autocannon in the bench process',
      event: 'CANCEL on a draft lot, If-Match "1", each lot once',
    },
    raw,
    soczakaz: { ...soczakaz, eventsValid },
    ratios: { get: getRatios, post: postRatios },
  });
  say(`results: ${file}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`http bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
