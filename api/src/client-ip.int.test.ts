import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../test/harness.ts';
import { queryRows } from '../test/sql-rows.ts';

// Issue 13, finding 2: the per-address sign-in code limit (SMS pumping) must not be dodged by a
// client that names its own address in X-Forwarded-For.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    env: { TRUST_PROXY: '127.0.0.1,10.0.0.0/8,::1', OTP_PER_IP_PER_HOUR: '3', OTP_PER_PHONE_PER_HOUR: '10' },
  });
});
afterAll(async () => {
  await t?.close();
});

const askCode = (peer: string, forwardedFor?: string) =>
  t.call('POST', '/api/v1/auth/otp', {
    json: { phone: t.freshPhone() },
    peer,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });

function countStatus(status: number, results: { status: number }[]) {
  return results.filter((r) => r.status === status).length;
}

describe('X-Forwarded-For and the per-address sign-in code limit', () => {
  it('an untrusted peer cannot become a new address per request', async () => {
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await askCode('203.0.113.7', `198.51.100.${i + 1}`));
    expect(countStatus(202, results)).toBe(3);
    expect(errorCode(results[3]!)).toBe('RATE_LIMITED');
    const rows = await queryRows<{ request_ip: string }>(
      t.db,
      sql`SELECT DISTINCT request_ip FROM sign_in_codes WHERE request_ip LIKE '198.51.100.%' OR request_ip = '203.0.113.7'`,
    );
    expect(rows).toEqual([{ request_ip: '203.0.113.7' }]);
  });

  it('a trusted proxy names its clients; a client writing the left of the header gains nothing', async () => {
    // Different visitors behind the storefront: each has its own allowance.
    for (let i = 0; i < 4; i++) expect((await askCode('127.0.0.1', `192.0.2.${i + 1}`)).status).toBe(202);
    // One visitor forging the left-most entry behind a load balancer (10.x) and the storefront.
    const forged = [];
    for (let i = 0; i < 5; i++) forged.push(await askCode('127.0.0.1', `1.2.3.${i}, 192.0.2.200, 10.0.0.4`));
    expect(countStatus(202, forged)).toBe(3);
    expect(errorCode(forged[3]!)).toBe('RATE_LIMITED');
    // IPv6 behind an IPv6 loopback proxy.
    expect((await askCode('::1', '2001:db8::42')).status).toBe(202);
    const rows = await queryRows<{ request_ip: string }>(
      t.db,
      sql`SELECT DISTINCT request_ip FROM sign_in_codes WHERE request_ip IN ('192.0.2.200', '2001:db8::42', '10.0.0.4', '127.0.0.1')`,
    );
    expect(rows.map((r) => r.request_ip).sort()).toEqual(['192.0.2.200', '2001:db8::42']);
  });
});
