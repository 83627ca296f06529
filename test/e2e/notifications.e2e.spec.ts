import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadEnvironment } from '../../src/config/environment.js';
import { Runtime } from '../../src/config/runtime.js';
import {
  NotificationsService,
  type NotifyRequest,
} from '../../src/notifications/notifications.service.js';
import { verifyWebhookSignature } from '../../src/notifications/webhook-signature.js';
import { WorkerModule } from '../../src/worker.module.js';
import { publishForHearing } from '../fixtures/hearings.js';
import { createBuyer, type TestBuyer } from '../fixtures/organisations.js';
import {
  ADMIN_PASSWORD,
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from '../fixtures/test-app.js';
import { TEST_REDIS_URL } from '../fixtures/test-services.js';

/** Polls until `check` holds or `ms` pass; returns whether it held. */
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** Just enough MIME for one text/plain part as nodemailer writes it. */
function parseMail(raw: string): Omit<ReceivedMail, 'to'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) =>
    new RegExp(`^${name}: *(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const subject = header('Subject')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_whole, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
  const body = raw.slice(split + 4);
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body.replace(/=\r\n/g, ''))
        : body;
  return { subject, text };
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

interface WebhookHit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface DeliveryView {
  id: string;
  status: string;
  dead: boolean;
  attempts: number;
  responseCode: number | null;
  lastError: string | null;
  attemptLog: { attempt: number; responseCode: number | null }[];
}

describe('notifications (e2e: real PostgreSQL, Redis, an SMTP server and a webhook receiver)', () => {
  let t: TestApp;
  let buyer: TestBuyer;
  let adminToken: string;
  let programmeId: string;
  let staffEmail: string;
  let commissionEmail: string;
  let smtp: SMTPServer;
  let receiver: Server;
  let receiverUrl: string;
  const mails: ReceivedMail[] = [];
  const hits: WebhookHit[] = [];
  /** Status codes a receiver path answers with, in turn; 200 once they run out. */
  const answers = new Map<string, number[]>();
  const workers: INestApplicationContext[] = [];

  const auth = { type: 'bearer' } as const;

  async function addLot(number: string): Promise<string> {
    const created = await t.http
      .post(`/programmes/${programmeId}/lots`)
      .auth(buyer.staffToken, auth)
      .send({
        number,
        theme: `Дневной центр ${number}`,
        territories: [{ name: 'Нарынская обл.', maxAmount: 50_000_000 }],
        durationMonths: 12,
      })
      .expect(201);
    return created.body.id as string;
  }

  const send = (lotId: string, type: string, payload?: object) =>
    t.http
      .post(`/lots/${lotId}/events`)
      .auth(buyer.staffToken, auth)
      .send({ type, payload })
      .expect(200);

  const inbox = async (token: string, query = '') =>
    (await t.http.get(`/me/notifications${query}`).auth(token, auth).expect(200)).body as {
      items: { id: string; name: string; title: string; body: string; lotId: string }[];
      total: number;
      unread: number;
    };

  const deliveries = async (webhookId: string, query = '') =>
    (
      await t.http
        .get(`/organisations/${buyer.id}/webhooks/${webhookId}/deliveries${query}`)
        .auth(buyer.staffToken, auth)
        .expect(200)
    ).body as { items: DeliveryView[]; total: number };

  async function subscribe(path: string, events: string[]) {
    const created = await t.http
      .post(`/organisations/${buyer.id}/webhooks`)
      .auth(buyer.staffToken, auth)
      .send({ url: `${receiverUrl}${path}`, events })
      .expect(201);
    return created.body as { id: string; secret: string; url: string; events: string[] };
  }

  /** Another worker process on the same database, Redis and queues. */
  async function startWorker(): Promise<INestApplicationContext> {
    const environment = loadEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ROLE: 'worker',
      JWT_SECRET: TEST_JWT_SECRET,
      QUEUE_PREFIX: `test-${t.database.name}`,
      MIGRATIONS_RUN: 'false',
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    });
    const runtime = new Runtime(t.database.url, 4, 'external', TEST_REDIS_URL, 'external', 'x');
    const worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(environment, runtime),
      { logger: false },
    );
    await worker.init();
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: nodemailer would otherwise upgrade to a self-signed TLS.
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((address) => address.address);
          mails.push({ to, ...parseMail(Buffer.concat(chunks).toString('utf8')) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        hits.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString() });
        response.statusCode = answers.get(path)?.shift() ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    t = await startTestApp({
      withWorker: true,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        PUBLIC_BASE_URL: 'https://soczakaz.example.kg',
        WEBHOOK_BACKOFF_MS: '150',
        WEBHOOK_MAX_ATTEMPTS: '4',
      },
    });
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    buyer = await createBuyer(t, adminToken, {
      name: 'Министерство труда и социального развития КР',
    });
    const programme = await t.http
      .post('/programmes')
      .auth(buyer.staffToken, auth)
      .send({
        title: 'Государственный социальный заказ на 2026 год',
        jurisdiction: 'KG',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        currency: 'KGS',
        totalBudget: 2_000_000_000,
        profileId: 'kg-grant',
      })
      .expect(201);
    programmeId = programme.body.id;
    const staff = await t.http
      .patch('/me')
      .auth(buyer.staffToken, auth)
      .send({ locale: 'ky' })
      .expect(200);
    staffEmail = staff.body.email;
    commissionEmail = (await t.http.get('/me').auth(buyer.commissionToken, auth).expect(200)).body
      .email;
  }, 30_000);

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await t?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('puts a transition’s notification in the buyer staff’s inbox in their locale; reading marks it', async () => {
    const lotId = await addLot('1');
    await publishForHearing(t, buyer, lotId);
    expect(await eventually(async () => (await inbox(buyer.staffToken)).total === 1)).toBe(true);
    const { items, unread } = await inbox(buyer.staffToken);
    expect(unread).toBe(1);
    expect(items[0]).toMatchObject({
      name: 'lot.hearingAnnounced',
      locale: 'ky',
      lotId,
      title: 'Коомдук угуу жарыяланды — лот 1',
      body: expect.stringContaining('«Дневной центр 1»'),
      readAt: null,
    });
    // The commission is not told of a hearing, and cannot read the staff's notification.
    expect((await inbox(buyer.commissionToken)).total).toBe(0);
    const foreign = await t.http
      .post(`/me/notifications/${items[0].id}/read`)
      .auth(buyer.commissionToken, auth)
      .expect(404);
    expect(foreign.body).toMatchObject({ code: 'notification-not-found' });

    const read = await t.http
      .post(`/me/notifications/${items[0].id}/read`)
      .auth(buyer.staffToken, auth)
      .expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await inbox(buyer.staffToken, '?unread=true')).total).toBe(0);
    expect((await inbox(buyer.staffToken, '?unread=false')).total).toBe(1);
    const all = await t.http
      .post('/me/notifications/read-all')
      .auth(buyer.staffToken, auth)
      .expect(200);
    expect(all.body).toEqual({ marked: 0 });
  });

  it('emails that notification through a real SMTP server, in the same words', async () => {
    expect(await eventually(async () => mails.some((mail) => mail.to.includes(staffEmail)))).toBe(
      true,
    );
    const mail = mails.find((received) => received.to.includes(staffEmail));
    expect(mail?.subject).toBe('Коомдук угуу жарыяланды — лот 1');
    expect(mail?.text).toContain('Лот 1 «Дневной центр 1»: долбоор коомдук угууга коюлду');
    expect(mail?.text).toMatch(/https:\/\/soczakaz\.example\.kg\/lots\/[0-9a-f-]{36}/);
  });

  it('retries a webhook answered with 500 until it is delivered, signed with the secret shown at creation', async () => {
    const webhook = await subscribe('/flaky', ['lot.cancelled']);
    expect(webhook.secret).toMatch(/^whsec_/);
    const listed = await t.http
      .get(`/organisations/${buyer.id}/webhooks`)
      .auth(buyer.staffToken, auth)
      .expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ id: webhook.id, events: ['lot.cancelled'], active: true }),
    ]);
    expect(listed.body[0]).not.toHaveProperty('secret');

    answers.set('/flaky', [500, 500]);
    const lotId = await addLot('2');
    await send(lotId, 'CANCEL', { reason: 'Финансирование отозвано' });
    expect(
      await eventually(async () => (await deliveries(webhook.id)).items[0]?.status === 'delivered'),
    ).toBe(true);
    const [delivery] = (await deliveries(webhook.id)).items;
    expect(delivery).toMatchObject({
      attempts: 3,
      responseCode: 200,
      dead: false,
      lastError: null,
    });
    expect(delivery.attemptLog.map((attempt) => attempt.responseCode)).toEqual([500, 500, 200]);

    const received = hits.filter((hit) => hit.path === '/flaky');
    expect(received).toHaveLength(3);
    for (const hit of received) {
      expect(hit.body).toBe(received[0].body);
      expect(hit.headers['x-soczakaz-event']).toBe('lot.cancelled');
      expect(hit.headers['x-soczakaz-delivery']).toBe(delivery.id);
      expect(hit.headers['x-soczakaz-timestamp']).toMatch(/^\d{10}$/);
      const signature = hit.headers['x-soczakaz-signature'] as string;
      expect(verifyWebhookSignature(hit.body, webhook.secret, signature)).toBe(true);
      expect(verifyWebhookSignature(hit.body, 'whsec_wrong', signature)).toBe(false);
    }
    expect(JSON.parse(received[0].body)).toMatchObject({
      id: delivery.id,
      event: 'lot.cancelled',
      organisationId: buyer.id,
      lot: { id: lotId, number: '2' },
    });

    await t.http
      .delete(`/organisations/${buyer.id}/webhooks/${webhook.id}`)
      .auth(buyer.staffToken, auth)
      .expect(204);
    await t.http
      .get(`/organisations/${buyer.id}/webhooks/${webhook.id}/deliveries`)
      .auth(buyer.staffToken, auth)
      .expect(404);
  });

  it('keeps a delivery that never succeeds as a dead letter after its last attempt', async () => {
    const webhook = await subscribe('/down', ['lot.cancelled']);
    answers.set('/down', Array<number>(10).fill(503));
    const lotId = await addLot('3');
    await send(lotId, 'CANCEL', { reason: 'Дублирует другой лот' });
    expect(
      await eventually(async () => (await deliveries(webhook.id, '?status=dead')).total === 1),
    ).toBe(true);
    const [dead] = (await deliveries(webhook.id, '?status=dead')).items;
    expect(dead).toMatchObject({
      dead: true,
      attempts: 4,
      responseCode: 503,
      lastError: 'HTTP 503',
    });
    expect(dead.attemptLog.map((attempt) => attempt.attempt)).toEqual([1, 2, 3, 4]);
    expect(hits.filter((hit) => hit.path === '/down')).toHaveLength(4);
  });

  it('lets only the organisation’s own people manage its webhooks, and only http(s) URLs', async () => {
    const ftp = await t.http
      .post(`/organisations/${buyer.id}/webhooks`)
      .auth(buyer.staffToken, auth)
      .send({ url: 'ftp://127.0.0.1/hook' })
      .expect(400);
    expect(ftp.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
    const unknownEvent = await t.http
      .post(`/organisations/${buyer.id}/webhooks`)
      .auth(buyer.staffToken, auth)
      .send({ url: `${receiverUrl}/x`, events: ['lot.teleported'] })
      .expect(400);
    expect(unknownEvent.body.code).toBe('validation-failed');
    await t.http
      .get(`/organisations/${buyer.id}/webhooks`)
      .auth(buyer.commissionToken, auth)
      .expect(403);
    const other = await createBuyer(t, adminToken, { name: 'Мэрия города Ош' });
    const foreign = await t.http
      .get(`/organisations/${buyer.id}/webhooks`)
      .auth(other.staffToken, auth)
      .expect(403);
    expect(foreign.body.code).toBe('organisation-not-yours');
  });

  it('notifies each person once per dedupe key, even when two workers are asked at once', async () => {
    const second = await startWorker();
    const lotId = await addLot('4');
    const request: NotifyRequest = {
      lotId,
      name: 'lot.callCloseReminder',
      recipients: ['buyerStaff', 'commission', 'ngoApplicants'],
      dedupeKey: `reminder-${lotId}-callClose-g1-d3`,
      data: { dueAt: '2026-12-01T12:00:00Z' },
    };
    const services = [t.app.get(NotificationsService), second.get(NotificationsService)];
    const outcomes = await Promise.all(
      [...services, ...services].map((service) => service.notify(request)),
    );
    expect(outcomes.reduce((sum, outcome) => sum + outcome.created, 0)).toBe(2);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.emails, 0)).toBe(2);
    expect(outcomes[0]).toMatchObject({ recipients: 2, unresolved: [] });

    const rows = await t.database.query<{ count: string }>(
      `SELECT count(*) FROM notifications WHERE dedupe_key = $1 GROUP BY user_id`,
      [request.dedupeKey],
    );
    expect(rows.map((row) => Number(row.count))).toEqual([1, 1]);

    const reminded = () => mails.filter((mail) => mail.subject.includes('лот 4'));
    expect(await eventually(async () => reminded().length >= 2)).toBe(true);
    // A late duplicate would arrive within moments of the first: give it the chance.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(
      reminded()
        .flatMap((mail) => mail.to)
        .sort(),
    ).toEqual([staffEmail, commissionEmail].sort());
    const staffMail = reminded().find((mail) => mail.to.includes(staffEmail));
    expect(staffMail?.subject).toBe('Эскертүү: табыштамаларды кабыл алуу — лот 4');
    expect(staffMail?.text).toContain('2026');
    const sent = await t.database.query<{ status: string }>(
      `SELECT e.status FROM email_deliveries e JOIN notifications n ON n.id = e.notification_id
       WHERE n.dedupe_key = $1`,
      [request.dedupeKey],
    );
    expect(sent.map((row) => row.status)).toEqual(['sent', 'sent']);
  });

  it('respects a person’s preferences: no email for an event they turned email off for', async () => {
    const empty = await t.http
      .get('/me/notification-preferences')
      .auth(buyer.commissionToken, auth)
      .expect(200);
    expect(empty.body).toMatchObject({ preferences: [], channels: ['inApp', 'email', 'webhook'] });
    expect(empty.body.events).toEqual(expect.arrayContaining(['*', 'lot.scoringOpened']));
    const preferences = [
      { event: '*', channel: 'email', enabled: false },
      { event: 'lot.meetingConvened', channel: 'email', enabled: true },
    ];
    const saved = await t.http
      .put('/me/notification-preferences')
      .auth(buyer.commissionToken, auth)
      .send({ preferences })
      .expect(200);
    expect(saved.body.preferences).toEqual(expect.arrayContaining(preferences));
    await t.http
      .put('/me/notification-preferences')
      .auth(buyer.commissionToken, auth)
      .send({ preferences: [...preferences, preferences[0]] })
      .expect(400);

    const lotId = await addLot('5');
    const notify = (name: string) =>
      t.app.get(NotificationsService).notify({
        lotId,
        name,
        recipients: ['commission'],
        dedupeKey: `test-${name}-${lotId}`,
      });
    expect(await notify('lot.scoringOpened')).toMatchObject({ created: 1, emails: 0 });
    expect(await notify('lot.meetingConvened')).toMatchObject({ created: 1, emails: 1 });
    const { items } = await inbox(buyer.commissionToken);
    const ofLot = items.filter((item) => item.lotId === lotId).map((item) => item.name);
    expect(ofLot.sort()).toEqual(['lot.meetingConvened', 'lot.scoringOpened']);
    const emailed = await t.database.query<{ name: string }>(
      `SELECT n.name FROM email_deliveries e JOIN notifications n ON n.id = e.notification_id
       WHERE n.lot_id = $1`,
      [lotId],
    );
    expect(emailed).toEqual([{ name: 'lot.meetingConvened' }]);
  });
});
