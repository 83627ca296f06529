import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { closeHearingRegistration, publishForHearing } from '../fixtures/hearings.js';
import { createBuyer, type TestBuyer } from '../fixtures/organisations.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app.js';

interface ListPage {
  items: { id: string; state: string }[];
  total: number;
  page: number;
  pageSize: number;
}

describe('lot lists: pages, totals, state filters and who sees drafts (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  let buyer: TestBuyer;
  let other: TestBuyer;
  /** Every lot's id, newest first as the lists order them. */
  let newestFirst: string[];

  async function programme(title: string): Promise<string> {
    const created = await t.http
      .post('/programmes')
      .auth(buyer.staffToken, { type: 'bearer' })
      .send({
        title,
        jurisdiction: 'KG',
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        currency: 'KGS',
        totalBudget: 2_000_000_000,
        profileId: 'kg-grant',
      })
      .expect(201);
    return created.body.id as string;
  }

  async function addLots(programmeId: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 1; index <= count; index += 1) {
      const created = await t.http
        .post(`/programmes/${programmeId}/lots`)
        .auth(buyer.staffToken, { type: 'bearer' })
        .send({
          number: `1.${index}`,
          theme: `Дневной центр для детей ${index}`,
          territories: [{ name: 'Ошская обл.', maxAmount: 50_000_000 }],
          durationMonths: 12,
        })
        .expect(201);
      ids.push(created.body.id as string);
    }
    return ids;
  }

  async function list(path: string, token?: string): Promise<ListPage> {
    const request = t.http.get(path);
    if (token) request.auth(token, { type: 'bearer' });
    return (await request.expect(200)).body as ListPage;
  }

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await t.login(t.adminEmail, ADMIN_PASSWORD);
    buyer = await createBuyer(t, adminToken);
    other = await createBuyer(t, adminToken, { name: 'Мэрия города Ош' });
    // Three lots go to a public hearing (one of them on to its discussion); 22 stay drafts.
    const heard = await addLots(await programme('Государственный социальный заказ на 2027 год'), 3);
    await addLots(await programme('Дополнительный социальный заказ на 2027 год'), 22);
    for (const lotId of heard) await publishForHearing(t, buyer, lotId);
    await closeHearingRegistration(t, heard[1]);
    const rows = await t.database.query<{ id: string }>(
      `SELECT id FROM lots ORDER BY created_at DESC, id ASC`,
    );
    newestFirst = rows.map((row) => row.id);
  });
  afterAll(async () => t.close());

  it('pages newest first with the exact total on full, short and empty pages', async () => {
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => list(`/lots?pageSize=10&page=${page}`, adminToken)),
    );
    expect(pages.map((page) => [page.items.length, page.total])).toEqual([
      [10, 25],
      [10, 25],
      [5, 25],
      [0, 25],
    ]);
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(newestFirst);
  });

  it('filters by a stage or a state within it, and by nothing that is only a prefix', async () => {
    const totals = async (...states: string[]) =>
      Promise.all(
        states.map(async (state) => (await list(`/lots?state=${state}`, adminToken)).total),
      );
    expect(
      await totals(
        'publicHearing',
        'publicHearing.registration',
        'publicHearing.discussion',
        'publicHear',
        'draft',
        'callForBids',
      ),
    ).toEqual([3, 2, 1, 0, 22, 0]);
    const discussion = await list('/lots?state=publicHearing.discussion', adminToken);
    expect(discussion.items.map((item) => item.state)).toEqual(['publicHearing.discussion']);
  });

  it('shows drafts to their buyer’s staff only: others and the public count without them', async () => {
    const own = await list('/lots?state=draft&pageSize=5&page=5', buyer.staffToken);
    expect([own.items.length, own.total]).toEqual([2, 22]);
    expect((await list('/lots', buyer.staffToken)).total).toBe(25);

    const seenByOther = await list('/lots', other.staffToken);
    expect(seenByOther.total).toBe(3);
    expect(seenByOther.items.every((item) => item.state.startsWith('publicHearing.'))).toBe(true);
    expect((await list('/lots?state=draft', other.staffToken)).total).toBe(0);

    const published = await list('/public/lots?pageSize=2&page=2');
    expect([published.items.length, published.total]).toEqual([1, 3]);
    expect((await list('/public/lots?state=publicHearing.registration')).total).toBe(2);
  });
});
