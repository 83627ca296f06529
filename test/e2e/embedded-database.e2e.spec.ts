import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { loadEnvironment } from '../../src/config/environment.js';
import { startRuntime } from '../../src/config/start-runtime.js';
import { TEST_REDIS_URL, uniqueEmail } from '../fixtures/test-services.js';

describe('the embedded database (no DATABASE_URL)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** Starts the app as main.ts does with DATABASE_URL unset; returns an HTTP agent and a stop. */
  async function start(dataDir: string, adminEmail: string) {
    const environment = loadEnvironment({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      REDIS_URL: TEST_REDIS_URL,
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: 'embedded-admin-password',
    });
    const lines: string[] = [];
    const started = await startRuntime(environment, (line) => lines.push(line));
    const app = await createApp(environment, started.runtime);
    await app.init();
    const stop = async () => {
      await app.close();
      await started.stop();
    };
    return { http: request(app.getHttpServer()), stop, lines, runtime: started.runtime };
  }

  it('migrates, keeps what was written across a restart, and says it is embedded', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'soczakaz-embedded-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const adminEmail = uniqueEmail('embedded-admin');
    const ngoEmail = uniqueEmail('embedded-ngo');

    const first = await start(dataDir, adminEmail);
    cleanups.push(first.stop);
    expect(first.runtime.databaseMode).toBe('embedded');
    expect(first.lines.join('\n')).toMatch(/database: embedded PostgreSQL \(PGlite\)/);
    await first.http.get('/health/ready').expect(200);
    await first.http
      .post('/auth/register-ngo')
      .send({
        organisation: { name: 'ОО «Встроенная»', country: 'KG', timeZone: 'Asia/Bishkek' },
        user: { email: ngoEmail, fullName: 'Embedded', password: 'embedded-ngo-password' },
      })
      .expect(201);
    const firstToken = (
      await first.http
        .post('/auth/login')
        .send({ email: ngoEmail, password: 'embedded-ngo-password' })
        .expect(200)
    ).body.accessToken as string;
    await first.stop();
    cleanups.pop();

    const second = await start(dataDir, adminEmail);
    cleanups.push(second.stop);
    // The same data and the same generated JWT secret: the old token still works.
    const me = await second.http.get('/me').auth(firstToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ email: ngoEmail, roles: ['ngo_member'] });
    await second.http
      .post('/auth/login')
      .send({ email: adminEmail, password: 'embedded-admin-password' })
      .expect(200);
  }, 120_000);
});
