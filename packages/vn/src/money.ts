// VND amounts and dates, written the Vietnamese way. Money is an integer number of đồng
// everywhere in nongsan (VND has no minor unit), so these functions refuse fractions instead of
// rounding them: a fractional amount is a bug upstream, and rounding would hide it.

/**
 * The space between an amount and ₫: U+00A0 NO-BREAK SPACE, so a narrow phone screen never wraps
 * the ₫ onto a line of its own. It is also what `Intl.NumberFormat('vi-VN', { style: 'currency',
 * currency: 'VND' })` puts there, so the two can be mixed without a visible difference.
 */
export const VND_SPACE = '\u00a0';

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/**
 * Formats an amount of đồng: `formatVnd(12500000) === '12.500.000\u00a0₫'` (dots between
 * thousands, a no-break space before ₫; see VND_SPACE). Negative amounts (refunds, adjustments)
 * get a leading minus: `-5.000\u00a0₫`. Written out rather than through Intl so the output is the
 * same on every server and browser, whatever ICU data it ships.
 * @throws RangeError when `amount` is not a safe integer.
 */
export function formatVnd(amount: number): string {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`formatVnd: ${amount} is not a whole number of đồng`);
  }
  const digits = Math.abs(amount).toString().replace(THOUSANDS, '.');
  return `${amount < 0 ? '-' : ''}${digits}${VND_SPACE}₫`;
}

/** True when `value` can be a price or a payment: a positive safe integer number of đồng. */
export function isValidVnd(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

// Vietnam has kept UTC+7 without daylight saving since 1975; naming the zone rather than adding
// seven hours keeps older dates right too. Building a DateTimeFormat is slow, so there is one.
const VIETNAM_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/**
 * The calendar date in Vietnam (Asia/Ho_Chi_Minh) of an instant, as `dd/mm/yyyy`.
 * Accepts a Date, epoch milliseconds or an ISO 8601 string. `2025-06-30T18:00:00Z` is already
 * `01/07/2025` in Vietnam. A date-only string (`2025-07-01`) is UTC midnight, which is the same
 * day in Vietnam.
 * @throws RangeError for an invalid date.
 */
export function formatDateVn(date: Date | number | string): string {
  const instant = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError(`formatDateVn: invalid date ${String(date)}`);
  }
  // Assembled from parts: the locale's own pattern is not ours to depend on.
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of VIETNAM_DATE.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.day}/${parts.month}/${parts.year}`;
}
