// The date range of a report page (`?tu=&den=`), checked as the API will check it.
import { parseCalendarDate } from './form-values.ts';

/** The API's limit: a year and a day per report. */
const MAX_REPORT_DAYS = 366;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The range asked for (`?tu=&den=`), this month so far by default; `isValid` false when the API would refuse it. */
export function reportRange(url: URL, today: string): { from: string; to: string; isValid: boolean } {
  const from = parseCalendarDate(url.searchParams.get('tu') ?? '') ?? `${today.slice(0, 8)}01`;
  const to = parseCalendarDate(url.searchParams.get('den') ?? '') ?? today;
  const isValid =
    !Number.isNaN(Date.parse(from)) &&
    !Number.isNaN(Date.parse(to)) &&
    to >= from &&
    daysBetween(from, to) < MAX_REPORT_DAYS;
  return { from, to, isValid };
}
