import { z } from 'zod';

/**
 * A calendar date, `YYYY-MM-DD` (impossible dates such as 2026-02-30 are refused). Harvest, expiry
 * and validity are days in Vietnam, not instants: they are compared with today's date in
 * Asia/Ho_Chi_Minh.
 */
export const CalendarDateSchema = z.iso.date();
