import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createFarm, createListing } from '../../../test/listing-factories.ts';

const OPERATOR_PHONE = '+84919990001';

let t: TestApp;
let operator: { token: string };
beforeAll(async () => {
  t = await createTestApp({ env: { ADMIN_PHONES: '0919 990 001' } });
  operator = await t.signIn(OPERATOR_PHONE);
});
afterAll(async () => {
  await t.close();
});

const vietgap = (overrides: Record<string, unknown> = {}) => ({
  type: 'vietgap',
  certificateNumber: 'VietGAP-TT-12-03-19-0042',
  issuer: 'QUACERT',
  validFrom: '2026-01-01',
  validTo: '2028-12-31',
  ...overrides,
});

async function teamCertifications(sellerId: string, token: string) {
  const res = await t.call('GET', `/api/v1/sellers/${sellerId}/certifications`, { token });
  expect(res.status).toBe(200);
  return res.body.certifications as { id: string; isVerified: boolean }[];
}

describe('POST /sellers/:sellerId/certifications', () => {
  it('records a certificate awaiting verification (owner and managers)', async () => {
    const coop = await createCoop(t);
    const byOwner = await t.call('POST', `/api/v1/sellers/${coop.sellerId}/certifications`, {
      token: coop.owner.token,
      json: vietgap(),
    });
    expect(byOwner.status).toBe(201);
    expect(byOwner.body).toEqual({
      id: expect.stringMatching(/^crt_/),
      sellerId: coop.sellerId,
      type: 'vietgap',
      stars: null,
      certificateNumber: 'VietGAP-TT-12-03-19-0042',
      issuer: 'QUACERT',
      validFrom: '2026-01-01',
      validTo: '2028-12-31',
      isVerified: false,
      verifiedAt: null,
      createdAt: t.clock.now().toISOString(),
    });
    const byManager = await t.call('POST', `/api/v1/sellers/${coop.sellerId}/certifications`, {
      token: coop.manager.token,
      json: {
        type: 'ocop',
        stars: 4,
        certificateNumber: 'OCOP-TN-118',
        issuer: 'UBND tỉnh Thái Nguyên',
        validFrom: '2025-06-01',
        validTo: '2028-06-01',
      },
    });
    expect(byManager.status).toBe(201);
    expect(byManager.body.stars).toBe(4);
  });

  it('refuses staff, plain members, strangers (404) and anonymous callers (401)', async () => {
    const coop = await createCoop(t);
    const stranger = await t.signIn();
    for (const [token, status] of [
      [coop.staff.token, 404],
      [coop.member.token, 404],
      [stranger.token, 404],
      [undefined, 401],
    ] as const) {
      const res = await t.call('POST', `/api/v1/sellers/${coop.sellerId}/certifications`, { token, json: vietgap() });
      expect(res.status).toBe(status);
    }
    expect(await teamCertifications(coop.sellerId, coop.owner.token)).toEqual([]);
  });

  it.each([
    ['a self-declared verification', { verified: true }, 'verified'],
    ['isVerified', { isVerified: true }, 'isVerified'],
    ['OCOP without stars', { type: 'ocop' }, 'stars'],
    ['OCOP with 2 stars', { type: 'ocop', stars: 2 }, 'stars'],
    ['OCOP with 6 stars', { type: 'ocop', stars: 6 }, 'stars'],
    ['stars on VietGAP', { stars: 4 }, 'stars'],
    ['an unknown type', { type: 'iso9001' }, 'type'],
    ['validity ending before it starts', { validFrom: '2027-01-01', validTo: '2026-01-01' }, 'validTo'],
    ['a datetime instead of a date', { validFrom: '2026-01-01T00:00:00Z' }, 'validFrom'],
    ['a missing certificate number', { certificateNumber: undefined }, 'certificateNumber'],
  ])('refuses %s with 422, writing nothing', async (_label, overrides, path) => {
    const { owner, sellerId } = await createFarm(t);
    const res = await t.call('POST', `/api/v1/sellers/${sellerId}/certifications`, {
      token: owner.token,
      json: vietgap(overrides),
    });
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await teamCertifications(sellerId, owner.token)).toEqual([]);
  });

  it('refuses the same certificate twice (409)', async () => {
    const { owner, sellerId } = await createFarm(t);
    expect(
      (await t.call('POST', `/api/v1/sellers/${sellerId}/certifications`, { token: owner.token, json: vietgap() }))
        .status,
    ).toBe(201);
    const again = await t.call('POST', `/api/v1/sellers/${sellerId}/certifications`, {
      token: owner.token,
      json: vietgap(),
    });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('is 404 for an unknown seller', async () => {
    const { owner } = await createFarm(t);
    const res = await t.call('POST', '/api/v1/sellers/sel_nope/certifications', {
      token: owner.token,
      json: vietgap(),
    });
    expect(res.status).toBe(404);
  });
});

describe('POST /certifications/:certificationId/verify', () => {
  it('an operator verifies; only then does the badge show on listings and the seller', async () => {
    const { owner, sellerId } = await createFarm(t);
    const cert = await t.call('POST', `/api/v1/sellers/${sellerId}/certifications`, {
      token: owner.token,
      json: vietgap(),
    });
    const listing = await createListing(t, owner.token, sellerId, {
      status: 'active',
      stock: 5,
      certificationIds: [cert.body.id],
    });
    expect((await t.call('GET', `/api/v1/listings/${listing.id}`)).body.certifications).toEqual([]);
    expect((await t.call('GET', `/api/v1/sellers/${sellerId}/certifications`)).body.certifications).toEqual([]);

    const verified = await t.call('POST', `/api/v1/certifications/${cert.body.id}/verify`, { token: operator.token });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      id: cert.body.id,
      isVerified: true,
      verifiedAt: t.clock.now().toISOString(),
    });
    const shown = await t.call('GET', `/api/v1/listings/${listing.id}`);
    expect(shown.body.certifications).toEqual([verified.body]);
    expect((await t.call('GET', `/api/v1/sellers/${sellerId}/certifications`)).body.certifications).toEqual([
      verified.body,
    ]);

    // Verifying again keeps the first verification.
    t.clock.advance(60_000);
    const again = await t.call('POST', `/api/v1/certifications/${cert.body.id}/verify`, { token: operator.token });
    expect(again.body.verifiedAt).toBe(verified.body.verifiedAt);
  });

  it('anyone else gets 404, even the seller, and nothing changes', async () => {
    const { owner, sellerId } = await createFarm(t);
    const cert = await t.call('POST', `/api/v1/sellers/${sellerId}/certifications`, {
      token: owner.token,
      json: vietgap(),
    });
    const stranger = await t.signIn();
    for (const token of [owner.token, stranger.token]) {
      const res = await t.call('POST', `/api/v1/certifications/${cert.body.id}/verify`, { token });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    const anonymous = await t.call('POST', `/api/v1/certifications/${cert.body.id}/verify`);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(await teamCertifications(sellerId, owner.token)).toEqual([expect.objectContaining({ isVerified: false })]);
  });

  it('is 404 for an unknown certification, even for an operator', async () => {
    const res = await t.call('POST', '/api/v1/certifications/crt_nope/verify', { token: operator.token });
    expect(res.status).toBe(404);
  });

  it('stops showing a verified certificate once it has expired', async () => {
    const { owner, sellerId } = await createFarm(t);
    const cert = await t.call('POST', `/api/v1/sellers/${sellerId}/certifications`, {
      token: owner.token,
      json: vietgap({ certificateNumber: 'VG-SHORT', validFrom: '2026-01-01', validTo: '2026-11-28' }),
    });
    await t.call('POST', `/api/v1/certifications/${cert.body.id}/verify`, { token: operator.token });
    const publicList = () => t.call('GET', `/api/v1/sellers/${sellerId}/certifications`);
    expect((await publicList()).body.certifications).toHaveLength(1);
    t.clock.advance(2 * 86_400_000);
    try {
      expect((await publicList()).body.certifications).toEqual([]);
      // The seller still sees it, marked verified, to know it needs renewing.
      expect(await teamCertifications(sellerId, owner.token)).toEqual([expect.objectContaining({ isVerified: true })]);
    } finally {
      t.clock.advance(-2 * 86_400_000);
    }
  });
});
