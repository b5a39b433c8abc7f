import { describe, expect, it } from 'vitest';
import { formatDateVn, formatVnd, isValidVnd, VND_SPACE } from './money.ts';

describe('formatVnd', () => {
  it.each([
    [0, '0'],
    [5, '5'],
    [999, '999'],
    [1000, '1.000'],
    [45000, '45.000'],
    [100000, '100.000'],
    [1250000, '1.250.000'],
    [12500000, '12.500.000'],
    [Number.MAX_SAFE_INTEGER, '9.007.199.254.740.991'],
  ])('formats %d as %j ₫', (amount, digits) => {
    expect(formatVnd(amount)).toBe(`${digits}\u00a0₫`);
  });

  it('puts a no-break space before ₫', () => {
    expect(VND_SPACE).toBe('\u00a0');
    expect(formatVnd(12500000)).toBe('12.500.000\u00a0₫');
    expect(formatVnd(12500000)).not.toContain(' ');
  });

  it('writes what Intl writes for vi-VN (Node ships full ICU since v13)', () => {
    const intl = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
    for (const amount of [0, 45000, 1250000, -5000]) {
      expect(formatVnd(amount)).toBe(intl.format(amount));
    }
  });

  it('signs negative amounts', () => {
    expect(formatVnd(-5000)).toBe('-5.000\u00a0₫');
    expect(formatVnd(-999)).toBe('-999\u00a0₫');
  });

  it.each([1.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %d', (amount) => {
    expect(() => formatVnd(amount)).toThrow(RangeError);
  });
});

describe('isValidVnd', () => {
  it.each([1, 500, 45000, Number.MAX_SAFE_INTEGER])('accepts %d', (value) => {
    expect(isValidVnd(value)).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '45000', null, undefined, 45000n])(
    'rejects %s',
    (value) => {
      expect(isValidVnd(value)).toBe(false);
    },
  );
});

describe('formatDateVn', () => {
  it('writes dd/mm/yyyy with leading zeros', () => {
    expect(formatDateVn(new Date('2025-07-01T03:00:00Z'))).toBe('01/07/2025');
    expect(formatDateVn(new Date('2025-12-31T10:00:00Z'))).toBe('31/12/2025');
  });

  it('uses the calendar day in Vietnam (UTC+7), not the server zone', () => {
    // 18:00 UTC on 30 June is 01:00 on 1 July in Vietnam.
    expect(formatDateVn('2025-06-30T18:00:00Z')).toBe('01/07/2025');
    expect(formatDateVn('2025-06-30T16:59:59Z')).toBe('30/06/2025');
    expect(formatDateVn('2025-06-30T17:00:00Z')).toBe('01/07/2025');
    expect(formatDateVn('2025-12-31T17:00:00Z')).toBe('01/01/2026');
  });

  it('accepts epoch milliseconds and date-only ISO strings', () => {
    expect(formatDateVn(Date.UTC(2024, 1, 29, 12))).toBe('29/02/2024');
    expect(formatDateVn('2025-07-01')).toBe('01/07/2025');
  });

  it('refuses an invalid date', () => {
    expect(() => formatDateVn('not a date')).toThrow(RangeError);
    expect(() => formatDateVn(new Date(Number.NaN))).toThrow(RangeError);
  });
});
