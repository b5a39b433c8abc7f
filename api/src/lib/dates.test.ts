import { describe, expect, it } from 'vitest';
import { addDays, vnDate, vnDayStart } from './dates.ts';

describe('vnDate', () => {
  it('takes the day in Vietnam, not in UTC', () => {
    expect(vnDate(new Date('2026-11-27T16:59:59Z'))).toBe('2026-11-27');
    expect(vnDate(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});

describe('addDays', () => {
  it('crosses months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('vnDayStart', () => {
  it('is 17:00 UTC the day before', () => {
    expect(vnDayStart('2026-11-28').toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(vnDate(vnDayStart('2026-11-28'))).toBe('2026-11-28');
    expect(vnDate(new Date(vnDayStart('2026-11-28').getTime() - 1))).toBe('2026-11-27');
  });
});
