import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { DocumentStore } from '../../../src/applications/document-store.js';
import { ACCESS_RULES, type AccessRule } from '../../fixtures/security/access-rules.js';
import { type Caller, contextOf, pathValues, type Scope } from '../../fixtures/security/callers.js';
import {
  edgeCases,
  type Mutation,
  mutationsFor,
  SQL_INJECTION,
} from '../../fixtures/security/hostile.js';
import {
  fetchOpenApi,
  fillPath,
  type OpenApiDocument,
  type Operation,
  operationsOf,
} from '../../fixtures/security/openapi.js';
import { type Answer, describeAnswer, problemViolations } from '../../fixtures/security/problem.js';
import { type OutgoingRequest, send } from '../../fixtures/security/requests.js';
import { buildWorld, type World } from '../../fixtures/security/world.js';
import { startTestApp, type TestApp } from '../../fixtures/test-app.js';

/** Set FUZZ_SEED to replay a failure (the failure message names the seed) or to explore. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
/** Random hostile requests per operation, besides its edge cases (FUZZ_RUNS to explore). */
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 5);

/** The sample body when it is an object (fields to change), else an empty one. */
const objectOf = (sample: unknown): Record<string, unknown> =>
  typeof sample === 'object' && sample !== null ? (sample as Record<string, unknown>) : {};

/**
 * Who sends the fuzzed requests of an operation: someone the rules let through, so that the
 * hostile input reaches validation and the service rather than stopping at the guard. The
 * admin acts on the other side's resources (never on its own account).
 */
function fuzzer(operation: Operation, rule: AccessRule | undefined): [Caller, Scope] {
  if (!operation.secured) return ['anonymous', 'own'];
  if (!rule) return ['admin', 'other'];
  if (rule.may === 'anyone' || rule.may === 'anyone:own') return ['buyer_staff', 'own'];
  const [caller] = rule.may[0].split(':') as [Exclude<Caller, 'anonymous'>];
  return caller === 'admin' ? ['admin', 'other'] : [caller, 'own'];
}

/**
 * Hostile input against every operation of the OpenAPI document, sent by a caller the access
 * rules let through: fuzzed bodies, queries, paths and If-Match never get a 5xx, every refusal is
 * problem+json and changes nothing in the database, and injection in list filters is inert.
 */
