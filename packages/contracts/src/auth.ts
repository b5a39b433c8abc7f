import { z } from 'zod';
import { PhoneSchema, text } from './common.ts';

export const OtpRequestSchema = z.object({ phone: PhoneSchema }).strict();
export type OtpRequest = z.infer<typeof OtpRequestSchema>;

export const OtpSentSchema = z.object({
  /** The phone masked, to show "code sent to 091* *** 678". */
  sentTo: z.string(),
  expiresInSeconds: z.number().int(),
  /** Only outside production with the console SMS provider: the code itself, for development. */
  devCode: z.string().optional(),
});
export type OtpSent = z.infer<typeof OtpSentSchema>;

export const VerifyRequestSchema = z
  .object({
    phone: PhoneSchema,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'the code is 6 digits'),
    name: text(120).optional(),
  })
  .strict();
export type VerifyRequest = z.infer<typeof VerifyRequestSchema>;

export const UserSchema = z.object({
  id: z.string(),
  phone: z.string(),
  name: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const SessionSchema = z.object({ token: z.string(), expiresAt: z.string(), user: UserSchema });
export type Session = z.infer<typeof SessionSchema>;

export const SellerRoleSchema = z.enum(['owner', 'manager', 'staff', 'member']);
export type SellerRole = z.infer<typeof SellerRoleSchema>;

export const MeSchema = z.object({
  user: UserSchema,
  isOperator: z.boolean(),
  /** Every seller this user may see from the inside, with the strongest role they hold there. */
  sellers: z.array(
    z.object({
      sellerId: z.string(),
      kind: z.enum(['farmer', 'cooperative']),
      name: z.string(),
      role: SellerRoleSchema,
      memberId: z.string().nullable(),
    }),
  ),
});
export type Me = z.infer<typeof MeSchema>;
