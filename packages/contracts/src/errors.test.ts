import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_DETAILS, ERROR_STATUS, ErrorEnvelopeSchema, errorDetailsOf } from './errors.ts';

describe('the error codes', () => {
  it('each has a status (4xx, or 5xx for a dependency or a bug) and a details entry', () => {
    for (const code of ERROR_CODES) {
      const status = ERROR_STATUS[code];
      if (code === 'INTERNAL' || code === 'SERVICE_UNAVAILABLE' || code === 'SEARCH_UNAVAILABLE')
        expect(status).toBeGreaterThanOrEqual(500);
      else expect(status).toBeLessThan(500);
      expect(ERROR_DETAILS).toHaveProperty(code);
    }
    expect(ERROR_STATUS.CSRF).toBe(403);
  });
});

describe('errorDetailsOf', () => {
  it("reads details as the code's shape", () => {
    expect(errorDetailsOf('CONFLICT', { reason: 'member_phone_taken', field: 'phone' })?.reason).toBe(
      'member_phone_taken',
    );
    expect(
      errorDetailsOf('VALIDATION_FAILED', [{ path: 'amountVnd', code: 'x', message: 'm', refundableVnd: 5 }]),
    ).toEqual([{ path: 'amountVnd', code: 'x', message: 'm', refundableVnd: 5 }]);
    expect(errorDetailsOf('INSUFFICIENT_STOCK', [{ listingId: 'l', requested: 3, available: 1 }])).toHaveLength(1);
  });

  it('is null for what does not fit, and for codes without details', () => {
    expect(errorDetailsOf('CONFLICT', { reason: 'something new' })).toBeNull();
    expect(errorDetailsOf('INVALID_CODE', 'three')).toBeNull();
    expect(errorDetailsOf('NOT_FOUND', { field: 'x' })).toBeNull();
    expect(errorDetailsOf('CONFLICT', undefined)).toBeNull();
  });
});

describe('ErrorEnvelopeSchema', () => {
  it('publishes code as the closed list', () => {
    const envelope = (code: string) => ({ error: { code, message: 'm', requestId: 'r' } });
    expect(ErrorEnvelopeSchema.safeParse(envelope('CSRF')).success).toBe(true);
    expect(ErrorEnvelopeSchema.safeParse(envelope('TEAPOT')).success).toBe(false);
  });
});
