import { ERROR_CODES, ErrorEnvelopeSchema, errorDetailsOf } from '@nongsan/contracts';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError, errorResponse, statusOf, toAppError } from './errors.ts';

describe('error mapping', () => {
  it('gives every code of the contract a status in the ranges clients expect', () => {
    for (const code of ERROR_CODES) {
      const status = statusOf(code);
      if (code === 'INTERNAL' || code === 'SERVICE_UNAVAILABLE' || code === 'SEARCH_UNAVAILABLE')
        expect(status).toBeGreaterThanOrEqual(500);
      else expect(status).toBeLessThan(500);
    }
    expect(statusOf('VALIDATION_FAILED')).toBe(422);
    expect(statusOf('NOT_FOUND')).toBe(404);
    expect(statusOf('INSUFFICIENT_STOCK')).toBe(409);
    expect(statusOf('RATE_LIMITED')).toBe(429);
    expect(statusOf('CSRF')).toBe(403);
  });

  it('types details by code: a throw whose details do not fit its code does not compile', () => {
    // @ts-expect-error NOT_FOUND carries no details
    void new AppError('NOT_FOUND', { details: { field: 'x' } });
    // @ts-expect-error VALIDATION_FAILED's details are field issues
    void new AppError('VALIDATION_FAILED', { details: { attemptsLeft: 1 } });
    // @ts-expect-error a CONFLICT reason is one of the closed list
    void new AppError('CONFLICT', { details: { reason: 'phone taken' } });
    expect(new AppError('CONFLICT', { details: { reason: 'member_phone_taken', field: 'phone' } }).details).toEqual({
      reason: 'member_phone_taken',
      field: 'phone',
    });
  });

  it('answers in the envelope the OpenAPI document publishes', async () => {
    const app = new Hono();
    app.get('/', () => {
      throw new AppError('INVALID_TRANSITION', { details: { status: 'shipped', orderId: 'ord_1' } });
    });
    app.onError((err, c) => errorResponse(c, err, pino({ level: 'silent' })));
    const res = await app.request('/');
    expect(res.status).toBe(409);
    const parsed = ErrorEnvelopeSchema.safeParse(await res.json());
    expect(parsed.success).toBe(true);
    expect(parsed.data?.error.code).toBe('INVALID_TRANSITION');
    expect(errorDetailsOf('INVALID_TRANSITION', parsed.data?.error.details)).toEqual({
      status: 'shipped',
      orderId: 'ord_1',
    });
  });

  it("maps Hono's HTTP exceptions onto codes", () => {
    expect(toAppError(new HTTPException(400, { message: 'Malformed JSON' })).code).toBe('BAD_REQUEST');
    expect(toAppError(new HTTPException(413)).code).toBe('PAYLOAD_TOO_LARGE');
    expect(toAppError(new HTTPException(415)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(toAppError(new HTTPException(404)).code).toBe('NOT_FOUND');
    expect(toAppError(new HTTPException(502)).code).toBe('INTERNAL');
  });

  it('turns unknown errors into INTERNAL without leaking the message, and logs them', async () => {
    const logged: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const app = new Hono();
    app.get('/boom', () => {
      throw new Error('password=hunter2 at db.internal');
    });
    app.onError((err, c) => errorResponse(c, err, logger));
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(logged).toHaveLength(1);
  });

  it('sends Retry-After with RATE_LIMITED', async () => {
    const app = new Hono();
    app.get('/', () => {
      throw new AppError('RATE_LIMITED', { retryAfter: 12.2 });
    });
    app.onError((err, c) => errorResponse(c, err, pino({ level: 'silent' })));
    const res = await app.request('/');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('13');
  });
});
