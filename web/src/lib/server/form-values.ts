// Reading plain form posts: text fields, calendar dates, and today's date in Vietnam.

export function textOf(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** `YYYY-MM-DD` or null. The API checks the date exists; this only keeps junk out of the request. */
export function parseCalendarDate(text: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
}

// en-CA formats dates as YYYY-MM-DD; the zone makes it Vietnam's date whatever the server's.
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Vietnam as `YYYY-MM-DD`: harvest dates are days there, not instants. */
export function todayInVietnam(now: Date = new Date()): string {
  return VIETNAM_DAY.format(now);
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
