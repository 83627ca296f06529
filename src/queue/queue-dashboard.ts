import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { JwtService } from '@nestjs/jwt';
import type { Queue } from 'bullmq';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { createHmac, randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { authError } from '../auth/auth.errors.js';
import { AuthService, type AccessTokenClaims } from '../auth/auth.service.js';
import { ProblemFilter } from '../common/problem.filter.js';
import { ProblemException } from '../common/problem.js';
import { Environment } from '../config/environment.js';
import { Runtime } from '../config/runtime.js';
import { DeadlineQueues } from '../deadlines/deadline-queues.js';
import { NotificationQueues } from '../notifications/notification-queues.js';
import { QueueName } from './queues.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** Holds a dashboard session (not an access token): a browser cannot send a bearer header. */
export const QUEUE_DASHBOARD_COOKIE = 'soczakaz_queue_session';
const SESSION_AUDIENCE = 'queue-dashboard';
const REQUEST_ID = /^[\w.-]{1,100}$/;

type DashboardRequest = Request & { id?: string };

/**
 * Who may see the dashboard: platform admins, by access token (Authorization: Bearer) or by the
 * session cookie that `POST /admin/queues/session` sets from one. The session is signed with a
 * key derived from the JWT secret, so it opens only the dashboard and never passes as an API
 * token; every request reloads the user, so a revoked admin loses the dashboard at once.
 */
class QueueDashboardAccess {
  private readonly sessionKey: string;
  private readonly problems = new ProblemFilter();

  constructor(
    private readonly jwt: JwtService,
    private readonly auth: AuthService,
    private readonly environment: Environment,
    runtime: Runtime,
  ) {
    this.sessionKey = createHmac('sha256', runtime.jwtSecret)
      .update('queue-dashboard-session')
      .digest('hex');
  }

  /** Answers the session routes itself; lets an admin through to the board; else problem+json. */
  readonly guard = (request: DashboardRequest, response: Response, next: NextFunction): void => {
    // Nest's request-id middleware runs after this one: keep its promise of an id on every answer.
    const given = request.headers['x-request-id'];
    request.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    response.setHeader('x-request-id', request.id);
    const handled =
      request.path === '/session' ? this.session(request, response) : this.admit(request, next);
    handled.catch((error: unknown) => {
      this.problems.catch(error, new ExecutionContextHost([request, response, next]));
    });
  };

  private async admit(request: Request, next: NextFunction): Promise<void> {
    await this.authenticate(request);
    next();
  }

  /** The admin behind the request's access token, or else behind its session cookie. */
  private async authenticate(request: Request): Promise<Actor> {
    const bearer = this.bearerOf(request);
    if (bearer !== undefined) return this.adminOf(await this.verify(bearer));
    const session = this.cookieOf(request);
    if (session === undefined) {
      throw authError.unauthenticated(
        'An access token is required: Authorization: Bearer <token>, or the session cookie ' +
          `from POST ${QUEUE_DASHBOARD_PATH}/session`,
      );
    }
    return this.adminOf(
      await this.verify(session, { secret: this.sessionKey, audience: SESSION_AUDIENCE }),
    );
  }

  /**
   * POST sets the cookie from an admin's access token, for as long as the token lives; DELETE
   * (by an admin, with either) clears it.
   */
  private async session(request: Request, response: Response): Promise<void> {
    const cookie = {
      httpOnly: true,
      sameSite: 'strict' as const,
      path: QUEUE_DASHBOARD_PATH,
      secure: request.secure || this.environment.NODE_ENV === 'production',
    };
    if (request.method === 'DELETE') {
      await this.authenticate(request);
      response.clearCookie(QUEUE_DASHBOARD_COOKIE, cookie).status(204).end();
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST, DELETE');
      throw new ProblemException(
        405,
        'method-not-allowed',
        `${request.method} is not allowed here`,
      );
    }
    const bearer = this.bearerOf(request);
    if (bearer === undefined) {
      throw authError.unauthenticated('An access token is required: Authorization: Bearer <token>');
    }
    const claims = await this.verify(bearer);
    const actor = await this.adminOf(claims);
    const seconds = Math.max(1, (claims.exp ?? 0) - Math.floor(Date.now() / 1000));
    const session = await this.jwt.signAsync(
      { sub: actor.userId },
      { secret: this.sessionKey, audience: SESSION_AUDIENCE, expiresIn: seconds },
    );
    response
      .cookie(QUEUE_DASHBOARD_COOKIE, session, { ...cookie, maxAge: seconds * 1000 })
      .status(204)
      .end();
  }

  private bearerOf(request: Request): string | undefined {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
  }

  private cookieOf(request: Request): string | undefined {
    for (const pair of (request.headers.cookie ?? '').split(';')) {
      const [name, ...value] = pair.trim().split('=');
      if (name === QUEUE_DASHBOARD_COOKIE && value.length > 0) return value.join('=');
    }
    return undefined;
  }

  private async verify(
    token: string,
    options: { secret?: string; audience?: string } = {},
  ): Promise<AccessTokenClaims & { exp?: number }> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token, {
        algorithms: ['HS256'],
        ...options,
      });
      if (typeof claims.sub === 'string') return claims;
    } catch {
      // Any failure reads the same to the caller.
    }
    throw authError.unauthenticated('The access token or session is invalid or expired');
  }

  private async adminOf(claims: AccessTokenClaims): Promise<Actor> {
    const actor = await this.auth.actorOf(claims.sub);
    if (!actor) throw authError.unauthenticated('The account no longer exists or is deactivated');
    if (!actor.hasRole('admin')) throw authError.roleRequired(['admin']);
    return actor;
  }
}

