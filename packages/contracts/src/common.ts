import { CONTROL_CHARACTER, parseVnMobile } from '@nongsan/vn';
import { z } from 'zod';

/** A Vietnamese mobile number in any form people type; parsed to E.164 (`+84912345678`). */
export const PhoneSchema = z
  .string()
  .trim()
  .min(1, 'phone is required')
  .max(32)
  .transform((value, ctx) => {
    const e164 = parseVnMobile(value);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'not a Vietnamese mobile number' });
      return z.NEVER;
    }
    return e164;
  });

// Control characters (vn's CONTROL_CHARACTER) are never typed by a person: they come from broken
// clients or probes. Refused at the schema, so nothing is written. One line: no Cc at all, tab
// and line breaks included; several lines: none of CONTROL_CHARACTER.
const ONE_LINE = /^\P{Cc}*$/u;
const MULTI_LINE = new RegExp(`^(?:(?!${CONTROL_CHARACTER.source})[\\s\\S])*$`, 'u');

/** Free text a person typed on one line: trimmed, non-empty, bounded, no control characters. */
export const text = (max: number) =>
  z.string().trim().min(1).max(max).regex(ONE_LINE, 'must not contain control characters or line breaks');

/** A query-string value as typed (a search box): one line, may be empty, no control characters. */
export const queryText = (max: number) =>
  z.string().trim().max(max).regex(ONE_LINE, 'must not contain control characters or line breaks');

/** Free text that may run over several lines (a description, a bio): newlines and tabs allowed. */
export const multilineText = (max: number) =>
  z.string().trim().min(1).max(max).regex(MULTI_LINE, 'must not contain control characters');

/**
 * The ids the API hands out (`lst_…`, `ord_…`): letters, digits, `_` and `-`. In a path, anything
 * else names nothing, so the router answers 404 (lib/router.ts).
 */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not an id');

export const LocationSchema = z
  .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
  .strict();
export type Location = z.infer<typeof LocationSchema>;
