import { ERROR_CODES } from '@nongsan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('app core', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await t.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await t.call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', database: 'postgres' });
  });

  it('answers an unknown path with the NOT_FOUND envelope and a request id', async () => {
    const res = await t.call('GET', '/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.headers.get('x-request-id')).toBe(res.body.error.requestId);
  });

  it('puts a request id and secure headers on every response', async () => {
    const res = await t.call('GET', '/healthz');
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('keeps a caller-provided request id', async () => {
    const res = await t.call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('refuses malformed JSON with BAD_REQUEST', async () => {
    const res = await t.call('POST', '/api/v1/auth/otp', {
      body: '{"phone": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_REQUEST');
  });

  it('refuses a body that is not JSON with 415 or 422, never 500', async () => {
    const res = await t.call('POST', '/api/v1/auth/otp', {
      body: 'phone=0912345678',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([415, 422]).toContain(res.status);
    expect(['UNSUPPORTED_MEDIA_TYPE', 'VALIDATION_FAILED']).toContain(errorCode(res));
  });

  it('refuses an oversized body with PAYLOAD_TOO_LARGE and writes nothing', async () => {
    const res = await t.call('POST', '/api/v1/auth/otp', { json: { phone: '0912345678', pad: 'x'.repeat(100_000) } });
    expect(res.status).toBe(413);
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(t.sent).toHaveLength(0);
  });

  it('serves the OpenAPI document and a docs page', async () => {
    const doc = await t.call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/otp', '/api/v1/auth/verify', '/api/v1/me', '/api/v1/sellers']),
    );
    // Strict request schemas show as closed objects.
    const otpBody = doc.body.paths['/api/v1/auth/otp'].post.requestBody.content['application/json'].schema;
    expect(otpBody.additionalProperties).toBe(false);
    // The error envelope publishes the closed list of codes, the same for every route.
    const envelope = doc.body.paths['/api/v1/me'].get.responses['401'].content['application/json'].schema;
    const codeOf = (schema: { properties: { error: { properties: { code: unknown } } } }) =>
      schema.properties.error.properties.code;
    expect(codeOf(envelope)).toEqual(expect.objectContaining({ type: 'string', enum: [...ERROR_CODES] }));
    // What the storefront shows as buttons is published with the views.
    expect(JSON.stringify(doc.body)).toContain('"canCancel"');
    expect(JSON.stringify(doc.body)).toContain('"nextActions"');
    const docs = await t.call('GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('/api/v1/openapi.json');
  });
});