type BoardOptions = Parameters<typeof createBullBoard>[0];

/** Every queue of the service, as the HTTP app's providers opened them. */
function queuesOf(app: INestApplication): Queue[] {
  const deadlines = app.get(DeadlineQueues);
  const notifications = app.get(NotificationQueues);
  const queues: Queue[] = [
    deadlines.deadlines,
    deadlines.maintenance,
    notifications.notifications,
    notifications.webhooks,
  ];
  const missing = Object.values(QueueName).filter((name) => !queues.some((q) => q.name === name));
  if (missing.length > 0)
    throw new Error(`The queue dashboard lacks queue(s) ${missing.join(', ')}`);
  return queues;
}

/**
 * The bull-board dashboard at /admin/queues, for admins only. It is a plain Express app, outside
 * Nest's routes and their global guard, so it brings its own check. Mounted before `init()`,
 * ahead of Nest's not-found handler.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const board = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queuesOf(app).map((queue) => new BullMQAdapter(queue)),
    // @bull-board/express 9.10.1 types itself against its own copy of @bull-board/api 9.10.1;
    // the adapter only relays the routes and UI of the api (9.10.2) that builds the board.
    serverAdapter: board as unknown as BoardOptions['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Soczakaz queues' } },
  });
  const boardApp = board.getRouter() as Express;
  // Helmet removed the header already; the board's own Express app would put it back.
  boardApp.disable('x-powered-by');
  const access = new QueueDashboardAccess(
    app.get(JwtService),
    app.get(AuthService),
    app.get(Environment),
    app.get(Runtime),
  );
  app.use(QUEUE_DASHBOARD_PATH, access.guard as RequestHandler, boardApp);
}

/** The session routes in the OpenAPI document, so that an admin can open one from /docs. */
export const queueDashboardOpenApiPaths = {
  [`${QUEUE_DASHBOARD_PATH}/session`]: {
    post: {
      tags: ['operations'],
      summary: 'Open a queue dashboard session',
      description:
        `Admins only. Sets an HttpOnly, SameSite=Strict cookie for ${QUEUE_DASHBOARD_PATH} ` +
        'from the access token (it lives as long as the token), so that a browser can open ' +
        `the dashboard at ${QUEUE_DASHBOARD_PATH}.`,
      security: [{ bearer: [] }],
      responses: {
        204: { description: 'Session cookie set' },
        401: problemResponse('No valid access token'),
        403: problemResponse('Not an admin'),
      },
    },
    delete: {
      tags: ['operations'],
      summary: 'Close the queue dashboard session',
      description: 'Admins only, by access token or by the session cookie itself.',
      security: [{ bearer: [] }],
      responses: {
        204: { description: 'Session cookie cleared' },
        401: problemResponse('No valid access token or session'),
        403: problemResponse('Not an admin'),
      },
    },
  },
};

function problemResponse(description: string) {
  return {
    description,
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
    },
  };
}
