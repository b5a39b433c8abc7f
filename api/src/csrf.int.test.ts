import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallResult, createTestApp, errorCode, type TestApp } from '../test/harness.ts';
import { createCoop, createFarm, listingBody, makePhoto } from '../test/listing-factories.ts';
import { orderBody, placeOrder } from '../test/order-factories.ts';
import { OPERATOR_PHONE, operatorEnv } from '../test/payment-factories.ts';
import { queryRows } from '../test/sql-rows.ts';

// Cross-site request forgery (issue 13, decision 0021): a request signed in by the ns_session
// cookie that changes anything must come from the storefront's own origin.

const STOREFRONT = 'https://cho.nongsan.example';
/** The storefront's ORIGIN when it differs from PUBLIC_WEB_URL: accepted too. */
const STOREFRONT_ALIAS = 'https://nongsan.example';
/** Another port of the same host, a sibling subdomain, another site: SameSite=Lax lets the first two through. */
const FOREIGN = [
  'https://cho.nongsan.example:8443',
  'https://evil.nongsan.example',
  'https://attacker.example',
  'null',
];

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ env: { ...operatorEnv, PUBLIC_WEB_URL: `${STOREFRONT}/`, ORIGIN: STOREFRONT_ALIAS } });
});
afterAll(async () => {
  await t?.close();
});

type Send = { body?: string | FormData | Uint8Array; contentType?: string };

/** A request the way a browser sends it: the session cookie, and whatever Origin its page had. */
function withCookie(
  method: string,
  path: string,
  token: string,
  send: Send,
  browser: { origin?: string; fetchSite?: string },
): Promise<CallResult> {
  const headers: Record<string, string> = { cookie: `ns_session=${token}` };
  if (browser.origin !== undefined) headers.origin = browser.origin;
  if (browser.fetchSite !== undefined) headers['sec-fetch-site'] = browser.fetchSite;
  if (send.contentType) headers['content-type'] = send.contentType;
  return t.call(method, path, { headers, ...(send.body === undefined ? {} : { body: send.body }) });
}

/** Every row of every table: a refused request must leave all of it as it was. */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = await queryRows<{ tablename: string }>(
    t.db,
    sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await queryRows<{ digest: string }>(
      t.db,
      sql`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS digest FROM ${sql.identifier(tablename)} x`,
    );
    out[tablename] = row?.digest ?? '';
  }
  return out;
}

async function statementForm(): Promise<FormData> {
  const form = new FormData();
  form.append(
    'file',
    new Blob(['STT,Ngày,Số tiền ghi có,Nội dung\n1,01/12/2026,50000,NS000001\n'], { type: 'text/csv' }),
    's.csv',
  );
  return form;
}

