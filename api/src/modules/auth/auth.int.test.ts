import { schema } from '@nongsan/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;
const otp = (phone: unknown, ip = freshIp()) =>
  t.call('POST', '/api/v1/auth/otp', { json: { phone }, headers: { 'x-forwarded-for': ip } });
const verify = (body: Record<string, unknown>) => t.call('POST', '/api/v1/auth/verify', { json: body });

describe('POST /auth/otp', () => {
  it.each([['0912 345 678'], ['0912.345.678'], ['+84 912 345 678'], ['84912345678']])(
    'accepts %s and sends the code to +84912345678',
    async (typed) => {
      const before = t.sent.length;
      const res = await otp(typed);
      expect(res.status).toBe(202);
      expect(res.body.devCode).toMatch(/^\d{6}$/);
      expect(res.body.expiresInSeconds).toBe(300);
      expect(t.sent.slice(before)).toEqual([{ to: '+84912345678', text: expect.stringContaining(res.body.devCode) }]);
      // Start each case with a fresh hour so the per-phone limit does not interfere.
      t.clock.advance(3600_000);
    },
  );

  it.each([['12345'], ['0212 345 678'], ['+1 415 555 0100'], ['abc'], [''], [912345678], [null]])(
    'refuses %s with VALIDATION_FAILED naming phone',
    async (bad) => {
      const res = await otp(bad);
      expect(res.status).toBe(422);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'phone' })]));
    },
  );

  it('refuses missing and unknown fields', async () => {
    const missing = await t.call('POST', '/api/v1/auth/otp', { json: {} });
    expect(missing.status).toBe(422);
    const unknown = await t.call('POST', '/api/v1/auth/otp', { json: { phone: '0912345678', admin: true } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'admin', code: 'unrecognized_key' })]);
  });

  it('answers the same for a phone with and without an account', async () => {
    const existing = await t.signIn();
    const a = await otp(existing.phone);
    const b = await otp(t.freshPhone());
    expect(a.status).toBe(b.status);
    expect(Object.keys(a.body).sort()).toEqual(Object.keys(b.body).sort());
  });

  it('sends at most 3 codes per phone per hour, then 429 with Retry-After', async () => {
    const phone = t.freshPhone();
    for (let i = 0; i < 3; i++) expect((await otp(phone)).status).toBe(202);
    const limited = await otp(phone);
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    t.clock.advance(retryAfter * 1000);
    expect((await otp(phone)).status).toBe(202);
  });

  it('limits codes per client address across phones', async () => {
    const limited = await createTestApp({ env: { OTP_PER_IP_PER_HOUR: '5' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await limited.call('POST', '/api/v1/auth/otp', {
          json: { phone: limited.freshPhone() },
          headers: { 'x-forwarded-for': '198.51.100.7' },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      const other = await limited.call('POST', '/api/v1/auth/otp', {
        json: { phone: limited.freshPhone() },
        headers: { 'x-forwarded-for': '198.51.100.8' },
      });
      expect(other.status).toBe(202);
    } finally {
      await limited.close();
    }
  });

  it('stores codes hashed', async () => {
    const phone = t.freshPhone();
    const res = await otp(phone);
    const rows = await t.db.select().from(schema.signInCodes).where(eq(schema.signInCodes.phone, phone));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.codeHash).not.toContain(res.body.devCode);
  });
});

describe('POST /auth/verify', () => {
  it('signs a new user in: token, cookie, user with E.164 phone', async () => {
    const sent = await otp('0987 654 321');
    const res = await verify({ phone: '0987654321', code: sent.body.devCode, name: 'Chị Hoa' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ phone: '+84987654321', name: 'Chị Hoa' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`ns_session=${res.body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const me = await t.call('GET', '/api/v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { phone: '+84987654321' }, sellers: [], isOperator: false });
  });

  it('accepts the session cookie as well as the bearer header', async () => {
    const { token } = await t.signIn();
    const me = await t.call('GET', '/api/v1/me', { headers: { cookie: `ns_session=${token}` } });
    expect(me.status).toBe(200);
  });

  it('is single use', async () => {
    const phone = t.freshPhone();
    const sent = await otp(phone);
    expect((await verify({ phone, code: sent.body.devCode })).status).toBe(200);
    const again = await verify({ phone, code: sent.body.devCode });
    expect(again.status).toBe(422);
    expect(errorCode(again)).toBe('INVALID_CODE');
  });

  it('lets one of two concurrent verifications of the same code win', async () => {
    const phone = t.freshPhone();
    const sent = await otp(phone);
    const results = await Promise.all([
      verify({ phone, code: sent.body.devCode }),
      verify({ phone, code: sent.body.devCode }),
      verify({ phone, code: sent.body.devCode }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422, 422]);
  });

  it('expires after five minutes', async () => {
    const phone = t.freshPhone();
    const sent = await otp(phone);
    t.clock.advance(5 * 60_000);
    const res = await verify({ phone, code: sent.body.devCode });
    expect(errorCode(res)).toBe('INVALID_CODE');
  });

  it('dies after five wrong tries, even for the right code', async () => {
    const phone = t.freshPhone();
    const sent = await otp(phone);
    const wrong = sent.body.devCode === '000000' ? '111111' : '000000';
    const left: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await verify({ phone, code: wrong });
      expect(errorCode(res)).toBe('INVALID_CODE');
      left.push(res.body.error.details.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const right = await verify({ phone, code: sent.body.devCode });
    expect(errorCode(right)).toBe('INVALID_CODE');
  });

  it('only the newest code counts', async () => {
    const phone = t.freshPhone();
    const first = await otp(phone);
    t.clock.advance(1000);
    const second = await otp(phone);
    if (first.body.devCode !== second.body.devCode) {
      expect(errorCode(await verify({ phone, code: first.body.devCode }))).toBe('INVALID_CODE');
    }
    expect((await verify({ phone, code: second.body.devCode })).status).toBe(200);
  });

  it('refuses a phone that never asked for a code without saying so', async () => {
    const res = await verify({ phone: t.freshPhone(), code: '123456' });
    expect(errorCode(res)).toBe('INVALID_CODE');
  });

  it.each([
    [{ phone: '0912345678' }],
    [{ phone: '0912345678', code: '12345' }],
    [{ phone: '0912345678', code: 123456 }],
    [{ phone: 'x', code: '123456' }],
    [{ phone: '0912345678', code: '123456', role: 'admin' }],
  ])('refuses bad input %j with VALIDATION_FAILED', async (body) => {
    const res = await verify(body);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });

  it('keeps an existing name when signing in again with another', async () => {
    const phone = t.freshPhone();
    await t.signIn(phone, 'Anh Minh');
    const sent = await otp(phone);
    const again = await verify({ phone, code: sent.body.devCode, name: 'Someone Else' });
    expect(again.body.user.name).toBe('Anh Minh');
  });
});

describe('sessions', () => {
  it('logout revokes the token', async () => {
    const { token } = await t.signIn();
    const out = await t.call('POST', '/api/v1/auth/logout', { token });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/ns_session=;/);
    const me = await t.call('GET', '/api/v1/me', { token });
    expect(me.status).toBe(401);
    expect(errorCode(me)).toBe('UNAUTHENTICATED');
  });

  it('expire after their lifetime', async () => {
    const { token } = await t.signIn();
    t.clock.advance(31 * 24 * 3600_000);
    expect((await t.call('GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('refuse anonymous and forged tokens', async () => {
    expect(errorCode(await t.call('GET', '/api/v1/me'))).toBe('UNAUTHENTICATED');
    expect((await t.call('GET', '/api/v1/me', { token: 'A'.repeat(43) })).status).toBe(401);
    expect((await t.call('POST', '/api/v1/auth/logout')).status).toBe(401);
  });

  it('marks operators from ADMIN_PHONES in any typed form', async () => {
    const ops = await createTestApp({ env: { ADMIN_PHONES: '0911 111 111, 0922.222.222' } });
    try {
      const { token } = await ops.signIn('+84922222222');
      expect((await ops.call('GET', '/api/v1/me', { token })).body.isOperator).toBe(true);
      const other = await ops.signIn();
      expect((await ops.call('GET', '/api/v1/me', { token: other.token })).body.isOperator).toBe(false);
    } finally {
      await ops.close();
    }
  });
});
