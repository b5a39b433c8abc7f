// Harvest, expiry and validity are calendar days in Vietnam. The server may run in any zone (UTC in
// production), so "today" is always taken in Asia/Ho_Chi_Minh, never from the host's local time.
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Vietnam of an instant, `YYYY-MM-DD`: 2026-11-27T18:00Z is already 2026-11-28 there. */
export function vnDate(instant: Date): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of VIETNAM_DAY.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `YYYY-MM-DD` plus `days` (calendar arithmetic, no zones involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant a Vietnam calendar day (`YYYY-MM-DD`) starts: UTC+7 all year, no daylight saving since 1975. */
export function vnDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}
