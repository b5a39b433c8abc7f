import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const search = (query: Record<string, string>) => t.call('GET', `/api/v1/communes?${new URLSearchParams(query)}`);

describe('GET /communes', () => {
  it('finds a commune typed without diacritics or with an abbreviated kind, publicly and cacheably', async () => {
    for (const q of ['phan dinh phung', 'p phan đình phùng']) {
      const res = await search({ q });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(res.body.communes[0]).toEqual({
        code: '05443',
        name: 'Phường Phan Đình Phùng',
        kind: 'phuong',
        province: { id: 'thai-nguyen', name: 'Thái Nguyên' },
        matchedFormer: null,
      });
    }
  });

  it('finds the unit a former commune went into, and each unit of a split one', async () => {
    const tienHoi = await search({ q: 'xã Tiên Hội' });
    expect(tienHoi.body.communes).toEqual([
      expect.objectContaining({
        code: '05818',
        name: 'Xã La Bằng',
        matchedFormer: { name: 'Xã Tiên Hội', isWhole: true },
      }),
    ]);
    const kimMa = await search({ q: 'phuong kim ma' });
    expect(kimMa.body.communes.map((c: { name: string }) => c.name)).toEqual([
      'Phường Ba Đình',
      'Phường Giảng Võ',
      'Phường Ngọc Hà',
    ]);
    expect(kimMa.body.communes.every((c: { matchedFormer: { isWhole: boolean } }) => !c.matchedFormer.isWhole)).toBe(
      true,
    );
  });

  it('filters by a province typed by its former name, and limits the answer', async () => {
    const res = await search({ q: 'tien hoi', province: 'Bắc Kạn' });
    expect(res.body.communes.map((c: { code: string }) => c.code)).toEqual(['05818']);
    expect((await search({ q: 'la bang', province: 'ha-noi' })).body.communes).toEqual([]);
    expect((await search({ q: 'x', limit: '3' })).body.communes).toHaveLength(3);
    expect((await search({ q: '' })).body).toEqual({ communes: [] });
  });

  it('refuses bad input with 422 naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ q: 'a', province: 'Atlantis' }, 'province'],
      [{ q: 'a', limit: '0' }, 'limit'],
      [{ q: 'a', limit: '21' }, 'limit'],
      [{ q: 'a', limit: 'ten' }, 'limit'],
      [{ q: 'x'.repeat(121) }, 'q'],
      [{ q: 'a\u0000b' }, 'q'],
      [{ q: 'a', sort: 'name' }, 'sort'],
      [{}, 'q'],
    ];
    for (const [query, field] of cases) {
      const res = await search(query);
      expect(res.status, JSON.stringify(query)).toBe(422);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });
});

describe('GET /communes/{code}', () => {
  it('answers one unit by code, and 404 for a code that names none', async () => {
    const res = await t.call('GET', '/api/v1/communes/05818');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: '05818',
      name: 'Xã La Bằng',
      kind: 'xa',
      province: { id: 'thai-nguyen', name: 'Thái Nguyên' },
    });
    for (const code of ['99999', '5818', 'abcde']) {
      const missing = await t.call('GET', `/api/v1/communes/${code}`);
      expect(missing.status, code).toBe(404);
      expect(errorCode(missing)).toBe('NOT_FOUND');
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = await t.call('GET', '/api/v1/openapi.json');
    expect(doc.body.paths['/api/v1/communes'].get.responses).toHaveProperty('422');
    expect(doc.body.paths['/api/v1/communes/{code}'].get.responses).toHaveProperty('404');
  });
});
