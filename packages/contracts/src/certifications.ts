import { z } from 'zod';
import { IdSchema, text } from './common.ts';
import { CalendarDateSchema } from './dates.ts';

export const CertificationTypeSchema = z.enum(['vietgap', 'globalgap', 'organic', 'ocop']);
export type CertificationType = z.infer<typeof CertificationTypeSchema>;

/**
 * A certificate a seller holds. `verified` is not a field: only an operator's verify call sets it,
 * so a seller sending it gets 422 (strict), never a self-verified badge.
 */
export const CertificationCreateSchema = z
  .object({
    type: CertificationTypeSchema,
    /** OCOP only: the star rating, 3 to 5 (1–2 stars are not awarded to products for sale). */
    stars: z.number().int().min(3).max(5).optional(),
    certificateNumber: text(100),
    issuer: text(200),
    validFrom: CalendarDateSchema,
    validTo: CalendarDateSchema,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.type === 'ocop' && value.stars === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stars'], message: 'OCOP certificates carry 3 to 5 stars' });
    }
    if (value.type !== 'ocop' && value.stars !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['stars'], message: 'only OCOP certificates have stars' });
    }
    if (value.validTo < value.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo is before validFrom' });
    }
  });
export type CertificationCreate = z.infer<typeof CertificationCreateSchema>;

export const CertificationSchema = z.object({
  id: IdSchema,
  sellerId: z.string(),
  type: CertificationTypeSchema,
  stars: z.number().int().nullable(),
  certificateNumber: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  /** True only once an operator has checked the certificate; nothing shows a badge before that. */
  isVerified: z.boolean(),
  verifiedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Certification = z.infer<typeof CertificationSchema>;
