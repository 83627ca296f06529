import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from '../../../bench/support.js';
import { ManagedProcess, waitUntilReady } from '../../../src/common/child-process.js';
import { findFreePort } from '../../../src/common/free-port.js';
import { startEmbeddedRedis, type EmbeddedRedis } from '../../../src/queue/embedded-redis.js';
import { QueueName, type DeadlineJobData } from '../../../src/queue/queues.js';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres.js';

/** The built entry point the processes run: `npm run test:chaos` builds dist/ first. */
export const CHAOS_MAIN = resolve(process.env.CHAOS_MAIN ?? 'dist/src/main.js');
export const ADMIN_EMAIL = 'admin@chaos.soczakaz.local';
export const ADMIN_PASSWORD = 'admin-password-for-the-chaos-suite';
const PREFIX = 'chaos';
const START_TIMEOUT_MS = 60_000;

export type Role = 'api' | 'worker';

/** One `node main.js` process of the deployment. */
export class AppProcess {
  constructor(
    readonly role: Role,
    readonly port: number,
    private readonly managed: ManagedProcess,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.managed.pid;
  }

  get running(): boolean {
    return this.managed.exitStatus === undefined;
  }

  /** SIGKILL: no shutdown hook runs, its locks and connections are left to expire. */
  async kill(): Promise<void> {
    this.managed.signal('SIGKILL');
    await this.managed.exited;
  }

  stop(): Promise<void> {
    return this.managed.stop();
  }

  describe(): string {
    return this.managed.describeExit();
  }
}

/**
 * A deployment of its own for one test file: a private PostgreSQL cluster, a private
 * redis-server and `node <CHAOS_MAIN>` processes (ROLE=api / worker) against them, as in
 * production (migrations at start, first administrator from ADMIN_EMAIL). Every piece can be
 * killed and restarted without touching the machine's shared servers.
 */
export class ChaosStack {
  readonly apis: AppProcess[] = [];
  readonly workers: AppProcess[] = [];
  private inspection: Queue<DeadlineJobData> | undefined;
  private inspectionRedis: Redis | undefined;

  private constructor(
    readonly postgres: PrivatePostgres,
    private redis: EmbeddedRedis,
    readonly redisPort: number,
    private readonly workDir: string,
    private readonly jwtSecret: string,
  ) {}

  static async start(counts: { apis: number; workers: number }): Promise<ChaosStack> {
    const workDir = await mkdtemp(join(tmpdir(), 'soczakaz-chaos-'));
    const postgres = await startPrivatePostgres().catch(async (error: unknown) => {
      await rm(workDir, { recursive: true, force: true });
      throw error;
    });
    let redis: EmbeddedRedis;
    try {
      redis = await startEmbeddedRedis();
    } catch (error) {
      await postgres.destroy();
      await rm(workDir, { recursive: true, force: true });
      throw error;
    }
    const stack = new ChaosStack(
      postgres,
      redis,
      Number(new URL(redis.url).port),
      workDir,
      randomBytes(48).toString('base64url'),
    );
    try {
      // The first process migrates alone; the others find the schema up to date.
      await stack.startApp(counts.apis > 0 ? 'api' : 'worker');
      await Promise.all([
        ...Array.from({ length: Math.max(0, counts.apis - 1) }, () => stack.startApp('api')),
        ...Array.from({ length: counts.workers - (counts.apis > 0 ? 0 : 1) }, () =>
          stack.startApp('worker'),
        ),
      ]);
      return stack;
    } catch (error) {
      await stack.stop();
      throw error;
    }
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.redisPort}`;
  }

  get api(): AppProcess {
    return this.apis[0];
  }

  /** Starts one more process and waits until it serves (api: /health/ready; worker: on the queue). */
  async startApp(role: Role): Promise<AppProcess> {
    for (let attempt = 1; ; attempt++) {
      const port = role === 'api' ? await findFreePort() : 0;
      const managed = new ManagedProcess({
        name: `${role} (${CHAOS_MAIN})`,
        command: process.execPath,
        args: [CHAOS_MAIN],
        // A directory of its own: no .env of the repository, DATA_DIR unused but harmless.
        cwd: this.workDir,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          ROLE: role,
          PORT: String(port),
          DATABASE_URL: this.postgres.url,
          REDIS_URL: this.redisUrl,
          JWT_SECRET: this.jwtSecret,
          QUEUE_PREFIX: PREFIX,
          ADMIN_EMAIL,
          ADMIN_PASSWORD,
          LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'warn',
        },
        onLine: process.env.CHAOS_VERBOSE
          ? (line) => process.stderr.write(`[${role}:${port}] ${line}\n`)
          : undefined,
      });
      const app = new AppProcess(role, port, managed);
      const running = role === 'worker' ? this.workers.filter((w) => w.running).length : 0;
      try {
        await waitUntilReady(
          managed,
          role === 'api'
            ? async () => (await fetch(`${app.baseUrl}/health/ready`)).status === 200
            : async () => (await this.deadlineQueue().getWorkersCount()) > running,
          START_TIMEOUT_MS,
          200,
        );
      } catch (error) {
        await managed.stop();
        if (attempt < 3 && /EADDRINUSE/.test(managed.output())) continue;
        throw error;
      }
      (role === 'api' ? this.apis : this.workers).push(app);
      return app;
    }
  }

  /**
   * The deadline queue as the test sees it (jobs, worker count), on a connection of its own.
   * Not to be used while Redis is stopped.
   */
  deadlineQueue(): Queue<DeadlineJobData> {
    if (!this.inspection) {
      this.inspection = new Queue<DeadlineJobData>(QueueName.Deadlines, {
        connection: { host: '127.0.0.1', port: this.redisPort, maxRetriesPerRequest: null },
        prefix: PREFIX,
      });
      // Refused connections while Redis is stopped are the point of some tests.
      this.inspection.on('error', () => undefined);
    }
    return this.inspection;
  }

  /** A plain Redis client of the test's own. */
  redisClient(): Redis {
    if (!this.inspectionRedis) {
      this.inspectionRedis = new Redis(this.redisUrl, { maxRetriesPerRequest: 1 });
      this.inspectionRedis.on('error', () => undefined);
    }
    return this.inspectionRedis;
  }

  /** Kills the redis-server: everything it held (it keeps nothing on disk) is gone. */
  async stopRedis(): Promise<void> {
    await this.redis.stop();
  }

  /** A fresh, empty redis-server on the same port. */
  async startRedis(): Promise<void> {
    this.redis = await startEmbeddedRedis({ port: this.redisPort });
  }

  /** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
  async eventually(what: string, check: () => Promise<boolean>, timeoutMs: number) {
    if (!(await waitFor(check, Date.now() + timeoutMs, 250))) {
      throw new Error(`${what}: not so after ${Math.round(timeoutMs / 1000)} s`);
    }
  }

  /** Stops every process and server and removes their files; safe to call after a failure. */
  async stop(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((app) => app.stop()));
    await this.inspection?.close().catch(() => undefined);
    this.inspectionRedis?.disconnect();
    await this.redis.stop().catch(() => undefined);
    await this.postgres.destroy();
    await rm(this.workDir, { recursive: true, force: true });
  }
}
