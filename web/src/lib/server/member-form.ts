// Reading the member forms (add and edit) and explaining the API's refusals of them. Relative
// imports, contracts and structural types only: the tests project type-checks this file too.
import { errorDetailsOf, type MemberDisplayPreference } from '@nongsan/contracts';
import type { Message } from '../i18n/index.ts';

export type MemberRoleInput = 'manager' | 'staff' | 'member';

/** The role radio; anything unexpected is the safest role, a plain member. */
export function parseRole(value: string): MemberRoleInput {
  return value === 'manager' || value === 'staff' ? value : 'member';
}

export function parseDisplay(value: string): MemberDisplayPreference {
  return value === 'full' || value === 'none' ? value : 'initials';
}

/**
 * 409 on a member form: the phone is another member's (`member_phone_taken`, said at the phone
 * field), or the change would lock out the person acting or the owner (`member_protected`, their
 * role, phone or status: "ask another manager"). The API's `details.reason` says which; without
 * one (an older API), the safer reading is the protected one, which names no field.
 */
export function protectedOrTaken(failure: { details: unknown }): {
  form: Message;
  fields: Record<string, Message>;
} {
  if (errorDetailsOf('CONFLICT', failure.details)?.reason === 'member_phone_taken') {
    return { form: { key: 'err.form' }, fields: { phone: { key: 'coop.err.phoneTaken' } } };
  }
  return { form: { key: 'coop.err.protected' }, fields: {} };
}