describe('hostile input (e2e)', () => {
  let t: TestApp;
  let world: World;
  let document: OpenApiDocument;
  let operations: Operation[];
  let database: pg.Client;
  let fingerprintSql: string;

  /** Row counts of every table, lot versions, application revisions and last updates. */
  async function fingerprint(): Promise<string> {
    const { rows } = await database.query({ name: 'fingerprint', text: fingerprintSql });
    return JSON.stringify(rows[0]);
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    document = await fetchOpenApi(t);
    operations = operationsOf(document);
    database = new pg.Client({ connectionString: t.database.url });
    await database.connect();
    const tables = await t.database.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const updated = await t.database.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'updated_at' ORDER BY table_name`,
    );
    fingerprintSql = `SELECT ${[
      ...tables.map(({ name }) => `(SELECT count(*) FROM "${name}") AS "${name}"`),
      ...updated.map(({ name }) => `(SELECT max(updated_at) FROM "${name}") AS "${name}.updated"`),
      `(SELECT sum(version) FROM lots) AS "lots.version"`,
      `(SELECT sum(revision) FROM applications) AS "applications.revision"`,
      `(SELECT string_agg(verification_status, ',' ORDER BY id) FROM organisations) AS verified`,
      `(SELECT count(*) FROM users WHERE active) AS active`,
      `(SELECT count(*) FROM notifications WHERE read_at IS NOT NULL) AS read`,
    ].join(',\n')}`;
  }, 90_000);

  afterAll(async () => {
    await database?.end();
    await t?.close();
  });

  /** The operation's sample request with one hostile change. */
  function hostileRequest(
    operation: Operation,
    rule: AccessRule | undefined,
    caller: Caller,
    scope: Scope,
    mutation: Mutation,
  ): OutgoingRequest {
    const context = contextOf(world, caller, scope);
    const values = pathValues(operation, rule ?? {}, context);
    const sample = rule?.body?.(context);
    const base = objectOf(sample);
    const request: OutgoingRequest = {
      method: operation.method,
      url: '',
      token: context.token,
      query: rule?.query,
      body: sample,
      raw: rule?.raw,
      multipart: rule?.multipart,
    };
    const replaceBody = (changes: Partial<OutgoingRequest>) =>
      Object.assign(request, { body: undefined, raw: undefined, multipart: undefined }, changes);
    switch (mutation.kind) {
      case 'field':
        replaceBody({ body: { ...base, [mutation.field]: mutation.value } });
        break;
      case 'item': {
        const [first, ...rest] = base[mutation.field] as Record<string, unknown>[];
        const item = { ...first, [mutation.key]: mutation.value };
        replaceBody({ body: { ...base, [mutation.field]: [item, ...rest] } });
        break;
      }
      case 'body':
        replaceBody({ body: mutation.value });
        break;
      case 'json':
        replaceBody({ json: mutation.text });
        break;
      case 'media':
        replaceBody({
          raw: { contentType: mutation.contentType, data: Buffer.from(mutation.text) },
        });
        break;
      case 'query':
        request.query = { ...rule?.query, [mutation.name]: mutation.value } as Record<
          string,
          string
        >;
        break;
      case 'rawQuery':
        break;
      case 'path':
        values[mutation.name] = mutation.value;
        break;
      case 'ifMatch':
        request.headers = { 'If-Match': mutation.value };
        break;
    }
    request.url = fillPath(operation.path, values);
    if (mutation.kind === 'rawQuery') request.url += `?${mutation.text}`;
    return request;
  }

  it('never answers a fuzzed body, query, path or If-Match with a 5xx; refusals are problem+json and change nothing', async () => {
    const failures: string[] = [];
    let requests = 0;
    let before = await fingerprint();
    for (const operation of operations) {
      const rule = ACCESS_RULES[operation.key];
      const [caller, scope] = fuzzer(operation, rule);
      const base = objectOf(rule?.body?.(contextOf(world, caller, scope)));
      const property = fc.asyncProperty(
        mutationsFor(document, operation, base),
        async (mutation) => {
          requests += 1;
          const answer = await send(t, hostileRequest(operation, rule, caller, scope, mutation));
          const after = await fingerprint();
          const changed = after !== before;
          before = after;
          const problems = violations(answer, changed);
          if (problems.length > 0) {
            throw new Error(`${describeAnswer(answer)}: ${problems.join('; ')}`);
          }
        },
      );
      const examples = edgeCases(document, operation, base).map((mutation): [Mutation] => [
        mutation,
      ]);
      const details = await fc.check(property, {
        seed: SEED,
        numRuns: examples.length + RUNS_PER_OPERATION,
        examples,
        endOnFailure: true,
      });
      if (details.failed) {
        const [mutation] = details.counterexample ?? [];
        const error = details.errorInstance instanceof Error ? details.errorInstance.message : '';
        failures.push(
          `${operation.key} as ${caller}: ${brief(mutation)} → ${error} ` +
            `(FUZZ_SEED=${details.seed}, path "${details.counterexamplePath}")`,
        );
      }
    }
    process.stdout.write(`fuzzing: ${operations.length} operations, ${requests} requests\n`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('lets no body, query or key make anyone an admin or reach Object.prototype', async () => {
    const polluted = Object.prototype as Record<string, unknown>;
    expect([polluted.polluted, polluted.isAdmin, polluted.roles]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    for (const token of [world.own.ngo.token, world.operator.token, world.unverified.token]) {
      const me = await t.http.get('/me').auth(token, { type: 'bearer' }).expect(200);
      expect(me.body.isAdmin).toBe(false);
      await t.http.get('/users').auth(token, { type: 'bearer' }).expect(403);
    }
  });

  it('stores the same document uploaded many times at once', async () => {
    const store = t.app.get(DocumentStore);
    const bytes = Buffer.from(`%PDF-1.4 the same statute ${Date.now()}`);
    const hashes = await Promise.all(Array.from({ length: 20 }, () => store.put(bytes)));
    expect(new Set(hashes).size).toBe(1);
    expect(await store.get(hashes[0])).toEqual(bytes);
    await store.remove(hashes[0]);
  });

  describe('SQL injection in list filters', () => {
    const FILTERS: { path: string; caller: Caller; params: string[] }[] = [
      { path: '/lots', caller: 'buyer_staff', params: ['q', 'territory', 'state', 'buyer'] },
      { path: '/lots', caller: 'ngo_member', params: ['q', 'territory', 'state'] },
      { path: '/public/lots', caller: 'anonymous', params: ['q', 'territory', 'state'] },
      { path: '/me/applications', caller: 'ngo_member', params: ['status'] },
      { path: '/organisations', caller: 'admin', params: ['kind', 'verificationStatus'] },
      { path: '/programmes', caller: 'ngo_member', params: ['buyer'] },
      { path: '/me/notifications', caller: 'buyer_staff', params: ['unread'] },
    ];
    const PAYLOADS = [...SQL_INJECTION, "'", '"', '%', '_', '\\', '%%', '\u0000', ';'];

    it('answers 200 or 400, never more rows than the data has, and leaves the tables intact', async () => {
      const before = await fingerprint();
      const failures: string[] = [];
      let requests = 0;
      for (const { path, caller, params } of FILTERS) {
        const token = contextOf(world, caller, 'own').token;
        const get = (query: Record<string, string>) =>
          send(t, { method: 'get', url: path, token, query, body: undefined });
        const all = await get({ pageSize: '100' });
        expect({ path, caller, status: all.status }).toEqual({ path, caller, status: 200 });
        const total = (all.body as { total: number }).total;
        for (const param of params) {
          for (const payload of PAYLOADS) {
            const started = Date.now();
            const answer = await get({ [param]: payload, pageSize: '100' });
            requests += 1;
            const where = `GET ${path}?${param}=${JSON.stringify(payload)} as ${caller} → ${describeAnswer(answer)}`;
            if (![200, 400].includes(answer.status)) failures.push(`${where}: expected 200 or 400`);
            if (answer.status === 400 && problemViolations(answer).length > 0) {
              failures.push(`${where}: not problem+json`);
            }
            if (Date.now() - started > 2500)
              failures.push(`${where}: took ${Date.now() - started} ms`);
            if (answer.status !== 200) continue;
            const found = answer.body as { total: number; items: unknown[] };
            if (found.total > total || found.items.length > total) {
              failures.push(`${where}: ${found.total} rows of ${total}`);
            }
            // Wildcards are matched as themselves: no lot's number or theme holds one.
            if (param === 'q' && ['%', '_', '%%', '\\'].includes(payload) && found.total !== 0) {
              failures.push(`${where}: a wildcard matched ${found.total} lots`);
            }
          }
        }
      }
      process.stdout.write(`SQL injection: ${requests} filtered requests\n`);
      expect(failures).toEqual([]);
      expect(await fingerprint()).toBe(before);
    });
  });

  /** A mutation, its long strings cut short, for a failure message. */
  function brief(mutation: Mutation | undefined): string {
    return JSON.stringify(mutation, (_key, value: unknown) =>
      typeof value === 'string' && value.length > 80
        ? `${value.slice(0, 40)}…(${value.length} chars)`
        : value,
    );
  }

  /** What is wrong with an answer to a hostile request. */
  function violations(answer: Answer, changed: boolean): string[] {
    const problems: string[] = [];
    if (answer.status >= 500) problems.push('a 5xx');
    if (answer.status >= 300) problems.push(...problemViolations(answer));
    if (answer.status >= 400 && changed) problems.push('refused, yet the database changed');
    return problems;
  }
});
