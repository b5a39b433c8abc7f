import { parseVnMobile } from '@nongsan/vn';
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

/** Free text a person typed: trimmed, non-empty, bounded. */
export const text = (max: number) => z.string().trim().min(1).max(max);

export const IdSchema = z.string().min(1).max(64);

export const LocationSchema = z
  .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
  .strict();
export type Location = z.infer<typeof LocationSchema>;