describe('cross-site requests with the session cookie', () => {
  it('refuses each kind (no body, text/plain, JSON, forms) on routes of every module, and changes nothing', async () => {
    const farm = await createFarm(t);
    const coop = await createCoop(t);
    const operator = await t.signIn(OPERATOR_PHONE);
    const buyer = await t.signIn();
    const newcomer = await t.signIn();
    const listing = await t.call('POST', '/api/v1/listings', {
      token: farm.owner.token,
      json: listingBody(farm.sellerId, { status: 'active', priceVnd: 40_000, stock: 10 }),
    });
    expect(listing.status).toBe(201);
    const order = await placeOrder(t, buyer.token, orderBody([{ listingId: listing.body.id, quantity: 1 }]));
    const fulfilmentId = order.fulfilments[0]!.id;
    const photo = new FormData();
    photo.append('file', new Blob([new Uint8Array(await makePhoto(400, 300))], { type: 'image/jpeg' }), 'p.jpg');
    const urlencoded = new URLSearchParams({ sellerId: farm.sellerId, title: 'Chè', priceVnd: '1' }).toString();

    const cases: { module: string; method: string; path: string; token: string; send: Send }[] = [
      { module: 'auth', method: 'POST', path: '/api/v1/auth/logout', token: buyer.token, send: {} },
      {
        module: 'sellers',
        method: 'POST',
        path: '/api/v1/sellers',
        token: newcomer.token,
        send: {
          body: JSON.stringify({ kind: 'farmer', name: 'Trại giả', province: 'Hà Nội' }),
          contentType: 'application/json',
        },
      },
      {
        module: 'sellers',
        method: 'PATCH',
        path: `/api/v1/sellers/${farm.sellerId}`,
        token: farm.owner.token,
        send: { body: JSON.stringify({ name: 'Đã bị đổi' }), contentType: 'text/plain' },
      },
      {
        module: 'listings',
        method: 'POST',
        path: '/api/v1/listings',
        token: farm.owner.token,
        send: { body: urlencoded, contentType: 'application/x-www-form-urlencoded' },
      },
      {
        module: 'listings',
        method: 'DELETE',
        path: `/api/v1/listings/${listing.body.id}`,
        token: farm.owner.token,
        send: {},
      },
      { module: 'media', method: 'POST', path: '/api/v1/media', token: farm.owner.token, send: { body: photo } },
      {
        module: 'inventory',
        method: 'POST',
        path: `/api/v1/listings/${listing.body.id}/lots`,
        token: farm.owner.token,
        send: { body: JSON.stringify({ quantity: 5 }), contentType: 'application/json' },
      },
      {
        module: 'cooperatives',
        method: 'POST',
        path: `/api/v1/cooperatives/${coop.sellerId}/members/${coop.member.memberId}/deactivate`,
        token: coop.owner.token,
        send: {},
      },
      {
        module: 'cooperatives',
        method: 'POST',
        path: `/api/v1/cooperatives/${coop.sellerId}/stock.csv?mode=apply`,
        token: coop.manager.token,
        send: { body: `listing_id,quantity,row_ref\n${listing.body.id},5,r1\n`, contentType: 'text/plain' },
      },
      {
        module: 'orders',
        method: 'POST',
        path: `/api/v1/fulfilments/${fulfilmentId}/confirm`,
        token: farm.owner.token,
        send: {},
      },
      { module: 'orders', method: 'POST', path: `/api/v1/orders/${order.id}/cancel`, token: buyer.token, send: {} },
      {
        module: 'payments',
        method: 'POST',
        path: '/api/v1/payments/bank-statements?mode=apply',
        token: operator.token,
        send: { body: 'STT,Số tiền ghi có,Nội dung\n1,40000,NS1\n', contentType: 'text/plain' },
      },
      {
        module: 'payments',
        method: 'POST',
        path: '/api/v1/payments/bank-statements?mode=apply',
        token: operator.token,
        send: { body: await statementForm() },
      },
      {
        module: 'payments',
        method: 'PUT',
        path: `/api/v1/sellers/${farm.sellerId}/bank-account`,
        token: farm.owner.token,
        send: {
          body: JSON.stringify({ bankBin: '970436', accountNumber: '0123456789', accountName: 'NGUYEN VAN A' }),
          contentType: 'application/json',
        },
      },
    ];

    const before = await fingerprint();
    for (const c of cases) {
      for (const origin of FOREIGN) {
        for (const fetchSite of ['same-site', 'cross-site', undefined]) {
          const res = await withCookie(c.method, c.path, c.token, c.send, {
            origin,
            ...(fetchSite ? { fetchSite } : {}),
          });
          expect(res.status, `${c.module} ${c.method} ${c.path} from ${origin} (${fetchSite})`).toBe(403);
          expect(errorCode(res)).toBe('CSRF');
        }
      }
      // No Origin and no Sec-Fetch-Site: not provably the storefront either.
      const bare = await withCookie(c.method, c.path, c.token, c.send, {});
      expect(bare.status, `${c.method} ${c.path} with neither header`).toBe(403);
    }
    expect(await fingerprint()).toEqual(before);
    // The refused logout left the session alive.
    expect((await t.call('GET', '/api/v1/me', { headers: { cookie: `ns_session=${buyer.token}` } })).status).toBe(200);

    // The storefront's own pages pass the check: the confirm happens now (so it had not before).
    const confirmed = await withCookie(
      'POST',
      `/api/v1/fulfilments/${fulfilmentId}/confirm`,
      farm.owner.token,
      {},
      {
        origin: STOREFRONT,
      },
    );
    expect(confirmed.status).toBe(200);
    const created = await withCookie(
      'POST',
      '/api/v1/sellers',
      newcomer.token,
      {
        body: JSON.stringify({ kind: 'farmer', name: 'Trại thật', province: 'Hà Nội' }),
        contentType: 'application/json',
      },
      { origin: STOREFRONT_ALIAS },
    );
    expect(created.status).toBe(201);
    const deactivated = await withCookie(
      'POST',
      `/api/v1/cooperatives/${coop.sellerId}/members/${coop.member.memberId}/deactivate`,
      coop.owner.token,
      {},
      { fetchSite: 'same-origin' },
    );
    expect(deactivated.status).toBe(200);
    // CSV sent as text/plain from the storefront's origin: past the CSRF check, refused as 415.
    const plainCsv = await withCookie(
      'POST',
      `/api/v1/cooperatives/${coop.sellerId}/stock.csv?mode=apply`,
      coop.manager.token,
      { body: 'listing_id,quantity\n', contentType: 'text/plain' },
      { origin: STOREFRONT },
    );
    expect(plainCsv.status).toBe(415);
    const plainStatement = await withCookie(
      'POST',
      '/api/v1/payments/bank-statements?mode=apply',
      operator.token,
      { body: 'STT\n', contentType: 'text/plain' },
      { origin: STOREFRONT },
    );
    expect(plainStatement.status).toBe(415);
    expect(errorCode(plainStatement)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('leaves Bearer requests and safe methods alone, whatever the Origin', async () => {
    const farm = await createFarm(t);
    const listing = await t.call('POST', '/api/v1/listings', {
      token: farm.owner.token,
      json: listingBody(farm.sellerId),
      headers: { origin: 'https://attacker.example', cookie: `ns_session=${farm.owner.token}` },
    });
    expect(listing.status).toBe(201);
    const read = await t.call('GET', `/api/v1/listings/${listing.body.id}`, {
      headers: { origin: 'https://attacker.example', cookie: `ns_session=${farm.owner.token}` },
    });
    expect(read.status).toBe(200);
  });

  it('refuses sign-in from a foreign page even without a cookie (login CSRF, SMS from other sites)', async () => {
    const phone = t.freshPhone();
    const otp = await t.call('POST', '/api/v1/auth/otp', {
      json: { phone },
      headers: { origin: 'https://attacker.example', 'x-forwarded-for': '10.200.0.1' },
    });
    expect(otp.status).toBe(403);
    expect(errorCode(otp)).toBe('CSRF');
    expect(t.sent.filter((m) => m.to === phone)).toEqual([]);
  });

  it('checks the whole route table: every non-GET route, cookie + foreign Origin -> 403 CSRF', async () => {
    const user = await t.signIn();
    const doc = await t.call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    const operations: [string, string][] = [];
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.body.paths)) {
      for (const method of Object.keys(item)) {
        if (['get', 'head', 'options', 'parameters', 'summary', 'description', 'servers'].includes(method)) continue;
        operations.push([method.toUpperCase(), path.replace(/\{[^}]+\}/g, 'x_1')]);
      }
    }
    // The document lists the mutating routes of every module (35 today): a route table that shrank
    // to nothing would make this test pass vacuously.
    expect(operations.length).toBeGreaterThan(30);
    const before = await fingerprint();
    for (const [method, path] of operations) {
      for (const send of [
        {},
        { body: '{}', contentType: 'application/json' },
        { body: 'a=b', contentType: 'text/plain' },
      ]) {
        const res = await withCookie(method, path, user.token, send, { origin: 'https://attacker.example' });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(errorCode(res)).toBe('CSRF');
      }
    }
    expect(await fingerprint()).toEqual(before);
  });
});
