import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { findFreePort } from '../src/common/free-port.js';
import { seedLots, seedPlan } from './scale-seed.js';
import {
  BENCH_REDIS_URL,
  createBenchDatabase,
  deleteQueueKeys,
  distribution,
  inParallel,
  machineFacts,
  measureLoad,
  numberFromEnv,
  round,
  table,
  writeResult,
  type Distribution,
  type ProcessLoad,
  benchConfiguration,
} from './support.js';

/**
 * `npm run bench:scale`: LOTS lots seeded in SQL, then the filtered lot lists (`GET /lots` as an
 * administrator and as a buyer's staff, `GET /public/lots` for anyone) through the real HTTP app,
 * against a raw baseline of the very statements the list ran (captured from TypeORM), sent with
 * node-pg in the same run: the ratio is what the API adds to the database.
 */
const LOTS = Math.round(numberFromEnv('BENCH_LOTS', 1_000_000));
const BUYERS = Math.round(numberFromEnv('BENCH_BUYERS', 400));
const LOTS_PER_PROGRAMME = Math.round(numberFromEnv('BENCH_LOTS_PER_PROGRAMME', 100));
/** Requests of each scenario in each pass. */
const SAMPLES = Math.round(numberFromEnv('BENCH_SAMPLES', 20));
const CLIENTS = Math.round(numberFromEnv('BENCH_CLIENTS', 4));
/** A deep page: 20 a page, page 500 starts at the 9,981st lot. */
const DEEP_PAGE = Math.round(numberFromEnv('BENCH_DEEP_PAGE', 500));
/** The stated aim for issue #8 (it names no number): the API's filtered list p95. */
const GOAL = { p95Ms: 100 };

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${round(ms / 1000)} s`;
const megabytes = (bytes: number) => `${round(bytes / 2 ** 20, 0)} MB`;

type Role = 'admin' | 'buyer staff' | 'public';

interface Scenario {
  role: Role;
  name: string;
  /** Words or a territory: matched in the rows themselves, however many there are. */
  search?: boolean;
  /** The request's path for the i-th sample (ids and words rotate). */
  path: (i: number) => string;
}

interface Statement {
  sql: string;
  params: unknown[];
}

interface Request {
  scenario: Scenario;
  url: string;
}

interface Captured {
  statements: Statement[];
  total: number;
  items: number;
}

/** What a run of the catalogue offers to filter on. */
interface Catalogue {
  programmes: string[];
  buyers: string[];
  ownBuyer: string;
  ownProgrammes: string[];
}

const WORDS = ['детей', 'хоспис', 'інвалідністю', 'мигрантов', 'Кризове'];
const TERRITORIES = ['Ошская обл.', 'Київська обл.', 'г. Алматы', 'Нарынская обл.'];

function scenarios(catalogue: Catalogue): Scenario[] {
  const pick = (ids: string[], i: number) => ids[i % ids.length];
  const query = (params: Record<string, string | number>) =>
    `?${new URLSearchParams(
      Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]),
    ).toString()}`;
  return [
    { role: 'admin', name: 'all, first page', path: () => '/lots' },
    { role: 'admin', name: 'all, deep page', path: () => `/lots${query({ page: DEEP_PAGE })}` },
    { role: 'admin', name: 'state callForBids', path: () => '/lots?state=callForBids' },
    {
      role: 'admin',
      name: 'state evaluation.scoring',
      path: () => '/lots?state=evaluation.scoring',
    },
    {
      role: 'admin',
      name: 'state closed, deep page',
      path: () => `/lots${query({ state: 'closed', page: DEEP_PAGE })}`,
    },
    {
      role: 'admin',
      name: 'programme',
      path: (i) => `/lots${query({ programme: pick(catalogue.programmes, i) })}`,
    },
    {
      role: 'admin',
      name: 'buyer + state reporting',
      path: (i) => `/lots${query({ buyer: pick(catalogue.buyers, i), state: 'reporting' })}`,
    },
    {
      role: 'admin',
      name: 'text search',
      search: true,
      path: (i) => `/lots${query({ q: pick(WORDS, i) })}`,
    },
    {
      role: 'buyer staff',
      name: 'own lots',
      path: () => `/lots${query({ buyer: catalogue.ownBuyer })}`,
    },
    {
      role: 'buyer staff',
      name: 'own drafts',
      path: () => `/lots${query({ buyer: catalogue.ownBuyer, state: 'draft' })}`,
    },
    { role: 'buyer staff', name: 'all visible, first page', path: () => '/lots' },
    { role: 'buyer staff', name: 'state callForBids', path: () => '/lots?state=callForBids' },
    {
      role: 'buyer staff',
      name: 'own programme',
      path: (i) => `/lots${query({ programme: pick(catalogue.ownProgrammes, i) })}`,
    },
    { role: 'public', name: 'all, first page', path: () => '/public/lots' },
    {
      role: 'public',
      name: 'all, deep page',
      path: () => `/public/lots${query({ page: DEEP_PAGE })}`,
    },
    { role: 'public', name: 'state callForBids', path: () => '/public/lots?state=callForBids' },
    {
      role: 'public',
      name: 'buyer',
      path: (i) => `/public/lots${query({ buyer: pick(catalogue.buyers, i) })}`,
    },
    {
      role: 'public',
      name: 'programme',
      path: (i) => `/public/lots${query({ programme: pick(catalogue.programmes, i) })}`,
    },
    {
      role: 'public',
      name: 'text search',
      search: true,
      path: (i) => `/public/lots${query({ q: pick(WORDS, i) })}`,
    },
    {
      role: 'public',
      name: 'territory',
      search: true,
      path: (i) => `/public/lots${query({ territory: pick(TERRITORIES, i) })}`,
    },
  ];
}

interface Bench {
  app: INestApplication;
  base: string;
  database: { name: string; url: string; drop(): Promise<void> };
  prefix: string;
  poolSize: number;
}

/** The API as main.ts serves it (ROLE=api), on a free loopback port of its own. */
async function startApi(): Promise<Bench & { adminEmail: string; adminPassword: string }> {
  const database = await createBenchDatabase();
  const prefix = `bench-${database.name}`;
  const adminEmail = 'bench-admin@bench.soczakaz.local';
  const adminPassword = randomBytes(18).toString('base64url');
  const { environment, runtime } = benchConfiguration(database, {
    ROLE: 'api',
    QUEUE_PREFIX: prefix,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
  });
  try {
    const app = await createApp(environment, runtime);
    for (let attempt = 1; ; attempt += 1) {
      const port = await findFreePort();
      try {
        await app.listen(port, '127.0.0.1');
        return {
          app,
          base: `http://127.0.0.1:${port}`,
          database,
          prefix,
          poolSize: runtime.databasePoolSize,
          adminEmail,
          adminPassword,
        };
      } catch (error) {
        if ((error as { code?: string }).code !== 'EADDRINUSE' || attempt === 5) throw error;
      }
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function call(base: string, path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(`${base}${path}`, init);
  const body = (await response.json()) as unknown;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function login(base: string, email: string, password: string): Promise<string> {
  const body = (await call(base, '/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })) as { accessToken: string };
  return body.accessToken;
}

interface Seeded {
  ms: number;
  analyzeMs: number;
  buyers: number;
  programmes: number;
  lotsPerProgramme: number;
  lots: number;
  tableBytes: number;
  heapBytes: number;
  indexBytes: number;
  states: Record<string, number>;
}

async function seed(client: pg.Client): Promise<Seeded> {
  const plan = seedPlan(LOTS, BUYERS, LOTS_PER_PROGRAMME);
  const [admin] = (await client.query<{ id: string }>(`SELECT id FROM users WHERE is_admin`)).rows;
  const started = Date.now();
  await seedLots(client, plan, admin.id, say);
  const ms = Date.now() - started;
  say(
    `  seed: ${LOTS} lots, ${plan.programmes} programmes, ${plan.buyers} buyers in ${seconds(ms)}`,
  );
  // Fresh statistics and visibility map, as autovacuum would leave a table this size.
  const analyzing = Date.now();
  await client.query(`VACUUM ANALYZE lots, programmes, organisations`);
  const analyzeMs = Date.now() - analyzing;
  const [sizes] = (
    await client.query<{ total: string; heap: string; indexes: string; n: number }>(
      `SELECT pg_total_relation_size('lots') AS total, pg_relation_size('lots') AS heap,
         pg_indexes_size('lots') AS indexes, (SELECT count(*)::int FROM lots) AS n`,
    )
  ).rows;
  const states = (
    await client.query<{ stage: string; n: number }>(
      `SELECT split_part(state, '.', 1) AS stage, count(*)::int AS n FROM lots
       GROUP BY 1 ORDER BY 2 DESC`,
    )
  ).rows;
  return {
    ms,
    analyzeMs,
    buyers: plan.buyers,
    programmes: plan.programmes,
    lotsPerProgramme: plan.lotsPerProgramme,
    lots: sizes.n,
    tableBytes: Number(sizes.total),
    heapBytes: Number(sizes.heap),
    indexBytes: Number(sizes.indexes),
    states: Object.fromEntries(states.map((row) => [row.stage, row.n])),
  };
}

async function catalogueOf(client: pg.Client, ownBuyer: string): Promise<Catalogue> {
  const ids = async (sql: string, params: unknown[] = []) =>
    (await client.query<{ id: string }>(sql, params)).rows.map((row) => row.id);
  return {
    // Uuid order is random order: a spread over buyers, countries and years.
    programmes: await ids(`SELECT id FROM programmes ORDER BY id LIMIT 50`),
    buyers: await ids(`SELECT DISTINCT buyer_id AS id FROM programmes ORDER BY 1 LIMIT 50`),
    ownBuyer,
    ownProgrammes: await ids(`SELECT id FROM programmes WHERE buyer_id = $1 ORDER BY id`, [
      ownBuyer,
    ]),
  };
}

/**
 * Runs each distinct request once through the API and notes the statements the list sent to
 * `lots` (TypeORM logs every query through its logger, whatever the logging level).
 */
async function capture(
  base: string,
  dataSource: DataSource,
  requests: Request[],
  headers: (role: Role) => Record<string, string>,
): Promise<Map<string, Captured>> {
  const logger = dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  let statements: Statement[] = [];
  logger.logQuery = (sql, params, runner) => {
    if (/FROM "lots"/.test(sql)) statements.push({ sql, params: (params ?? []) as unknown[] });
    logQuery(sql, params, runner);
  };
  const captured = new Map<string, Captured>();
  try {
    for (const { scenario, url } of requests) {
      const key = keyOf(scenario.role, url);
      if (captured.has(key)) continue;
      statements = [];
      const body = (await call(base, url, { headers: headers(scenario.role) })) as {
        total: number;
        items: unknown[];
      };
      captured.set(key, { statements, total: body.total, items: body.items.length });
    }
  } finally {
    logger.logQuery = logQuery;
  }
  return captured;
}

const keyOf = (role: Role, url: string) => `${role} ${url}`;

interface Pass {
  /** ms per request, by scenario index. */
  byScenario: number[][];
  all: number[];
  wallMs: number;
  load: ProcessLoad;
}

async function measure(
  requests: Request[],
  scenarioList: Scenario[],
  clients: number,
  send: (request: Request) => Promise<void>,
): Promise<Pass> {
  const byScenario = scenarioList.map((): number[] => []);
  const all: number[] = [];
  const stop = measureLoad();
  const started = performance.now();
  await inParallel(requests.length, clients, async (index) => {
    const request = requests[index];
    const sent = performance.now();
    await send(request);
    const ms = performance.now() - sent;
    byScenario[scenarioList.indexOf(request.scenario)].push(ms);
    all.push(ms);
  });
  return { byScenario, all, wallMs: performance.now() - started, load: stop() };
}

interface Summary {
  all: Distribution;
  /** By state, programme, buyer and paging only: what the indexes answer. */
  structured: Distribution;
  /** By words or territory. */
  search: Distribution;
  byRole: Record<Role, Distribution>;
  byScenario: (Distribution & { role: Role; scenario: string })[];
  requestsPerSecond: number;
  load: ProcessLoad;
}

function summarise(pass: Pass, scenarioList: Scenario[]): Summary {
  const roles: Role[] = ['admin', 'buyer staff', 'public'];
  const of = (search: boolean) =>
    distribution(
      scenarioList.flatMap((scenario, index) =>
        Boolean(scenario.search) === search ? pass.byScenario[index] : [],
      ),
    );
  return {
    all: distribution(pass.all),
    structured: of(false),
    search: of(true),
    byRole: Object.fromEntries(
      roles.map((role) => [
        role,
        distribution(
          scenarioList.flatMap((scenario, index) =>
            scenario.role === role ? pass.byScenario[index] : [],
          ),
        ),
      ]),
    ) as Record<Role, Distribution>,
    byScenario: scenarioList.map((scenario, index) => ({
      role: scenario.role,
      scenario: scenario.name,
      ...distribution(pass.byScenario[index]),
    })),
    requestsPerSecond: round((pass.all.length * 1000) / pass.wallMs, 0),
    load: pass.load,
  };
}

const ms = (value: number) => round(value).toFixed(1);
const ratio = (value: number, baseline: number) =>
  baseline > 0 ? `×${round(value / baseline, 2).toFixed(2)}` : '–';

async function main(): Promise<void> {
  const machine = await machineFacts(BENCH_REDIS_URL);
  say(
    `scale bench: ${LOTS} lots, ${SAMPLES} requests a scenario, ${CLIENTS} concurrent clients; ` +
      `${machine.cpuCount} × ${machine.cpuModel}, node ${machine.node}, ` +
      `load average ${machine.loadAverage.join(' ')}`,
  );
  const bench = await startApi();
  const client = new pg.Client({ connectionString: bench.database.url });
  const pool = new pg.Pool({ connectionString: bench.database.url, max: bench.poolSize });
  try {
    await client.connect();
    const [{ server }] = (
      await client.query<{ server: string }>(`SELECT current_setting('server_version') AS server`)
    ).rows;
    const seeded = await seed(client);
    say(
      `  table lots: ${megabytes(seeded.tableBytes)} (heap ${megabytes(seeded.heapBytes)}, ` +
        `indexes ${megabytes(seeded.indexBytes)}); VACUUM ANALYZE ${seconds(seeded.analyzeMs)}`,
    );
    say(
      `  stages: ${Object.entries(seeded.states)
        .map(([stage, n]) => `${stage} ${n}`)
        .join(', ')}`,
    );

    const adminToken = await login(bench.base, bench.adminEmail, bench.adminPassword);
    const authorised = (token: string) => ({ authorization: `Bearer ${token}` });
    const [ownBuyer] = (
      await client.query<{ id: string }>(
        `SELECT id FROM organisations WHERE kind = 'buyer' ORDER BY created_at, id LIMIT 1`,
      )
    ).rows;
    const staff = (await call(bench.base, `/organisations/${ownBuyer.id}/members`, {
      method: 'POST',
      headers: { ...authorised(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'bench-staff@bench.soczakaz.local',
        fullName: 'Bench staff',
        role: 'buyer_staff',
      }),
    })) as { email: string; initialPassword: string };
    const staffToken = await login(bench.base, staff.email, staff.initialPassword);
    const headers = (role: Role): Record<string, string> =>
      role === 'admin'
        ? authorised(adminToken)
        : role === 'buyer staff'
          ? authorised(staffToken)
          : {};

    // The seeded rows are lots the app can read: one of each state, restored by its machine.
    const samples = (
      await client.query<{ id: string }>(
        `SELECT DISTINCT ON (state) id FROM lots ORDER BY state, created_at DESC`,
      )
    ).rows;
    for (const sample of samples) {
      await call(bench.base, `/lots/${sample.id}`, { headers: authorised(adminToken) });
    }
    say(`  seed: a lot of each of its ${samples.length} states read back through GET /lots/{id}`);

    const scenarioList = scenarios(await catalogueOf(client, ownBuyer.id));
    // Interleaved, so that no scenario has the caches to itself.
    const requests: Request[] = Array.from({ length: SAMPLES }, (_, i) =>
      scenarioList.map((scenario) => ({ scenario, url: scenario.path(i) })),
    ).flat();

    say(`capture: each of the mix's distinct requests once (warms the caches too)`);
    const captured = await capture(bench.base, bench.app.get(DataSource), requests, headers);
    const capturedOf = (request: Request) => {
      const found = captured.get(keyOf(request.scenario.role, request.url));
      if (!found) throw new Error(`no statements captured for ${request.url}`);
      return found;
    };
    const matched = scenarioList.map((scenario) =>
      Math.max(
        ...requests
          .filter((request) => request.scenario === scenario)
          .map((request) => capturedOf(request).total),
      ),
    );

    let mismatches = 0;
    const raw = (runner: pg.Client | pg.Pool) => async (request: Request) => {
      const { statements, total, items } = capturedOf(request);
      const results = [];
      for (const statement of statements) {
        results.push(await runner.query(statement.sql, statement.params));
      }
      // The page's rows, then the count unless the page was short (its total follows from it).
      const counted =
        results.length > 1 ? Number((results[1].rows[0] as { cnt: string }).cnt) : total;
      if (results[0].rows.length !== items || counted !== total) mismatches += 1;
    };
    const api = async (request: Request) => {
      const body = (await call(bench.base, request.url, {
        headers: headers(request.scenario.role),
      })) as { items: unknown[] };
      if (!Array.isArray(body.items)) throw new Error(`${request.url}: no items`);
    };

    say(`raw node-pg, sequential: ${requests.length} lists (the captured page and count queries)`);
    const rawSequential = summarise(
      await measure(requests, scenarioList, 1, raw(client)),
      scenarioList,
    );
    say(`soczakaz API, sequential: ${requests.length} requests`);
    const apiSequential = summarise(await measure(requests, scenarioList, 1, api), scenarioList);
    say(`raw node-pg, ${CLIENTS} clients (pool of ${bench.poolSize})`);
    const rawConcurrent = summarise(
      await measure(requests, scenarioList, CLIENTS, raw(pool)),
      scenarioList,
    );
    say(`soczakaz API, ${CLIENTS} clients`);
    const apiConcurrent = summarise(
      await measure(requests, scenarioList, CLIENTS, api),
      scenarioList,
    );

    say('');
    say(
      table([
        [
          'sequential (ms)',
          'role',
          'matched',
          'raw p50',
          'raw p95',
          'API p50',
          'API p95',
          '×p50',
          '×p95',
        ],
        ...scenarioList.map((scenario, index) => {
          const r = rawSequential.byScenario[index];
          const a = apiSequential.byScenario[index];
          return [
            scenario.name,
            scenario.role,
            String(matched[index]),
            ms(r.p50),
            ms(r.p95),
            ms(a.p50),
            ms(a.p95),
            ratio(a.p50, r.p50),
            ratio(a.p95, r.p95),
          ];
        }),
      ]),
    );
    say('matched: lots the filter matches (the page total), largest over the samples');
    say('');
    const line = (name: string, summary: Summary, clients: number) => [
      name,
      String(clients),
      ...(['p50', 'p95', 'p99', 'max'] as const).map((q) => ms(summary.all[q])),
      String(summary.requestsPerSecond),
      `${summary.load.cpuPercent}%`,
    ];
    say(
      table([
        ['whole mix (ms)', 'clients', 'p50', 'p95', 'p99', 'max', 'lists/s', 'cpu'],
        line('raw node-pg', rawSequential, 1),
        line('soczakaz API', apiSequential, 1),
        [
          'ratio to raw',
          '',
          ...(['p50', 'p95', 'p99', 'max'] as const).map((q) =>
            ratio(apiSequential.all[q], rawSequential.all[q]),
          ),
          '',
          '',
        ],
        line('raw node-pg', rawConcurrent, CLIENTS),
        line('soczakaz API', apiConcurrent, CLIENTS),
        [
          'ratio to raw',
          '',
          ...(['p50', 'p95', 'p99', 'max'] as const).map((q) =>
            ratio(apiConcurrent.all[q], rawConcurrent.all[q]),
          ),
          '',
          '',
        ],
      ]),
    );
    say(
      'cpu: this process (the API and the bench’s clients), % of one core; PostgreSQL not counted',
    );
    say(
      `by role, API sequential p95: ${(['admin', 'buyer staff', 'public'] as const)
        .map((role) => `${role} ${ms(apiSequential.byRole[role].p95)}`)
        .join(', ')} ms; ${CLIENTS} clients: ${(['admin', 'buyer staff', 'public'] as const)
        .map((role) => `${role} ${ms(apiConcurrent.byRole[role].p95)}`)
        .join(', ')} ms`,
    );
    const split = (summary: Summary) =>
      `structured filters ${ms(summary.structured.p95)}, words/territory ${ms(summary.search.p95)}`;
    say(
      `API p95 by kind of filter: sequential ${split(apiSequential)} ms; ` +
        `${CLIENTS} clients ${split(apiConcurrent)} ms (raw sequential ${split(rawSequential)} ms)`,
    );
    say(
      'words and territory: an exact total reads every matching row (words: every row, ILIKE ' +
        'over number, theme and recipients has no index)',
    );
    say(`raw results that differ from the API's page or total: ${mismatches}`);
    const goalMet = apiSequential.all.p95 <= GOAL.p95Ms;
    const concurrentMet = apiConcurrent.all.p95 <= GOAL.p95Ms;
    say(
      `goal (stated aim for issue #8): API filtered list p95 ≤ ${GOAL.p95Ms} ms at ${LOTS} lots: ` +
        `${goalMet ? 'met' : 'NOT met'} (${ms(apiSequential.all.p95)} ms sequential); ` +
        `with ${CLIENTS} clients ${ms(apiConcurrent.all.p95)} ms (${concurrentMet ? 'met' : 'NOT met'})`,
    );
    const file = await writeResult('scale', {
      timestamp: new Date().toISOString(),
      machine: { ...machine, postgres: server },
      config: {
        lots: LOTS,
        buyers: seeded.buyers,
        programmes: seeded.programmes,
        lotsPerProgramme: seeded.lotsPerProgramme,
        samplesPerScenario: SAMPLES,
        clients: CLIENTS,
        deepPage: DEEP_PAGE,
        pageSize: 20,
        databasePoolSize: bench.poolSize,
      },
      seed: {
        ms: seeded.ms,
        vacuumAnalyzeMs: seeded.analyzeMs,
        lots: seeded.lots,
        tableBytes: seeded.tableBytes,
        heapBytes: seeded.heapBytes,
        indexBytes: seeded.indexBytes,
        stages: seeded.states,
      },
      scenarios: scenarioList.map((scenario, index) => ({
        role: scenario.role,
        name: scenario.name,
        example: scenario.path(0),
        matched: matched[index],
        statements: capturedOf(requests[index]).statements.map((statement) => statement.sql),
      })),
      raw: { sequential: rawSequential, concurrent: rawConcurrent, mismatches },
      soczakaz: { sequential: apiSequential, concurrent: apiConcurrent },
      ratios: {
        sequential: Object.fromEntries(
          (['p50', 'p95', 'p99'] as const).map((q) => [
            q,
            round(apiSequential.all[q] / rawSequential.all[q], 2),
          ]),
        ),
        concurrent: Object.fromEntries(
          (['p50', 'p95', 'p99'] as const).map((q) => [
            q,
            round(apiConcurrent.all[q] / rawConcurrent.all[q], 2),
          ]),
        ),
      },
      goal: { ...GOAL, met: goalMet, concurrentMet },
    });
    say(`results: ${file}`);
  } finally {
    await pool.end();
    await client.end().catch(() => undefined);
    await bench.app.close();
    await deleteQueueKeys(BENCH_REDIS_URL, bench.prefix);
    await bench.database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`scale bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
