// Instants as people in Vietnam read them: `14:05 25/12/2026`, in Vietnam's time whatever the
// server's or the browser's zone (UTC+7 all year). Pure; assembled from parts so the output is the
// same on every ICU build.

const VIETNAM_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `HH:mm dd/mm/yyyy` in Vietnam; an invalid date is returned as it came (never a crash on a page). */
export function formatDateTimeVn(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of VIETNAM_DATE_TIME.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}
