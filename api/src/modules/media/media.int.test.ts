import { schema } from '@nongsan/db';
import { makePngHeaderBomb, webpChunkTypes } from '@nongsan/media/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { makePhoto, uploadPhoto } from '../../../test/listing-factories.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = (await t.signIn()).token;
});
afterAll(async () => {
  await t.close();
});

async function mediaRows(): Promise<number> {
  const [row] = await t.db.select({ n: count() }).from(schema.media);
  return row?.n ?? 0;
}

const form = (parts: Record<string, Blob | string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, value, 'photo.jpg');
  }
  return data;
};

describe('POST /media', () => {
  it('turns a JPEG into WebP variants served back with an immutable cache header', async () => {
    const res = await uploadPhoto(t, token, await makePhoto(1200, 900));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      mediaId: expect.stringMatching(/^[0-9a-f]{32}$/),
      width: 1200,
      height: 900,
      placeholder: expect.stringMatching(/^data:image\/webp;base64,/),
    });
    expect(res.body.variants.map((v: { width: number }) => v.width)).toEqual([400, 800]);
    for (const variant of res.body.variants) {
      expect(variant).toEqual({
        width: variant.width,
        format: 'webp',
        url: `/api/v1/media/files/${res.body.mediaId}/${variant.width}.webp`,
      });
      const file = await t.app.request(variant.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/webp');
      expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const bytes = new Uint8Array(await file.arrayBuffer());
      // A WebP with image data only: no EXIF, XMP or ICC chunk survived.
      expect(webpChunkTypes(bytes).filter((c) => ['EXIF', 'XMP ', 'ICCP'].includes(c))).toEqual([]);
    }
  });

  it('gives the same photo the same id, stored once', async () => {
    const photo = await makePhoto(640, 480);
    const first = await uploadPhoto(t, token, photo);
    const before = await mediaRows();
    const second = await uploadPhoto(t, token, photo);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await mediaRows()).toBe(before);
  });

  it('refuses a text file named .jpg with 415', async () => {
    const before = await mediaRows();
    const res = await t.call('POST', '/api/v1/media', {
      token,
      body: form({ file: new Blob(['hello, this is not a photo'], { type: 'image/jpeg' }) }),
    });
    expect(res.status).toBe(415);
    expect(errorCode(res)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.details.supportedFormats).toEqual(expect.arrayContaining(['jpeg', 'png', 'webp']));
    expect(await mediaRows()).toBe(before);
  });

  it('refuses a 16 MB body with 413 before processing it', async () => {
    const before = await mediaRows();
    const big = new Uint8Array(16 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff]);
    const res = await t.call('POST', '/api/v1/media', {
      token,
      body: form({ file: new Blob([big], { type: 'image/jpeg' }) }),
    });
    expect(res.status).toBe(413);
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(await mediaRows()).toBe(before);
  });

  it('reads bodies up to the photo limit: 14 MB of non-image bytes is 415, not 413', async () => {
    const junk = new Uint8Array(14 * 1024 * 1024);
    junk.set([0xff, 0xd8, 0xff]);
    const res = await t.call('POST', '/api/v1/media', {
      token,
      body: form({ file: new Blob([junk], { type: 'image/jpeg' }) }),
    });
    expect(res.status).toBe(415);
    expect(errorCode(res)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a tiny file declaring 30000×30000 pixels, and the next upload still works', async () => {
    const bomb = makePngHeaderBomb(30_000, 30_000);
    expect(bomb.byteLength).toBeLessThan(1024);
    const res = await t.call('POST', '/api/v1/media', {
      token,
      body: form({ file: new Blob([new Uint8Array(bomb)], { type: 'image/png' }) }),
    });
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: 'file',
        code: 'image_too_large',
        width: 30_000,
        height: 30_000,
        maxPixels: 40_000_000,
      }),
    ]);
    const next = await uploadPhoto(t, token);
    expect(next.status).toBe(201);
  });

  it('refuses a missing file, extra fields and a JSON body', async () => {
    const missing = await t.call('POST', '/api/v1/media', { token, body: form({ note: 'no file' }) });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'file' })]));
    const extra = await t.call('POST', '/api/v1/media', {
      token,
      body: form({
        file: new Blob([new Uint8Array(await makePhoto(400, 300))], { type: 'image/jpeg' }),
        listingId: 'lst_x',
      }),
    });
    expect(extra.status).toBe(422);
    expect(extra.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'listingId' })]));
    const json = await t.call('POST', '/api/v1/media', { token, json: { file: 'aGVsbG8=' } });
    expect(json.status).toBe(415);
    expect(errorCode(json)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('requires sign-in', async () => {
    const res = await t.call('POST', '/api/v1/media', {
      body: form({ file: new Blob([new Uint8Array(await makePhoto(400, 300))]) }),
    });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});

describe('GET /media/files/*', () => {
  it.each([
    ['an unknown photo', '0123456789abcdef0123456789abcdef/400.webp'],
    ['a key the pipeline never makes', '0123456789abcdef0123456789abcdef/400.png'],
    ['a path escaping the directory', '..%2F..%2Fetc/passwd'],
    ['an encoded traversal', '%2e%2e/%2e%2e'],
  ])('answers 404 for %s', async (_label, key) => {
    const res = await t.call('GET', `/api/v1/media/files/${key}`);
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});
