import { ANNOUNCEMENT } from '../../fixtures/calls.js';
import { uniqueEmail } from '../../fixtures/test-services.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './chaos-stack.js';

export interface Reply {
  status: number;
  // Whatever JSON the API answered; the tests read the fields they assert on.
  body: Record<string, unknown>;
  contentType: string;
}

export interface Call {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP request to an app process by its base URL. */
export async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  { token, body, headers = {} }: Call = {},
): Promise<Reply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return {
    status: response.status,
    body: parsed,
    contentType: response.headers.get('content-type') ?? '',
  };
}

/** The request answered as expected, or an error naming what it answered instead. */
async function expectStatus(reply: Promise<Reply>, status: number, what: string): Promise<Reply> {
  const answered = await reply;
  if (answered.status !== status) {
    throw new Error(`${what}: ${answered.status} ${JSON.stringify(answered.body)}`);
  }
  return answered;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const reply = await expectStatus(
    call(baseUrl, 'POST', '/auth/login', { body: { email, password } }),
    200,
    `login ${email}`,
  );
  return reply.body.accessToken as string;
}

export interface Buyer {
  id: string;
  programmeId: string;
  /** Signed-in buyer_staff members, one per concurrent client if the test wants. */
  staff: { userId: string; token: string }[];
}

/**
 * A Ukrainian buyer (UA profile: no hearing, the call opens from draft, two applications
 * needed) with `staffCount` staff members signed in and a programme to add lots to.
 */
export async function createUaBuyer(baseUrl: string, staffCount = 1): Promise<Buyer> {
  const admin = await login(baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
  const buyer = await expectStatus(
    call(baseUrl, 'POST', '/organisations', {
      token: admin,
      body: {
        kind: 'buyer',
        name: 'Кропивницький міський центр соціальних служб',
        country: 'UA',
        timeZone: 'Europe/Kyiv',
      },
    }),
    201,
    'create the buyer',
  );
  const buyerId = buyer.body.id as string;
  const staff: Buyer['staff'] = [];
  for (let index = 0; index < staffCount; index++) {
    const member = await expectStatus(
      call(baseUrl, 'POST', `/organisations/${buyerId}/members`, {
        token: admin,
        body: { email: uniqueEmail('staff'), fullName: `Staff ${index + 1}`, role: 'buyer_staff' },
      }),
      201,
      'add a staff member',
    );
    staff.push({
      userId: member.body.id as string,
      token: await login(
        baseUrl,
        member.body.email as string,
        member.body.initialPassword as string,
      ),
    });
  }
  const programme = await expectStatus(
    call(baseUrl, 'POST', '/programmes', {
      token: staff[0].token,
      body: {
        title: 'Соціальне замовлення 2026',
        jurisdiction: 'UA',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        currency: 'UAH',
        totalBudget: 50_000_000_000,
        profileId: 'ua-competition',
      },
    }),
    201,
    'create the programme',
  );
  return { id: buyerId, programmeId: programme.body.id as string, staff };
}

/** A lot with its call open (OPEN_CALL over HTTP): version 2, its callClose deadline armed. */
export async function openLot(
  baseUrl: string,
  buyer: Buyer,
  number: string,
  callPeriodDays = 30,
): Promise<string> {
  const token = buyer.staff[0].token;
  const lot = await expectStatus(
    call(baseUrl, 'POST', `/programmes/${buyer.programmeId}/lots`, {
      token,
      body: {
        number,
        theme: `Соціальна профілактика ${number}`,
        territories: [{ name: 'Кропивницький', maxAmount: 22_999_980 }],
        durationMonths: 12,
      },
    }),
    201,
    `create lot ${number}`,
  );
  const lotId = lot.body.id as string;
  await expectStatus(
    call(baseUrl, 'POST', `/lots/${lotId}/call`, {
      token,
      body: { ...ANNOUNCEMENT, callPeriodDays },
    }),
    201,
    `open the call of lot ${number}`,
  );
  return lotId;
}

/** An amendment that always changes something (the description names the request). */
export function amendment(
  baseUrl: string,
  token: string,
  lotId: string,
  note: string,
  version?: number,
) {
  return call(baseUrl, 'POST', `/lots/${lotId}/call/amendments`, {
    token,
    body: { note, changes: { description: `Amended: ${note}` } },
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });
}

/** CANCEL through the generic event endpoint; the reason names the request. */
export function cancellation(
  baseUrl: string,
  token: string,
  lotId: string,
  reason: string,
  version?: number,
) {
  return call(baseUrl, 'POST', `/lots/${lotId}/events`, {
    token,
    body: { type: 'CANCEL', payload: { reason } },
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });
}
